/* User register state: a new thread's initial context, the return to user mode (address
 * space, FP state and sstatus, then entry.S restores the registers and srets) and the
 * register dump of a fault report. */
#include <arch.h>
#include <arch/csr.h>
#include <arch/fpu.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <object/tcb.h>

_Noreturn void riscv_enter_user(struct arch_context *context);

static const char *const register_names[RISCV_CONTEXT_WORDS] = {
    "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
    "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6",
    "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6", "sepc", "next", "sstatus",
};

/* The FP state starts zeroed (fcsr 0: round to nearest, no flags); fpu.c loads it. */
void arch_context_init_user(struct arch_context *context, vaddr_t entry)
{
    memset(context, 0, sizeof(*context));
    fpu_forget(context);
    context->regs[RISCV_FAULT_IP] = entry;
    context->regs[RISCV_NEXT_IP] = entry;
    context->regs[RISCV_SSTATUS] = SSTATUS_SPIE;
}

/* sret to user mode (SPP 0) with interrupts on there (SPIE), no kernel access to user pages
 * (SUM 0) and FP as fpu.c decided for the thread (FS). */
static void set_return_status(struct tcb *thread)
{
    word_t fs = fpu_prepare_entry(thread);
    word_t sstatus = csr_read(sstatus);
    sstatus &= ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM | SSTATUS_FS_MASK);
    sstatus |= SSTATUS_SPIE | fs;
    csr_write(sstatus, sstatus);
}

void arch_context_restore(struct tcb *thread)
{
    set_return_status(thread);
    riscv_enter_user(&thread->context);
}

/* The saved register behind each seL4_UserContext word. "pc" is where the thread trapped, as
 * seL4's FaultIP (for a finished syscall, the ecall; it resumes after it). */
static const enum riscv_reg user_context_regs[ARCH_USER_CONTEXT_WORDS] = {
    RISCV_FAULT_IP, RISCV_RA, RISCV_SP, RISCV_GP, RISCV_S0, RISCV_S1, RISCV_S2, RISCV_S3,
    RISCV_S4, RISCV_S5, RISCV_S6, RISCV_S7, RISCV_S8, RISCV_S9, RISCV_S10, RISCV_S11,
    RISCV_A0, RISCV_A1, RISCV_A2, RISCV_A3, RISCV_A4, RISCV_A5, RISCV_A6, RISCV_A7,
    RISCV_T0, RISCV_T1, RISCV_T2, RISCV_T3, RISCV_T4, RISCV_T5, RISCV_T6, RISCV_TP,
};

word_t arch_user_context_get(const struct arch_context *context, word_t index)
{
    return index < ARCH_USER_CONTEXT_WORDS ? context->regs[user_context_regs[index]] : 0;
}

/* Writing pc also sets where the thread resumes (seL4: setNextPC(getRestartPC())). No
 * register here carries privilege, so nothing needs sanitising. */
void arch_user_context_set(struct arch_context *context, word_t index, word_t value)
{
    if (index >= ARCH_USER_CONTEXT_WORDS)
        return;
    context->regs[user_context_regs[index]] = value;
    if (user_context_regs[index] == RISCV_FAULT_IP)
        context->regs[RISCV_NEXT_IP] = value;
}

void arch_set_tls_base(struct arch_context *context, word_t base)
{
    context->regs[RISCV_TP] = base;
}

void arch_context_print(const struct arch_context *context)
{
    for (unsigned i = 0; i < RISCV_CONTEXT_WORDS; i++) {
        bool line_end = i % 4 == 3 || i == RISCV_CONTEXT_WORDS - 1;
        kprintf("%7s %016lx%s", register_names[i], context->regs[i], line_end ? "\n" : " ");
    }
}

