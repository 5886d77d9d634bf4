/*
 * Interrupt dispatch and state. The kernel's timer only wakes the scheduler (its budget
 * check ran at entry; releases are taken on the way out); an interrupt with a user handler
 * signals the handler's notification and stays masked until the handler acks it (IRQHandler
 * Ack); any other interrupt is masked and reported.
 */
#include <arch.h>
#include <core/interrupt.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>
#include <object/notification.h>

static void signal_handler(word_t irq)
{
    struct cap cap = interrupt_slot(irq)->cap;
    interrupt_await_ack(irq);
    if (cap_type(cap) == CAP_NOTIFICATION && (cap_rights(cap) & CAP_RIGHT_WRITE))
        notification_signal(notification_at(cap_object(cap)), cap_badge(cap));
}

void interrupt_dispatch(word_t irq)
{
    if (irq == arch_timer_irq()) {
        stop_count_timer_interrupt();
        arch_timer_ack();
        scheduler_timer_fired();
    } else if (interrupt_state(irq) == IRQ_SIGNAL) {
        signal_handler(irq);
    } else if (irq != ARCH_NO_INTERRUPT) {
        if (irq <= ARCH_MAX_IRQ)
            arch_irq_mask(irq);
        kprintf("kernel: interrupt %lu has no handler; masked\n", irq);
    }
}

void interrupt_handle(word_t irq)
{
    scheduler_interrupt_entry();
    interrupt_dispatch(irq);
    kernel_exit();
}
