/* The running thread, and how control leaves the kernel. */
#pragma once
#include <core/thread_state.h>

/* The thread whose user registers the last trap saved; never NULL after boot. */
extern struct tcb *current_thread;

/* The root `thread` runs in, by seL4's setVMRoot: its VSpace's root while that capability's
 * ASID still names it, else arch_vspace_empty_root() (where every user access faults, rather
 * than reach tables whose memory may be reused). */
paddr_t thread_vspace_root(const struct tcb *thread);

/* Leave the kernel: run the current thread if it can run, else wait for one that can.
 * Stops the machine when no thread can ever run again. */
_Noreturn void kernel_exit(void);
