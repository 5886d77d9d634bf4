/* The running thread, and how control leaves the kernel. */
#pragma once
#include <core/thread_state.h>

/* The thread whose user registers the last trap saved; never NULL after boot. */
extern struct tcb *current_thread;

/* Leave the kernel: run the current thread if it can run, else wait for one that can.
 * Stops the machine when no thread can ever run again. */
_Noreturn void kernel_exit(void);
