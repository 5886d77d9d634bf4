/* The MCS scheduler: 256 priorities, a FIFO ready queue per priority and a bitmap over them
 * (the highest-priority runnable thread in a few instructions); the release queue of threads
 * waiting for their next refill; budget accounting of the running scheduling context against
 * the arch counter, and the one-shot timer programmed for the next budget end or release
 * (sel4-abi.md §12.0, §12.5 r5-r10, §12.6). */
#pragma once
#include <core/time.h>
#include <object/tcb.h>

#define NUM_PRIORITIES 256

/* At boot, once the timer runs: read the timer's precision (§12.5 r10). */
void scheduler_init(void);
/* True when `tcb` may be scheduled: Running or Restart with a configured scheduling context
 * (it may still wait in the release queue for its refill). */
bool scheduler_is_schedulable(const struct tcb *tcb);
/* Put `tcb` in or out of the ready and release queues to match its state and scheduling
 * context; call after any change to them or to its priority (a priority change: remove, change
 * it, then update). A thread that becomes schedulable has the sporadic unblock check (§12.5
 * r8), and is woken (§12.6 r4: the next choice settles where it goes) if its head refill is
 * due, else goes to the release queue. */
void scheduler_update(struct tcb *tcb);
/* Take `tcb` out of its ready queue or the release queue. */
void scheduler_remove(struct tcb *tcb);
/* A thread in its ready queue moves to the head of it (SchedContext_YieldTo). */
void scheduler_move_to_head(struct tcb *tcb);
/* A ready thread goes to the head of its queue and the next choice is a full one (seL4's
 * SCHED_ENQUEUE and rescheduleRequired, as SchedContext_Bind does). */
void scheduler_enqueue_at_head(struct tcb *tcb);
/* The highest-priority thread that can run, first in its queue; NULL if none. */
struct tcb *scheduler_pick(void);

/* Kernel entry by a syscall or a user fault of `thread` (§12.0 r1): charge the time since the
 * last entry; true if the running context still has budget. Otherwise `thread` is set to
 * Restart (the syscall or faulting instruction is redone when it next runs), the context is
 * charged and its timeslice ends (§12.5 r9), and the entry must do nothing more. */
bool scheduler_entry(struct tcb *thread);
/* Kernel entry by an interrupt: charge, and end the timeslice if the budget is gone; the
 * interrupt is still handled. */
void scheduler_interrupt_entry(void);
/* Yield (§12.6 r6): the head refill is charged in full and the thread goes to the tail of its
 * queue or, without a refill due, to the release queue. */
void scheduler_yield(struct tcb *tcb);
/* After a reply made `caller` runnable (§12.5 r5): without a usable refill it gets a Timeout
 * fault if it has a timeout handler and `replied_to_timeout` is false, else it waits for its
 * refill. */
void scheduler_after_reply(struct tcb *caller, bool replied_to_timeout);
/* `sc` is about to change (configure, unbind, delete): if it is the running context, the time
 * it used so far is charged to it first, or dropped if it is being unconfigured. */
void scheduler_commit_if_running(struct sched_context *sc);
void scheduler_forget_if_running(struct sched_context *sc);
/* The time of the latest kernel entry, in counter ticks. */
ticks_t scheduler_now(void);
/* The thread to run next, or NULL to idle (kernel_exit): threads whose refill is due leave
 * the release queue; the running context changes to the chosen thread's, committing the old
 * one's time (and, for a constant-bandwidth context, §12.5 r8's check); one whose refill
 * turns out not to be due then waits for it instead; the timer is set for the new context's
 * budget end or the first release, whichever comes first (§12.5 r10). */
struct tcb *scheduler_choose(void);
/* The kernel timer interrupt came: it is quiet until scheduler_choose sets it again. */
void scheduler_timer_fired(void);
/* True if a thread waits in the release queue (a later timer interrupt will release it). */
bool scheduler_has_releases(void);
/* Print every thread that can run, by priority (DebugDumpScheduler). */
void scheduler_dump(void);
