/* Kernel console output, over the arch's polled UART. */
#include <arch.h>
#include <lib/printf.h>
#include <sel4common/format.h>

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
    kvprintf(format, args);
    va_end(args);
}

void kvprintf(const char *format, va_list args)
{
    format_vprint(put_console_char, 0, format, args);
}
