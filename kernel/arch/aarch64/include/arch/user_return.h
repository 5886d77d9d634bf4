/* The two halves of aarch64's return to user mode (arch.h), inline for the fastpath: load
 * TTBR0 and flush the TLB (every user mapping is tagged ASID 0) only on a change; then the
 * thread's FP/SIMD access and the eret (context.c, vectors.S). */
#pragma once
#include <arch/sysreg.h>

struct tcb;

/* The root TTBR0_EL1 holds (vspace.c keeps it). */
extern paddr_t vspace_active_root;
_Noreturn void context_restore_user(struct tcb *thread);

static inline void arch_vspace_activate(paddr_t root)
{
    if (root == vspace_active_root)
        return;
    vspace_active_root = root;
    dsb_ish();
    sysreg_write(ttbr0_el1, root);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
}

static inline _Noreturn void arch_context_restore(struct tcb *thread)
{
    context_restore_user(thread);
}
