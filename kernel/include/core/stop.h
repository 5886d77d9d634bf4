/* Stopping the machine from the kernel, with a line that says why. */
#pragma once
#include <types.h>

/* Count one kernel timer interrupt (reported when the machine stops). */
void stop_count_timer_interrupt(void);
/* Print "kernel: stopping: <reason>", with the timer count, and halt with `status`. */
_Noreturn void kernel_stop(word_t status, const char *reason);
