/* Stand-in arch for host unit tests: a thread's registers are just the ABI roles. */
#pragma once
#include <core/user_reg.h>
#include <types.h>

struct arch_context {
    word_t regs[REG_SP + 1];
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
