/* Host tests of the endpoint/notification thread queues (sel4-abi.md §12.6 r2): highest
 * priority first, arrival order among equals, removal from any position. */
#include "unit.h"
#include <core/thread_queue.h>

static struct tcb threads[6];

static void check_order(struct thread_queue *queue, const int *expected, int count)
{
    struct tcb *t = queue->head;
    for (int i = 0; i < count; i++, t = t->ipc.queue_next)
        CHECK(t == &threads[expected[i]]);
    CHECK(t == NULL);
    CHECK(queue->tail == &threads[expected[count - 1]]);
}

int main(void)
{
    struct thread_queue queue = {0, 0};
    const word_t priority[6] = {10, 10, 200, 50, 200, 10};
    for (int i = 0; i < 6; i++) {
        threads[i].priority = priority[i];
        thread_queue_insert(&queue, &threads[i]);
    }
    check_order(&queue, (const int[]){2, 4, 3, 0, 1, 5}, 6);
    thread_queue_remove(&queue, &threads[2]);
    thread_queue_remove(&queue, &threads[5]);
    thread_queue_remove(&queue, &threads[3]);
    check_order(&queue, (const int[]){4, 0, 1}, 3);
    threads[1].priority = 255; /* a priority change re-queues behind the new equals */
    thread_queue_remove(&queue, &threads[1]);
    thread_queue_insert(&queue, &threads[1]);
    check_order(&queue, (const int[]){1, 4, 0}, 3);
    return unit_report("test_thread_queue");
}
