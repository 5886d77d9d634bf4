/* printf-style formatting into a character sink. Freestanding; shared by root tasks and the
 * kernel's console. Supports %c %s %d %i %u %x %p %% with the l/ll/z length modifiers, a
 * field width and the 0 and - flags. */
#pragma once
#include <stdarg.h>

typedef void (*format_sink)(char c, void *context);

/* Format into `sink`; returns the number of characters produced. */
int format_vprint(format_sink sink, void *context, const char *format, va_list args);
