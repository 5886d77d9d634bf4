/* Kernel console output and panics, over the arch's polled UART. A benchmark kernel
 * (CONFIG_BENCHMARK) prints nothing but a panic: the run's console is the runner's own. */
#include <arch.h>
#include <config.h>
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

/* Always printed, whatever the build: what a panic says. */
static void console_print(const char *text)
{
    while (*text)
        put_console_char(*text++, 0);
}

void kprintf(const char *format, ...)
{
    if (CONFIG_BENCHMARK)
        return;
    va_list args;
    va_start(args, format);
    format_vprint(put_console_char, 0, format, args);
    va_end(args);
}

void kernel_panic(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    console_print("KERNEL PANIC: ");
    format_vprint(put_console_char, 0, format, args);
    va_end(args);
    console_print("\n");
    kernel_stop(EXIT_STATUS_KERNEL_PANIC, "kernel panic");
}
