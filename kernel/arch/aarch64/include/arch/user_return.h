/* The first half of aarch64's return to user mode (arch.h), inline for the fastpath: load
 * TTBR0 and flush the TLB (every user mapping is tagged ASID 0). The second half is
 * arch_context_restore (context.c): FP/SIMD access, then the eret (vectors.S). */
#pragma once
#include <arch/sysreg.h>

static inline void arch_vspace_load(paddr_t root)
{
    dsb_ish();
    sysreg_write(ttbr0_el1, root);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
}
