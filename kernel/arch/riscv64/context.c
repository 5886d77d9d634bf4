/* User register state: a new thread's initial context, the return to user mode (address
 * space, sstatus, then entry.S restores the registers and srets) and the register dump of a
 * fault report. */
#include <arch.h>
#include <arch/csr.h>
#include <arch/vspace.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <object/tcb.h>

_Noreturn void riscv_enter_user(struct arch_context *context);

static const char *const register_names[RISCV_CONTEXT_WORDS] = {
    "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
    "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6",
    "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6", "sepc", "next", "sstatus",
};

/* FS Initial: user code may use the FP registers from its first instruction. */
void arch_context_init_user(struct arch_context *context, vaddr_t entry)
{
    memset(context, 0, sizeof(*context));
    context->regs[RISCV_FAULT_IP] = entry;
    context->regs[RISCV_NEXT_IP] = entry;
    context->regs[RISCV_SSTATUS] = SSTATUS_SPIE | SSTATUS_FS_INITIAL;
}

/* sret to user mode (SPP 0) with interrupts on there (SPIE), no kernel access to user pages
 * (SUM 0) and the thread's own FP state (FS). */
static void set_return_status(const struct arch_context *context)
{
    word_t sstatus = csr_read(sstatus);
    sstatus &= ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM | SSTATUS_FS_MASK);
    sstatus |= SSTATUS_SPIE | (context->regs[RISCV_SSTATUS] & SSTATUS_FS_MASK);
    csr_write(sstatus, sstatus);
}

void arch_return_to_user(struct tcb *thread)
{
    vspace_activate(thread->vspace_root);
    set_return_status(&thread->context);
    riscv_enter_user(&thread->context);
}

void arch_context_print(const struct arch_context *context)
{
    for (unsigned i = 0; i < RISCV_CONTEXT_WORDS; i++) {
        bool line_end = i % 4 == 3 || i == RISCV_CONTEXT_WORDS - 1;
        kprintf("%7s %016lx%s", register_names[i], context->regs[i], line_end ? "\n" : " ");
    }
}
