/* Interrupt dispatch. The kernel's timer is the only source until IRQ handlers arrive. */
#include <api/syscall.h>
#include <arch.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>

void interrupt_handle(word_t irq)
{
    if (irq == arch_timer_irq()) {
        stop_count_timer_interrupt();
        arch_timer_ack();
        scheduler_tick(current_thread);
    } else {
        kprintf("kernel: spurious interrupt %lu\n", irq);
    }
    kernel_exit();
}
