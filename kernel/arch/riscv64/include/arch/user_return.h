/* The two halves of riscv64's return to user mode (arch.h), inline for the fastpath: write
 * satp and flush the TLB (every address space runs under hardware ASID 0) only on a change;
 * then the thread's FP state and sstatus, and sret (context.c, entry.S). */
#pragma once
#include <arch/csr.h>

struct tcb;

/* The root satp points at (vspace.c keeps it). */
extern paddr_t vspace_active_root;
_Noreturn void context_restore_user(struct tcb *thread);

static inline void arch_vspace_activate(paddr_t root)
{
    if (root == vspace_active_root)
        return;
    vspace_active_root = root;
    csr_write(satp, SATP_MODE_SV39 | (root >> PAGE_BITS));
    sfence_vma_all();
}

static inline _Noreturn void arch_context_restore(struct tcb *thread)
{
    context_restore_user(thread);
}
