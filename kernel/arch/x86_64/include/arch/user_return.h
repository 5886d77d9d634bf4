/* The first half of x86_64's return to user mode (arch.h), inline for the fastpath: load
 * CR3, which without PCID flushes every non-global TLB entry. The second half is
 * arch_context_restore (context.c): FPU and TLS state, then SYSRET or IRETQ. */
#pragma once
#include <arch/cpu.h>

static inline void arch_vspace_load(paddr_t root)
{
    cpu_write_cr3(root);
}
