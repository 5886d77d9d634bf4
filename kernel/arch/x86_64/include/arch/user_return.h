/* The two halves of x86_64's return to user mode (arch.h), inline for the fastpath: load
 * CR3, which without PCID flushes every non-global TLB entry, only on a change; then the
 * thread's FPU and TLS state and SYSRET or IRETQ (context.c). */
#pragma once
#include <arch/cpu.h>

struct tcb;

/* The PML4 in CR3 (vspace.c keeps it). */
extern paddr_t vspace_active_root;
_Noreturn void context_restore_user(struct tcb *thread);

static inline void arch_vspace_activate(paddr_t root)
{
    if (root == vspace_active_root)
        return;
    vspace_active_root = root;
    cpu_write_cr3(root);
}

static inline _Noreturn void arch_context_restore(struct tcb *thread)
{
    context_restore_user(thread);
}
