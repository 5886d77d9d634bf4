/* Exceptions on aarch64: where vectors.S delivers them. From EL0 they become syscalls, VM
 * faults, user exceptions or interrupts for the generic kernel; anything taken at EL1 is a
 * kernel fault and is reported with the syndrome, addresses and registers, then a panic. */
#include <api/syscall.h>
#include <arch.h>
#include <arch/esr.h>
#include <arch/fpu.h>
#include <arch/gic.h>
#include <arch/sysreg.h>
#include <arch/trap.h>
#include <core/interrupt.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>

static const char *const vector_names[] = {
    "EL1t sync", "EL1t IRQ", "EL1t FIQ", "EL1t SError",
    "EL1h sync", "EL1h IRQ", "EL1h FIQ", "EL1h SError",
    "EL0 sync", "EL0 IRQ", "EL0 FIQ", "EL0 SError",
    "EL0 AArch32 sync", "EL0 AArch32 IRQ", "EL0 AArch32 FIQ", "EL0 AArch32 SError",
};

void arch_init_traps(void)
{
    sysreg_write(vbar_el1, trap_vectors);
    isb();
}

void trap_handle_user_sync(void)
{
    struct arch_context *context = &current_thread->context;
    word_t esr = sysreg_read(esr_el1);
    context->fault_ip = context->elr;
    switch (esr_class(esr)) {
    case ESR_EC_SVC64:
        context->fault_ip = context->elr - 4; /* ELR is the instruction after the svc */
        syscall_handle();
    case ESR_EC_DATA_ABORT_LOWER:
        fault_handle_vm(sysreg_read(far_el1), false, esr);
    case ESR_EC_INSTRUCTION_ABORT_LOWER:
        fault_handle_vm(context->elr, true, esr); /* the ABI reports the PC for fetches */
    case ESR_EC_FP_ACCESS:
        fpu_handle_trap(esr);
    default:
        fault_handle_user_exception(esr, 0);
    }
}

void trap_handle_user_irq(void)
{
    current_thread->context.fault_ip = current_thread->context.elr;
    word_t acknowledge = gic_acknowledge();
    word_t irq = gic_irq_number(acknowledge);
    if (gic_is_spurious(irq))
        kernel_exit();
    /* Completing now is safe: the kernel runs with IRQs masked, and before it returns to
     * user mode the handler has quietened the (level-triggered) source. */
    gic_end_of_interrupt(acknowledge);
    interrupt_handle(irq);
}

/* WFI wakes on a pending IRQ even with PSTATE.I set, so none is taken: it is acknowledged
 * here as trap_handle_user_irq does. */
word_t arch_idle_wait(void)
{
    __asm__ volatile("dsb sy; wfi" ::: "memory");
    word_t acknowledge = gic_acknowledge();
    word_t irq = gic_irq_number(acknowledge);
    if (gic_is_spurious(irq))
        return ARCH_NO_INTERRUPT;
    gic_end_of_interrupt(acknowledge);
    return irq;
}

void trap_handle_user_unexpected(word_t vector)
{
    kprintf("kernel: unexpected %s exception from user mode, ESR %lx\n",
            vector_names[vector & 15], sysreg_read(esr_el1));
    arch_context_print(&current_thread->context);
    kernel_panic("unexpected %s exception from user mode", vector_names[vector & 15]);
}

static const char *esr_class_name(word_t class)
{
    switch (class) {
    case ESR_EC_UNKNOWN:
        return "undefined instruction";
    case ESR_EC_FP_ACCESS:
        return "FP/SIMD trapped";
    case ESR_EC_ILLEGAL_STATE:
        return "illegal execution state";
    case ESR_EC_SVC64:
        return "svc";
    case ESR_EC_SYSREG:
        return "system register trapped";
    case ESR_EC_INSTRUCTION_ABORT_LOWER:
    case ESR_EC_INSTRUCTION_ABORT_SAME:
        return "instruction abort";
    case ESR_EC_PC_ALIGNMENT:
        return "PC alignment";
    case ESR_EC_DATA_ABORT_LOWER:
    case ESR_EC_DATA_ABORT_SAME:
        return "data abort";
    case ESR_EC_SP_ALIGNMENT:
        return "SP alignment";
    case ESR_EC_SERROR:
        return "SError";
    case ESR_EC_BRK:
        return "brk";
    }
    return "other";
}

void trap_handle_kernel(struct kernel_frame *frame, word_t vector)
{
    word_t esr = sysreg_read(esr_el1), far = sysreg_read(far_el1);
    const char *cause = esr_class_name(esr_class(esr));
    kprintf("kernel: KERNEL FAULT: %s exception, %s: ESR %lx (class %lx), FAR %lx, PC %lx\n",
            vector_names[vector & 15], cause, esr, esr_class(esr), far, frame->elr);
    registers_print(frame->x);
    kprintf("  sp  %016lx  elr %016lx  spsr %08lx\n", frame->sp, frame->elr, frame->spsr);
    kernel_panic("kernel fault: %s, %s at address %lx, pc %lx", vector_names[vector & 15],
                 cause, far, frame->elr);
}
