/* The queues of threads blocked on an endpoint or a notification: highest priority first,
 * first come first served among equals (sel4-abi.md §12.6 r2), linked through tcb->ipc. */
#pragma once
#include <object/tcb.h>

struct thread_queue {
    struct tcb *head, *tail;
};

/* Insert `tcb` (in no queue) behind every queued thread of its priority or higher. */
void thread_queue_insert(struct thread_queue *queue, struct tcb *tcb);
/* Take `tcb` (in `queue`) out of it. */
void thread_queue_remove(struct thread_queue *queue, struct tcb *tcb);
