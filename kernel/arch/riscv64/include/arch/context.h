/* The saved user state of a riscv64 thread and the ABI roles of its registers (sel4-abi.md
 * §2: ecall, number in a7, cap a0, msginfo a1, MR0-3 a2-a5, reply a6, NBSendRecv dest t0).
 * entry.S saves into and restores from this layout through the CONTEXT_* byte offsets. */
#pragma once

/* x<n> is word n - 1 (x0 is not saved); then sepc twice and sstatus; then the FP state:
 * f0-f31 and fcsr (fpu.S; the trap entry leaves it to C), padded to 16 bytes. */
#define CONTEXT_FAULT_IP (31 * 8)
#define CONTEXT_NEXT_IP (32 * 8)
#define CONTEXT_SSTATUS (33 * 8)
#define CONTEXT_FP (34 * 8)
#define CONTEXT_FCSR (66 * 8)
#define CONTEXT_SIZE (68 * 8)

#ifndef __ASSEMBLER__
#include <core/user_reg.h>
#include <types.h>

enum riscv_reg {
    RISCV_RA, RISCV_SP, RISCV_GP, RISCV_TP, RISCV_T0, RISCV_T1, RISCV_T2, RISCV_S0, RISCV_S1,
    RISCV_A0, RISCV_A1, RISCV_A2, RISCV_A3, RISCV_A4, RISCV_A5, RISCV_A6, RISCV_A7,
    RISCV_S2, RISCV_S3, RISCV_S4, RISCV_S5, RISCV_S6, RISCV_S7, RISCV_S8, RISCV_S9,
    RISCV_S10, RISCV_S11, RISCV_T3, RISCV_T4, RISCV_T5, RISCV_T6,
    RISCV_FAULT_IP, /* sepc at the trap: the instruction that trapped */
    RISCV_NEXT_IP,  /* where sret resumes: FAULT_IP, or the instruction after an ecall */
    RISCV_SSTATUS,  /* as the trap found it; its FS field says whether the user wrote FP */
    RISCV_CONTEXT_WORDS,
};

/* The thread's FP registers and fcsr as last saved: at every trap after the thread wrote
 * them; loaded when it is entered while the registers hold another's (fpu.c). */
struct riscv_fp_state {
    uint64_t f[32];
    word_t fcsr;
    word_t padding;
};

struct arch_context {
    word_t regs[RISCV_CONTEXT_WORDS];
    struct riscv_fp_state fp;
};

/* seL4_UserContext (ABI §3.7): pc, ra, sp, gp, s0-s11 (the frame registers), then a0-a7,
 * t0-t6, tp. */
#define ARCH_USER_CONTEXT_WORDS 32
#define ARCH_USER_CONTEXT_FRAME_WORDS 16
/* The seL4_UserContext words a Timeout fault's reply writes (§7): all of them. */
#define ARCH_TIMEOUT_REPLY_WORDS 32
/* Fault messages' registers as seL4_UserContext words (arch.h; sel4-abi.md §7.2): FaultIP,
 * SP, RA, A0-A6; FaultIP, SP. */
#define ARCH_UNKNOWN_SYSCALL_REGISTERS {0, 2, 1, 16, 17, 18, 19, 20, 21, 22}
#define ARCH_USER_EXCEPTION_REGISTERS {0, 2}
/* No SetTLSBase syscall: tp is an ordinary register user code writes itself (ABI §1.2). */
#define ARCH_SET_TLS_BASE_SYSCALL 0
_Static_assert(sizeof(struct arch_context) == CONTEXT_SIZE, "entry.S uses CONTEXT_* offsets");
_Static_assert(RISCV_FAULT_IP * 8 == CONTEXT_FAULT_IP && RISCV_NEXT_IP * 8 == CONTEXT_NEXT_IP &&
                   RISCV_SSTATUS * 8 == CONTEXT_SSTATUS, "entry.S uses CONTEXT_* offsets");
_Static_assert(offsetof(struct arch_context, fp.f) == CONTEXT_FP &&
                   offsetof(struct arch_context, fp.fcsr) == CONTEXT_FCSR,
               "fpu.S uses CONTEXT_FP and CONTEXT_FCSR");

static inline enum riscv_reg context_role_reg(enum user_reg reg)
{
    switch (reg) {
    case REG_CAP: return RISCV_A0;
    case REG_MSGINFO: return RISCV_A1;
    case REG_MR0: return RISCV_A2;
    case REG_MR1: return RISCV_A3;
    case REG_MR2: return RISCV_A4;
    case REG_MR3: return RISCV_A5;
    case REG_REPLY: return RISCV_A6;
    case REG_NBSEND_DEST: return RISCV_T0;
    case REG_SYSCALL: return RISCV_A7;
    case REG_FAULT_IP: return RISCV_FAULT_IP;
    case REG_NEXT_IP: return RISCV_NEXT_IP;
    case REG_SP: return RISCV_SP;
    }
    return RISCV_A0; /* unreachable: every role is listed above */
}

static inline word_t arch_user_reg_get(const struct arch_context *context, enum user_reg reg)
{
    return context->regs[context_role_reg(reg)];
}

static inline void arch_user_reg_set(struct arch_context *context, enum user_reg reg,
                                     word_t value)
{
    context->regs[context_role_reg(reg)] = value;
}
#endif
