/* Stand-in arch for host unit tests: a thread's registers are just the ABI roles. */
#pragma once
#include <core/user_reg.h>
#include <types.h>

/* The stand-in seL4_UserContext: the role registers, in role order. */
#define ARCH_USER_CONTEXT_WORDS (REG_SP + 1)
#define ARCH_USER_CONTEXT_FRAME_WORDS 4
/* The seL4_UserContext words a Timeout fault's reply writes: all of them. */
#define ARCH_TIMEOUT_REPLY_WORDS ARCH_USER_CONTEXT_WORDS
/* Fault messages carry the first two context words; an UnknownSyscall message then the
 * next IP, as aarch64's does (its "LR" word). */
#define ARCH_UNKNOWN_SYSCALL_REGISTERS {0, 1, FAULT_REGISTER_NEXT_IP}
#define ARCH_USER_EXCEPTION_REGISTERS {0, 1}

struct arch_context {
    word_t regs[ARCH_USER_CONTEXT_WORDS];
    word_t tls_base;
};

static inline word_t arch_user_reg_get(const struct arch_context *context, enum user_reg reg)
{
    return context->regs[reg];
}

static inline void arch_user_reg_set(struct arch_context *context, enum user_reg reg,
                                     word_t value)
{
    context->regs[reg] = value;
}
