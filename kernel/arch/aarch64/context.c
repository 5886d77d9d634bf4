/* A thread's user registers on aarch64: the initial state, the dump in fault reports, and
 * the way back to EL0 (vectors.S restores them). */
#include <arch.h>
#include <arch/trap.h>
#include <arch/vspace.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <object/tcb.h>

#define SPSR_EL0T 0 /* EL0, AArch64, DAIF clear: interrupts on */

void arch_context_init_user(struct arch_context *context, vaddr_t entry)
{
    memset(context, 0, sizeof(*context));
    context->elr = entry;
    context->fault_ip = entry;
    context->spsr = SPSR_EL0T;
}

void arch_return_to_user(struct tcb *thread)
{
    vspace_activate(thread->vspace_root);
    trap_restore_user(&thread->context);
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
