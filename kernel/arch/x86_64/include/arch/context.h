/*
 * The user registers the x86_64 trap entry saves (entry.S), and their ABI roles (sel4-abi.md §2).
 * The CPU pushes its interrupt frame (rip .. ss) straight into the context, because TSS.rsp0
 * points just past it; entry.S pushes everything else below. entry.S shares this layout.
 */
#pragma once

/* Byte offsets into struct arch_context, for entry.S. */
#define CONTEXT_FAULT_IP 128
#define CONTEXT_VECTOR 136
#define CONTEXT_RIP 152
#define CONTEXT_RFLAGS 168
#define CONTEXT_RSP 176
#define CONTEXT_FRAME_END 192 /* where TSS.rsp0 points: just past ss */
#define CONTEXT_FS_BASE 192
#define CONTEXT_GS_BASE 200

/* The vector recorded for a SYSCALL entry (not a hardware vector), so the exit can use SYSRET. */
#define VECTOR_SYSCALL 256

#define FPU_STATE_BYTES 512
/* The FXSAVE image's control words: FCW at byte 0, MXCSR at byte 24; their reset values
 * mask every x87 and SSE exception. */
#define FPU_FCW_OFFSET 0
#define FPU_FCW_DEFAULT 0x037f
#define FPU_MXCSR_OFFSET 24
#define FPU_MXCSR_DEFAULT 0x1f80

#define USER_RFLAGS_IF 0x200ul
#define USER_RFLAGS_RESERVED 0x2ul /* bit 1 always reads as one */
#define USER_RFLAGS_TF 0x100ul
/* What a user may set: CF..OF (bits 0-11, bits 3 and 5 read as zero), AC and ID. */
#define USER_RFLAGS_MASK (0xfd7ul | 0x40000ul | 0x200000ul)
#define USER_CANONICAL_TOP 0x00007ffffffffffful
#define KERNEL_CANONICAL_BASE 0xffff800000000000ul

/* seL4_UserContext (ABI §3.7): rip, rsp, rflags, rax ... r15 (the 18 "frame registers"), then
 * fs_base and gs_base. */
#define ARCH_USER_CONTEXT_WORDS 20
#define ARCH_USER_CONTEXT_FRAME_WORDS 18
/* The seL4_UserContext words a Timeout fault's reply writes (§7): rip to r15 and fs_base. */
#define ARCH_TIMEOUT_REPLY_WORDS 19
/* Fault messages' registers as seL4_UserContext words (arch.h; sel4-abi.md §7.2): RAX..R15,
 * FaultIP, SP, FLAGS; FaultIP, SP, FLAGS. */
#define ARCH_UNKNOWN_SYSCALL_REGISTERS \
    {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0, 1, 2}
#define ARCH_USER_EXCEPTION_REGISTERS {0, 1, 2}
/* Without the FSGSBASE instructions user code sets its TLS base through the kernel (ABI §1.2). */
#define ARCH_SET_TLS_BASE_SYSCALL 1

#ifndef __ASSEMBLER__
#include <core/user_reg.h>
#include <types.h>

struct arch_context {
    word_t padding; /* keeps the frame end 16-byte aligned: the CPU aligns rsp0 down to 16 */
    word_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    word_t fault_ip; /* the instruction that trapped (the syscall itself, for SYSCALL) */
    word_t vector;   /* how the thread last entered: exception or interrupt vector, or SYSCALL */
    word_t error;    /* the exception's error code, else 0 */
    word_t rip, cs, rflags, rsp, ss; /* the CPU's interrupt frame; rip is where it resumes */
    /* Loaded on the way out (context.c); with FSGSBASE user code may change them, so
     * entry.S saves them on every entry from user mode. */
    word_t fs_base, gs_base;
    uint8_t fpu[FPU_STATE_BYTES] __attribute__((aligned(16))); /* FXSAVE image: x87, SSE */
} __attribute__((aligned(16)));

_Static_assert(__builtin_offsetof(struct arch_context, fault_ip) == CONTEXT_FAULT_IP, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, vector) == CONTEXT_VECTOR, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, rip) == CONTEXT_RIP, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, rflags) == CONTEXT_RFLAGS, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, rsp) == CONTEXT_RSP, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, ss) + 8 == CONTEXT_FRAME_END, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, fs_base) == CONTEXT_FS_BASE, "entry.S");
_Static_assert(__builtin_offsetof(struct arch_context, gs_base) == CONTEXT_GS_BASE, "entry.S");
_Static_assert(CONTEXT_FRAME_END % 16 == 0, "the CPU aligns the interrupt frame to 16 bytes");

static inline word_t *arch_user_reg_slot(struct arch_context *context, enum user_reg reg)
{
    switch (reg) {
    case REG_CAP: return &context->rdi;
    case REG_MSGINFO: return &context->rsi;
    case REG_MR0: return &context->r10;
    case REG_MR1: return &context->r8;
    case REG_MR2: return &context->r9;
    case REG_MR3: return &context->r15;
    case REG_REPLY: return &context->r12;
    case REG_NBSEND_DEST: return &context->r13;
    case REG_SYSCALL: return &context->rdx;
    case REG_FAULT_IP: return &context->fault_ip;
    case REG_NEXT_IP: return &context->rip;
    case REG_SP: return &context->rsp;
    }
    __builtin_unreachable();
}

static inline word_t arch_user_reg_get(const struct arch_context *context, enum user_reg reg)
{
    return *arch_user_reg_slot((struct arch_context *)context, reg);
}

static inline void arch_user_reg_set(struct arch_context *context, enum user_reg reg, word_t value)
{
    *arch_user_reg_slot(context, reg) = value;
}
#endif
