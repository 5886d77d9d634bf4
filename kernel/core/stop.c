/* Stopping the machine from the kernel, at the end of a run or on a panic. The closing line
 * states the status and how many timer interrupts the kernel took, which shows the timer ran. */
#include <arch.h>
#include <core/exit_status.h>
#include <core/stop.h>
#include <lib/printf.h>

static word_t timer_interrupts;

void stop_count_timer_interrupt(void)
{
    timer_interrupts++;
}

void kernel_stop(word_t status, const char *reason)
{
    kprintf("kernel: stopping: %s; status %lu after %lu timer interrupts\n", reason, status,
            timer_interrupts);
    arch_machine_halt(status);
}

void kernel_panic(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    kprintf("KERNEL PANIC: ");
    kvprintf(format, args);
    va_end(args);
    kprintf("\n");
    kernel_stop(EXIT_STATUS_KERNEL_PANIC, "kernel panic");
}
