/* The scheduler: 256 priorities, a FIFO ready queue per priority and a bitmap over them, so
 * the highest-priority runnable thread is found in a few instructions. */
#pragma once
#include <object/tcb.h>

#define NUM_PRIORITIES 256

/* True when `tcb` may run: running state and a configured scheduling context. */
bool scheduler_can_run(const struct tcb *tcb);
/* Put `tcb` in or out of its ready queue to match scheduler_can_run(); call after any change
 * to its state, scheduling context or priority (a priority change: call with the old
 * priority still set, change it, then call again). */
void scheduler_update(struct tcb *tcb);
/* Take `tcb` out of its ready queue if it is in one. */
void scheduler_remove(struct tcb *tcb);
/* The highest-priority thread that can run, first in its queue; NULL if none. */
struct tcb *scheduler_pick(void);
/* A kernel tick of the running thread: charge it, and when its budget is gone refill it and
 * move it to the back of its queue (round robin among equals), or, for an SC with a period
 * longer than its budget, send a Timeout fault to the thread's timeout handler if it has
 * one. */
void scheduler_tick(struct tcb *tcb);
/* Yield: the thread gives up the rest of its budget and goes to the back of its queue. */
void scheduler_yield(struct tcb *tcb);
/* Print every thread that can run, by priority (DebugDumpScheduler). */
void scheduler_dump(void);
