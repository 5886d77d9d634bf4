/* Trap dispatch. entry.S saves a user trap into current_thread->context and calls
 * trap_from_user, which routes it to the generic syscall, fault and interrupt handlers; a trap
 * taken in the kernel is a kernel fault, reported with its registers by trap_from_kernel. */
#include <api/syscall.h>
#include <arch.h>
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/plic.h>
#include <core/exit_status.h>
#include <core/interrupt.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>

extern char trap_entry[];

_Noreturn void trap_from_user(void);
_Noreturn void trap_from_kernel(const struct arch_context *frame);

void arch_init_traps(void)
{
    csr_write(stvec, trap_entry); /* direct mode: entry.S aligns it to 4 */
    csr_write(sscratch, 0);
    csr_clear(sstatus, SSTATUS_SIE | SSTATUS_SUM);
}

static _Noreturn void handle_interrupt(word_t code)
{
    if (code == SCAUSE_IRQ_TIMER)
        interrupt_handle(arch_timer_irq());
    if (code == SCAUSE_IRQ_EXTERNAL) {
        word_t source = plic_claim();
        if (!source)
            kernel_exit(); /* another context took it first */
        /* Complete at once (arch.h's EOI); interrupt_handle masks a user-handled source
         * before any return to user mode, so it waits until IRQHandler Ack unmasks it.
         * (QEMU 7.2's PLIC forgets a level still high at completion: the device must
         * raise it again.) */
        plic_complete(source);
        interrupt_handle(source);
    }
    csr_clear(sip, SIE_SSIE); /* nobody sends software interrupts yet */
    kprintf("kernel: spurious interrupt cause %lx\n", code);
    kernel_exit();
}

/* wfi waits for an interrupt enabled in sie even with sstatus.SIE clear, so none is taken:
 * the pending one is read from sip and claimed here, as handle_interrupt does. */
word_t arch_idle_wait(void)
{
    __asm__ volatile("wfi" ::: "memory");
    word_t pending = csr_read(sip) & csr_read(sie);
    if (pending & SIE_STIE)
        return arch_timer_irq();
    if (pending & SIE_SEIE) {
        word_t source = plic_claim();
        if (source) {
            plic_complete(source);
            return source;
        }
    }
    return ARCH_NO_INTERRUPT;
}

/* The VMFault FSR of sel4-abi.md §7.2: the access-fault cause of the access kind. */
static _Noreturn void handle_vm_fault(word_t cause)
{
    word_t address = csr_read(stval);
    if (cause == SCAUSE_INSTRUCTION_PAGE_FAULT || cause == SCAUSE_INSTRUCTION_ACCESS_FAULT)
        fault_handle_vm(address, true, SCAUSE_INSTRUCTION_ACCESS_FAULT);
    if (cause == SCAUSE_LOAD_PAGE_FAULT || cause == SCAUSE_LOAD_ACCESS_FAULT)
        fault_handle_vm(address, false, SCAUSE_LOAD_ACCESS_FAULT);
    fault_handle_vm(address, false, SCAUSE_STORE_ACCESS_FAULT);
}

void trap_from_user(void)
{
    word_t cause = csr_read(scause);
    fpu_trap_save(&current_thread->context);
    if (cause & SCAUSE_INTERRUPT)
        handle_interrupt(cause & ~SCAUSE_INTERRUPT);
    switch (cause) {
    case SCAUSE_ECALL_FROM_U:
        current_thread->context.regs[RISCV_NEXT_IP] += 4;
        syscall_handle();
    case SCAUSE_INSTRUCTION_ACCESS_FAULT:
    case SCAUSE_LOAD_ACCESS_FAULT:
    case SCAUSE_STORE_ACCESS_FAULT:
    case SCAUSE_INSTRUCTION_PAGE_FAULT:
    case SCAUSE_LOAD_PAGE_FAULT:
    case SCAUSE_STORE_PAGE_FAULT:
        handle_vm_fault(cause);
    default:
        fault_handle_user_exception(cause, 0);
    }
}

static const char *cause_name(word_t cause)
{
    static const char *const names[] = {
        "instruction address misaligned", "instruction access fault", "illegal instruction",
        "breakpoint", "load address misaligned", "load access fault",
        "store address misaligned", "store access fault", "ecall from U", "ecall from S",
        "reserved", "reserved", "instruction page fault", "load page fault", "reserved",
        "store page fault",
    };
    if (cause & SCAUSE_INTERRUPT)
        return "interrupt";
    return cause < ARRAY_SIZE(names) ? names[cause] : "unknown";
}

void trap_from_kernel(const struct arch_context *frame)
{
    static bool reporting;
    word_t cause = csr_read(scause), address = csr_read(stval);
    if (reporting)
        arch_machine_halt(EXIT_STATUS_KERNEL_PANIC); /* faulted while reporting: stop quietly */
    reporting = true;
    kprintf("kernel: trap in the kernel: scause %lx (%s) stval %lx sepc %lx\n", cause,
            cause_name(cause), address, frame->regs[RISCV_FAULT_IP]);
    arch_context_print(frame);
    kernel_panic("kernel fault: %s at pc %lx, address %lx", cause_name(cause),
                 frame->regs[RISCV_FAULT_IP], address);
}
