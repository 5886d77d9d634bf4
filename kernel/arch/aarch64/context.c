/* A thread's user registers on aarch64: the initial state, the dump in fault reports, and
 * the way back to EL0 (vectors.S restores them; fpu.c hands over the FP/SIMD registers). */
#include <arch.h>
#include <arch/fpu.h>
#include <arch/trap.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <object/tcb.h>

#define SPSR_EL0T 0 /* EL0, AArch64, DAIF clear: interrupts on */
#define SPSR_NZCV (0xful << 28)

void arch_context_init_user(struct arch_context *context, vaddr_t entry)
{
    fpu_forget(context);
    memset(context, 0, sizeof(*context));
    context->elr = entry;
    context->fault_ip = entry;
    context->spsr = SPSR_EL0T;
}

void arch_context_restore(struct tcb *thread)
{
    fpu_prepare_return(thread);
    trap_restore_user(&thread->context);
}

/* seL4_UserContext words 3..33: the general registers in the ABI's order. */
static const uint8_t user_context_x[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  16, 17,
                                         18, 29, 30, 9,  10, 11, 12, 13, 14, 15, 19,
                                         20, 21, 22, 23, 24, 25, 26, 27, 28};
_Static_assert(sizeof(user_context_x) == ARCH_USER_CONTEXT_WORDS - 5, "ABI §3.7");

/* The saved register behind seL4_UserContext word `index` (< ARCH_USER_CONTEXT_WORDS). The
 * pc word is where the thread trapped (seL4's FaultIP). */
static word_t *user_context_slot(struct arch_context *context, word_t index)
{
    switch (index) {
    case 0:
        return &context->fault_ip;
    case 1:
        return &context->sp;
    case 2:
        return &context->spsr;
    case ARCH_USER_CONTEXT_WORDS - 2:
        return &context->tpidr_el0;
    case ARCH_USER_CONTEXT_WORDS - 1:
        return &context->tpidrro_el0;
    default:
        return &context->x[user_context_x[index - 3]];
    }
}

word_t arch_user_context_get(const struct arch_context *context, word_t index)
{
    if (index >= ARCH_USER_CONTEXT_WORDS)
        return 0;
    return *user_context_slot((struct arch_context *)context, index);
}

/* Only the condition flags of SPSR are the thread's to set: it stays at EL0 with interrupts
 * on. Writing pc also sets where the thread resumes. */
void arch_user_context_set(struct arch_context *context, word_t index, word_t value)
{
    if (index >= ARCH_USER_CONTEXT_WORDS)
        return;
    if (index == 2)
        value = (value & SPSR_NZCV) | SPSR_EL0T;
    *user_context_slot(context, index) = value;
    if (index == 0)
        context->elr = value;
}

void arch_set_tls_base(struct arch_context *context, word_t base)
{
    context->tpidr_el0 = base;
}

void registers_print(const word_t x[31])
{
    for (unsigned i = 0; i < 31; i += 3) {
        kprintf("  x%-2u %016lx", i, x[i]);
        if (i + 1 < 31)
            kprintf("  x%-2u %016lx", i + 1, x[i + 1]);
        if (i + 2 < 31)
            kprintf("  x%-2u %016lx", i + 2, x[i + 2]);
        kprintf("\n");
    }
}

void arch_context_print(const struct arch_context *context)
{
    kprintf("  pc  %016lx  sp  %016lx  spsr %08lx  tpidr_el0 %lx\n", context->elr,
            context->sp, context->spsr, context->tpidr_el0);
    registers_print(context->x);
}

