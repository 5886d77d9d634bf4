/*
 * Ready queues. Every thread that can run is in the FIFO queue of its priority (including the
 * one running); a two-level bitmap (four words of 64 priorities, and a word saying which of
 * them are non-zero) finds the highest non-empty queue with two count-leading-zeros.
 * Budgets are charged per kernel tick; precise MCS refills arrive with the IPC/MCS issue.
 */
#include <api/fault.h>
#include <arch.h>
#include <core/scheduler.h>
#include <lib/printf.h>
#include <object/sched_context.h>

struct ready_queue {
    struct tcb *head, *tail;
};

static struct ready_queue ready[NUM_PRIORITIES];
static word_t bitmap[NUM_PRIORITIES / 64];
static word_t bitmap_top;

bool scheduler_can_run(const struct tcb *tcb)
{
    bool runnable = tcb->state == THREAD_RUNNING || tcb->state == THREAD_RESTART;
    return runnable && tcb->sc && tcb->sc->budget_us;
}

static void mark(word_t priority)
{
    bitmap[priority / 64] |= BIT(priority % 64);
    bitmap_top |= BIT(priority / 64);
}

static void unmark_if_empty(word_t priority)
{
    if (ready[priority].head)
        return;
    bitmap[priority / 64] &= ~BIT(priority % 64);
    if (!bitmap[priority / 64])
        bitmap_top &= ~BIT(priority / 64);
}

static void append(struct tcb *tcb)
{
    struct ready_queue *q = &ready[tcb->priority];
    tcb->ready_next = 0;
    tcb->ready_prev = q->tail;
    if (q->tail)
        q->tail->ready_next = tcb;
    else
        q->head = tcb;
    q->tail = tcb;
    tcb->queued = true;
    mark(tcb->priority);
}

void scheduler_remove(struct tcb *tcb)
{
    if (!tcb->queued)
        return;
    struct ready_queue *q = &ready[tcb->priority];
    if (tcb->ready_prev)
        tcb->ready_prev->ready_next = tcb->ready_next;
    else
        q->head = tcb->ready_next;
    if (tcb->ready_next)
        tcb->ready_next->ready_prev = tcb->ready_prev;
    else
        q->tail = tcb->ready_prev;
    tcb->queued = false;
    unmark_if_empty(tcb->priority);
}

void scheduler_update(struct tcb *tcb)
{
    bool can_run = scheduler_can_run(tcb);
    if (can_run && !tcb->queued)
        append(tcb);
    else if (!can_run && tcb->queued)
        scheduler_remove(tcb);
}

struct tcb *scheduler_pick(void)
{
    if (!bitmap_top)
        return 0;
    word_t word = 63 - (word_t)__builtin_clzl(bitmap_top);
    word_t priority = word * 64 + 63 - (word_t)__builtin_clzl(bitmap[word]);
    return ready[priority].head;
}

static void rotate_to_back(struct tcb *tcb)
{
    scheduler_remove(tcb);
    scheduler_update(tcb);
}

/* An exhausted SC that is not round robin (budget < period) sends a Timeout fault to its
 * thread's timeout handler, if the thread has one (sel4-abi.md §12.5 r9); true if it did. */
static bool raise_timeout_fault(struct tcb *tcb, struct sched_context *sc)
{
    if (sc->budget_us == sc->period_us ||
        cap_type(tcb->slots[TCB_TIMEOUT_HANDLER].cap) != CAP_ENDPOINT)
        return false;
    struct fault fault = {FAULT_TIMEOUT, {sc->badge, sc->consumed_us, 0}, {0, 0, 0, 0}};
    sc->consumed_us = 0; /* composing a Timeout message resets Consumed (§12.8 r3) */
    fault_raise(tcb, &fault);
    return true;
}

void scheduler_tick(struct tcb *tcb)
{
    struct sched_context *sc = tcb->sc;
    if (!sc || !tcb->queued)
        return;
    sc->consumed_us += KERNEL_TICK_US;
    if (sc->remaining_us > KERNEL_TICK_US) {
        sc->remaining_us -= KERNEL_TICK_US;
        return;
    }
    sc->remaining_us = sc->budget_us;
    if (!raise_timeout_fault(tcb, sc))
        rotate_to_back(tcb);
}

void scheduler_yield(struct tcb *tcb)
{
    if (tcb->sc)
        tcb->sc->remaining_us = tcb->sc->budget_us;
    if (tcb->queued)
        rotate_to_back(tcb);
}

void scheduler_dump(void)
{
    kprintf("kernel: ready threads (priority: name, budget left us)\n");
    for (word_t priority = NUM_PRIORITIES; priority-- > 0;) {
        for (struct tcb *t = ready[priority].head; t; t = t->ready_next)
            kprintf("  %3lu: %s, %lu\n", priority, t->name, t->sc->remaining_us);
    }
}
