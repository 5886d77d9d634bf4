/* Kernel console output and panics, over the arch's polled UART. */
#include <arch.h>
#include <core/exit_status.h>
#include <core/stop.h>
#include <lib/printf.h>
#include <sel4runtime/format.h>

static void put_console_char(char c, void *context)
{
    (void)context;
    if (c == '\n')
        arch_console_putchar('\r');
    arch_console_putchar(c);
}

void kprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    format_vprint(put_console_char, 0, format, args);
    va_end(args);
}

void kernel_panic(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    kprintf("KERNEL PANIC: ");
    format_vprint(put_console_char, 0, format, args);
    va_end(args);
    kprintf("\n");
    kernel_stop(EXIT_STATUS_KERNEL_PANIC, "kernel panic");
}
