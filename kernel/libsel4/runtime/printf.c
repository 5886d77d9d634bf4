/* printf for root tasks, one DebugPutChar per character. */
#include <sel4common/format.h>
#include <sel4runtime/runtime.h>

static void put_debug_char(char c, void *context)
{
    (void)context;
    seL4_DebugPutChar(c);
}

int printf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int count = format_vprint(put_debug_char, 0, format, args);
    va_end(args);
    return count;
}
