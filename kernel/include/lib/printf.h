/* Kernel console output, formatted by the runtime's format.c (shared with root tasks). */
#pragma once
#include <types.h>

__attribute__((format(printf, 1, 2))) void kprintf(const char *format, ...);
/* Report an unrecoverable kernel error and stop the machine with EXIT_STATUS_KERNEL_PANIC. */
__attribute__((format(printf, 1, 2))) _Noreturn void kernel_panic(const char *format, ...);
