/* Priority-ordered thread queues for endpoints and notifications (sel4-abi.md §12.6 r2,
 * seL4's tcbEPAppend in MCS): a linear walk from the tail, so a thread of the lowest
 * priority so far, the common case, is appended in O(1). */
#include <core/thread_queue.h>

void thread_queue_insert(struct thread_queue *queue, struct tcb *tcb)
{
    struct tcb *before = queue->tail; /* the thread `tcb` goes behind */
    while (before && before->priority < tcb->priority)
        before = before->ipc.queue_prev;
    struct tcb *after = before ? before->ipc.queue_next : queue->head;
    tcb->ipc.queue_prev = before;
    tcb->ipc.queue_next = after;
    if (before)
        before->ipc.queue_next = tcb;
    else
        queue->head = tcb;
    if (after)
        after->ipc.queue_prev = tcb;
    else
        queue->tail = tcb;
}

void thread_queue_remove(struct thread_queue *queue, struct tcb *tcb)
{
    if (tcb->ipc.queue_prev)
        tcb->ipc.queue_prev->ipc.queue_next = tcb->ipc.queue_next;
    else
        queue->head = tcb->ipc.queue_next;
    if (tcb->ipc.queue_next)
        tcb->ipc.queue_next->ipc.queue_prev = tcb->ipc.queue_prev;
    else
        queue->tail = tcb->ipc.queue_prev;
    tcb->ipc.queue_next = tcb->ipc.queue_prev = 0;
}
