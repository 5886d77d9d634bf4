/* The saved user registers of an aarch64 thread, and the ABI roles they play (sel4-abi.md §2:
 * svc #0, number in x7, cap x0, msginfo x1, MR0-3 x2-x5, reply x6, NBSendRecv dest x8).
 * The layout is shared with vectors.S, which saves into it with SP_EL1 pointing at it. */
#pragma once

#define CONTEXT_X0 0x000
#define CONTEXT_SP 0x0f8 /* sp_el0, right after x30 */
#define CONTEXT_ELR 0x100
#define CONTEXT_SPSR 0x108
#define CONTEXT_TPIDR 0x110
#define CONTEXT_TPIDRRO 0x118
#define CONTEXT_FAULT_IP 0x120
#define CONTEXT_FPU 0x130
#define CONTEXT_SIZE 0x340

/* struct arch_fpu_state: q0-q31, then FPSR and FPCR (fpu.S saves and loads it). */
#define FPU_STATE_FPSR 0x200
#define FPU_STATE_FPCR 0x208
#define FPU_STATE_SIZE 0x210

/* seL4_UserContext (ABI §3.7): 36 words, the first 17 of them the "frame registers". */
#define ARCH_USER_CONTEXT_WORDS 36
#define ARCH_USER_CONTEXT_FRAME_WORDS 17
/* The seL4_UserContext words a Timeout fault's reply writes (§7): all but the two TLS
 * registers. */
#define ARCH_TIMEOUT_REPLY_WORDS 34
/* Fault messages' registers as seL4_UserContext words (arch.h; sel4-abi.md §7.2): X0-X7,
 * FaultIP, SP, "LR" (ELR_EL1, the address after the svc), SPSR; FaultIP, SP, SPSR. */
#define ARCH_UNKNOWN_SYSCALL_REGISTERS {3, 4, 5, 6, 7, 8, 9, 10, 0, 1, FAULT_REGISTER_NEXT_IP, 2}
#define ARCH_USER_EXCEPTION_REGISTERS {0, 1, 2}
/* No SetTLSBase syscall: the TLS register is TPIDR_EL0, which user code writes itself (as
 * upstream's KernelArmTLSReg = tpidru, what sel4test and sel4bench use). */
#define ARCH_SET_TLS_BASE_SYSCALL 0

#ifndef __ASSEMBLER__
#include <core/user_reg.h>
#include <stddef.h>
#include <types.h>

/* A thread's FP/SIMD registers while they are not in the hardware (fpu.c decides when). */
struct arch_fpu_state {
    word_t q[64]; /* q0-q31, low word first */
    word_t fpsr;
    word_t fpcr;
};

struct arch_context {
    word_t x[31];
    word_t sp;          /* sp_el0 */
    word_t elr;         /* where the thread resumes (after an svc: the next instruction) */
    word_t spsr;
    word_t tpidr_el0;   /* TLS, written by user code */
    word_t tpidrro_el0; /* read-only for user code */
    word_t fault_ip;    /* the instruction that trapped, set on every entry */
    word_t padding;
    struct arch_fpu_state fpu;
} __attribute__((aligned(16))); /* SP_EL1 points here in user mode and must be aligned */

_Static_assert(offsetof(struct arch_context, sp) == CONTEXT_SP, "vectors.S layout");
_Static_assert(offsetof(struct arch_context, elr) == CONTEXT_ELR, "vectors.S layout");
_Static_assert(offsetof(struct arch_context, spsr) == CONTEXT_SPSR, "vectors.S layout");
_Static_assert(offsetof(struct arch_context, tpidr_el0) == CONTEXT_TPIDR, "vectors.S layout");
_Static_assert(offsetof(struct arch_context, tpidrro_el0) == CONTEXT_TPIDRRO,
               "vectors.S layout");
_Static_assert(offsetof(struct arch_context, fault_ip) == CONTEXT_FAULT_IP, "vectors.S layout");
_Static_assert(offsetof(struct arch_context, fpu) == CONTEXT_FPU, "vectors.S layout");
_Static_assert(sizeof(struct arch_context) == CONTEXT_SIZE, "vectors.S layout");
_Static_assert(offsetof(struct arch_fpu_state, fpsr) == FPU_STATE_FPSR, "fpu.S layout");
_Static_assert(offsetof(struct arch_fpu_state, fpcr) == FPU_STATE_FPCR, "fpu.S layout");
_Static_assert(sizeof(struct arch_fpu_state) == FPU_STATE_SIZE, "fpu.S layout");

static inline word_t *arch_user_reg_slot(struct arch_context *context, enum user_reg reg)
{
    switch (reg) {
    case REG_CAP:
        return &context->x[0];
    case REG_MSGINFO:
        return &context->x[1];
    case REG_MR0:
        return &context->x[2];
    case REG_MR1:
        return &context->x[3];
    case REG_MR2:
        return &context->x[4];
    case REG_MR3:
        return &context->x[5];
    case REG_REPLY:
        return &context->x[6];
    case REG_NBSEND_DEST:
        return &context->x[8];
    case REG_SYSCALL:
        return &context->x[7];
    case REG_FAULT_IP:
        return &context->fault_ip;
    case REG_NEXT_IP:
        return &context->elr;
    case REG_SP:
        return &context->sp;
    }
    return &context->padding; /* unreachable: every role is listed above */
}

static inline word_t arch_user_reg_get(const struct arch_context *context, enum user_reg reg)
{
    return *arch_user_reg_slot((struct arch_context *)context, reg);
}

static inline void arch_user_reg_set(struct arch_context *context, enum user_reg reg,
                                     word_t value)
{
    *arch_user_reg_slot(context, reg) = value;
}
#endif
