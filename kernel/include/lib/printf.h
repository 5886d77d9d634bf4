/* Kernel console output, formatted by libsel4/common/format.c (shared with root tasks). */
#pragma once
#include <stdarg.h>
#include <types.h>

__attribute__((format(printf, 1, 2))) void kprintf(const char *format, ...);
/* The same with the arguments as a va_list. */
__attribute__((format(printf, 1, 0))) void kvprintf(const char *format, va_list args);
