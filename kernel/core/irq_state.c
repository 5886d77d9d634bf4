/* Per-interrupt state: the kernel's, inactive, or handed to a user handler, and the slot of
 * the notification each handled interrupt signals. */
#include <arch.h>
#include <core/interrupt.h>
#include <core/memory.h>
#include <core/stop.h>

static uint8_t irq_states[ARCH_MAX_IRQ + 1];
static bool awaiting_ack[ARCH_MAX_IRQ + 1]; /* signalled, masked until IRQHandler Ack */
static struct cte *irq_slots; /* in boot memory, so that the derivation tree can link them */

void interrupt_init(void)
{
    word_t bytes = (ARCH_MAX_IRQ + 1) * sizeof(struct cte);
    paddr_t slots = boot_alloc_pages(ROUND_UP(bytes, PAGE_SIZE) / PAGE_SIZE);
    if (!slots)
        kernel_panic("boot: out of memory for interrupt slots");
    irq_slots = arch_phys_to_virt(slots);
    if (arch_timer_irq() <= ARCH_MAX_IRQ)
        irq_states[arch_timer_irq()] = IRQ_RESERVED;
}

enum irq_state interrupt_state(word_t irq)
{
    return irq <= ARCH_MAX_IRQ ? (enum irq_state)irq_states[irq] : IRQ_RESERVED;
}

void interrupt_set_state(word_t irq, enum irq_state state)
{
    irq_states[irq] = (uint8_t)state;
    awaiting_ack[irq] = false;
    /* As seL4's setIRQState: an interrupt with a handler is unmasked, one without masked. */
    if (state == IRQ_SIGNAL)
        arch_irq_unmask(irq);
    else if (state == IRQ_INACTIVE)
        arch_irq_mask(irq);
}

struct cte *interrupt_slot(word_t irq)
{
    return &irq_slots[irq];
}

void interrupt_await_ack(word_t irq)
{
    arch_irq_mask(irq);
    awaiting_ack[irq] = true;
}

void interrupt_ack(word_t irq)
{
    awaiting_ack[irq] = false;
    arch_irq_unmask(irq);
}

bool interrupt_may_signal(void)
{
    for (word_t irq = 0; irq <= ARCH_MAX_IRQ; irq++) {
        if (irq_states[irq] == IRQ_SIGNAL && !awaiting_ack[irq] &&
            cap_type(irq_slots[irq].cap) == CAP_NOTIFICATION)
            return true;
    }
    return false;
}
