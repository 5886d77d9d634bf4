/* riscv64 seL4_UserContext (ABI §3.7): the order of TCB Read/WriteRegisters words. */
#pragma once
#include <sel4/types.h>

typedef struct seL4_UserContext_ {
    seL4_Word pc, ra, sp, gp;
    seL4_Word s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    seL4_Word a0, a1, a2, a3, a4, a5, a6, a7;
    seL4_Word t0, t1, t2, t3, t4, t5, t6, tp;
} seL4_UserContext;

_Static_assert(sizeof(seL4_UserContext) == 32 * sizeof(seL4_Word), "ABI §3.7");
