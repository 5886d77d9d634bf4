/* The first half of riscv64's return to user mode (arch.h), inline for the fastpath: write
 * satp and flush the TLB (every address space runs under hardware ASID 0). The second half
 * is arch_context_restore (context.c): FP state and sstatus, then sret (entry.S). */
#pragma once
#include <arch/csr.h>

static inline void arch_vspace_load(paddr_t root)
{
    csr_write(satp, SATP_MODE_SV39 | (root >> PAGE_BITS));
    sfence_vma_all();
}
