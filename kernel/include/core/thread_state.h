/* Thread states (sel4-abi.md §12, enum thread_state in object/tcb.h): every change of a
 * thread's state goes through here, so the ready queues always match. */
#pragma once
#include <object/tcb.h>

/* Set `tcb`'s state and put it in or out of the ready queues to match. */
void thread_set_state(struct tcb *tcb, enum thread_state state);
/* True in the four Blocked states. */
bool thread_is_blocked(const struct tcb *tcb);
/* Before `tcb` runs: a thread in Restart redoes the syscall it trapped on, so it resumes
 * at FaultIP, Running (seL4's activateThread). */
void thread_activate(struct tcb *tcb);
