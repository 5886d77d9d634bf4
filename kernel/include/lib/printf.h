/* Kernel console output, formatted by libsel4/common/format.c (shared with root tasks). */
#pragma once
#include <stdarg.h>
#include <types.h>

/* Print to the console; nothing in a benchmark kernel (CONFIG_BENCHMARK), whose console is
 * the runner's own. */
__attribute__((format(printf, 1, 2))) void kprintf(const char *format, ...);
/* Print with the arguments as a va_list, and a plain string, in every build: what a panic
 * says. */
__attribute__((format(printf, 1, 0))) void kvprintf(const char *format, va_list args);
void kputs_always(const char *text);
