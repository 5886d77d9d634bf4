/* Stopping the machine from the kernel, with a line that says why: the end of the run, or a
 * panic. */
#pragma once
#include <types.h>

/* Count one kernel timer interrupt (reported when the machine stops). */
void stop_count_timer_interrupt(void);
/* Print "kernel: stopping: <reason>", with the timer count, and halt with `status`. */
_Noreturn void kernel_stop(word_t status, const char *reason);
/* Report an unrecoverable kernel error and stop the machine with EXIT_STATUS_KERNEL_PANIC. */
__attribute__((format(printf, 1, 2))) _Noreturn void kernel_panic(const char *format, ...);
