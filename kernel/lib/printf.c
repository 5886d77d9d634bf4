/* Kernel console output, over the arch's polled UART. A benchmark kernel
 * (CONFIG_BENCHMARK) prints nothing but a panic: the run's console is the runner's own. */
#include <arch.h>
#include <config.h>
#include <lib/printf.h>
#include <sel4common/format.h>

static void put_console_char(char c, void *context)
{
    (void)context;
    if (c == '\n')
        arch_console_putchar('\r');
    arch_console_putchar(c);
}

void kputs_always(const char *text)
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
    kvprintf(format, args);
    va_end(args);
}

/* Printed in every build, so that a benchmark kernel's panic still says why. */
void kvprintf(const char *format, va_list args)
{
    format_vprint(put_console_char, 0, format, args);
}
