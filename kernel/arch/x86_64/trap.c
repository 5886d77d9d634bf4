/*
 * Trap routing: the IDT, the SYSCALL MSRs, and the C side of every entry from entry.S. Traps
 * from user mode go to the generic handlers (interrupt, page fault, other exceptions); a trap
 * taken in the kernel is a kernel fault, reported with its registers before the panic.
 */
#include <api/syscall.h>
#include <arch.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/segments.h>
#include <arch/trap.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>

#define VECTOR_PAGE_FAULT 14
#define PAGE_FAULT_INSTRUCTION_FETCH BIT(4)
#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate: clears IF */
/* SYSCALL clears these in rflags: TF, IF, DF, IOPL, NT, AC. */
#define SYSCALL_RFLAGS_MASK 0x47700

struct idt_gate {
    uint16_t offset_low, selector;
    uint8_t ist, type;
    uint16_t offset_middle;
    uint32_t offset_high, reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate");

static struct idt_gate idt[256] __attribute__((aligned(16)));

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "device not available", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection",
    "page fault", "reserved", "x87 floating point", "alignment check", "machine check",
    "SIMD floating point", "virtualisation", "control protection",
};

static void idt_set(unsigned vector, word_t handler, unsigned ist)
{
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xffff,
        .selector = SEL_KERNEL_CODE,
        .ist = ist,
        .type = GATE_INTERRUPT,
        .offset_middle = handler >> 16 & 0xffff,
        .offset_high = handler >> 32,
    };
}

void idt_init(void)
{
    for (unsigned vector = 0; vector < 32; vector++) {
        bool emergency = vector == 2 || vector == 8 || vector == 18;
        idt_set(vector, trap_exception_stubs[vector], emergency ? IST_EMERGENCY : 0);
    }
    for (unsigned vector = IRQ_VECTOR_FIRST; vector <= IRQ_VECTOR_LAST; vector++)
        idt_set(vector, (word_t)trap_interrupt_stubs + 16 * (vector - IRQ_VECTOR_FIRST), 0);
    idt_set(VECTOR_SPURIOUS, (word_t)trap_spurious_stub, 0);
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) pointer = {sizeof(idt) - 1, (uint64_t)idt};
    __asm__ volatile("lidt %0" ::"m"(pointer));
}

/* The GDT and IDT are already loaded (boot.c does it first, to report boot faults). */
void arch_init_traps(void)
{
    /* STAR: SYSCALL loads cs = 0x08, ss = 0x10; SYSRET cs = 0x10 + 16, ss = 0x10 + 8 (RPL 3). */
    cpu_write_msr(MSR_STAR, (uint64_t)SEL_KERNEL_DATA << 48 | (uint64_t)SEL_KERNEL_CODE << 32);
    cpu_write_msr(MSR_LSTAR, (word_t)syscall_entry);
    cpu_write_msr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
}

void trap_handle_user(void)
{
    const struct arch_context *context = &current_thread->context;
    word_t vector = context->vector;
    if (vector == VECTOR_SPURIOUS)
        kernel_exit(); /* not a real interrupt: no EOI */
    if (vector >= IRQ_VECTOR_FIRST)
        irq_handle_vector(vector);
    if (vector == VECTOR_PAGE_FAULT)
        fault_handle_vm(cpu_read_cr2(), context->error & PAGE_FAULT_INSTRUCTION_FETCH,
                        context->error);
    fault_handle_user_exception(vector, context->error);
}

static const char *vector_name(word_t vector)
{
    if (vector >= 32)
        return "interrupt";
    return exception_names[vector] ? exception_names[vector] : "reserved exception";
}

/* The idle wait: set while the kernel halts with interrupts on; the vector that woke it. */
static volatile bool idle_waiting;
static volatile word_t idle_vector;

/* hlt needs interrupts on to wake, so the interrupt is taken in the kernel: trap_handle_kernel
 * records its vector and returns to here with interrupts off again. */
word_t arch_idle_wait(void)
{
    idle_vector = VECTOR_SPURIOUS;
    idle_waiting = true;
    __asm__ volatile("sti; hlt; cli" ::: "memory");
    idle_waiting = false;
    if (idle_vector == VECTOR_SPURIOUS)
        return ARCH_NO_INTERRUPT; /* none came, or the spurious one, which needs no EOI */
    return irq_acknowledge_vector(idle_vector);
}

void trap_handle_kernel(struct arch_context *frame)
{
    if (idle_waiting && frame->vector >= IRQ_VECTOR_FIRST) {
        idle_vector = frame->vector;
        idle_waiting = false;
        frame->rflags &= ~USER_RFLAGS_IF; /* no second interrupt before the cli */
        return;
    }
    const char *name = vector_name(frame->vector);
    kprintf("KERNEL FAULT: vector %lu (%s), error code %lx, cr2 %lx, rip %lx\n", frame->vector,
            name, frame->error, cpu_read_cr2(), frame->rip);
    arch_context_print(frame);
    kernel_panic("%s in the kernel at rip %lx", name, frame->rip);
}
