/*
 * The MCS scheduler (sel4-abi.md §12.0, §12.5 r5-r10, §12.6). Every thread that can run is in
 * the FIFO queue of its priority (including the one running); a two-level bitmap (four words
 * of 64 priorities, and a word saying which of them are non-zero) finds the highest non-empty
 * queue with two count-leading-zeros. A schedulable thread whose head refill is not due waits
 * in the release queue, ordered by that refill's release time. The running scheduling context
 * is charged, at each kernel entry, the time since the previous one; its refills are charged
 * when another context takes over or its budget runs out, and the one-shot timer is set for
 * the end of its budget or the next release, whichever comes first.
 */
#include <api/fault.h>
#include <arch.h>
#include <core/refill.h>
#include <core/scheduler.h>
#include <lib/printf.h>
#include <object/sched_context.h>

struct ready_queue {
    struct tcb *head, *tail;
};

static struct ready_queue ready[NUM_PRIORITIES];
static word_t bitmap[NUM_PRIORITIES / 64];
static word_t bitmap_top;
static struct tcb *release_queue;

/* seL4's scheduler action (§12.6 r4, possibleSwitchTo, rescheduleRequired, schedule). The
 * thread the last choice returned stays in its queue while it runs. The first thread to
 * become ready after that choice is the candidate, whose place in its queue the next choice
 * settles; any later one, or the running thread stopping, asks for a full choice, with every
 * thread woken meanwhile at the head of its queue and the running thread, still able to
 * run, in front of them. */
static struct tcb *running;       /* the thread the last choice returned; NULL idle */
static struct tcb *candidate;     /* woken since, place not yet settled */
static bool choose_new;           /* a full choice is due */
static bool running_placed;       /* its timeslice ended: it is at its queue's tail already */

static struct sched_context *running_sc; /* charged for the time now passing; NULL idle */
static ticks_t entry_time;               /* the counter at the latest kernel entry */
static ticks_t unaccounted;              /* used by running_sc and not yet charged to it */
static uint64_t timer_deadline = UINT64_MAX; /* the deadline armed now; 0: rearm it */
static uint64_t timer_precision;              /* arch_timer_precision(), read at boot */

void scheduler_init(void)
{
    refill_init();
    timer_precision = arch_timer_precision();
}

ticks_t scheduler_now(void)
{
    return entry_time;
}

bool scheduler_is_schedulable(const struct tcb *tcb)
{
    bool runnable = tcb->state == THREAD_RUNNING || tcb->state == THREAD_RESTART;
    return runnable && tcb->sc && tcb->sc->refill_max;
}

/* The head refill of `sc` is due and holds MIN_BUDGET beyond what it has used uncharged. */
static bool sc_ready(struct sched_context *sc)
{
    ticks_t used = sc == running_sc ? unaccounted : 0;
    return refill_ready(sc, entry_time) && refill_sufficient(sc, used);
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

static void ready_remove(struct tcb *tcb)
{
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

static ticks_t release_time(struct tcb *tcb)
{
    return refill_head(tcb->sc)->release;
}

/* Behind every thread released no later (FIFO among equal release times). */
static void release_insert(struct tcb *tcb)
{
    struct tcb *prev = 0, *next = release_queue;
    while (next && release_time(next) <= release_time(tcb)) {
        prev = next;
        next = next->release_next;
    }
    tcb->release_prev = prev;
    tcb->release_next = next;
    if (prev)
        prev->release_next = tcb;
    else
        release_queue = tcb;
    if (next)
        next->release_prev = tcb;
    tcb->in_release_queue = true;
}

static void release_remove(struct tcb *tcb)
{
    if (tcb->release_prev)
        tcb->release_prev->release_next = tcb->release_next;
    else
        release_queue = tcb->release_next;
    if (tcb->release_next)
        tcb->release_next->release_prev = tcb->release_prev;
    tcb->in_release_queue = false;
}

static void insert_head(struct tcb *tcb)
{
    struct ready_queue *q = &ready[tcb->priority];
    tcb->ready_prev = 0;
    tcb->ready_next = q->head;
    if (q->head)
        q->head->ready_prev = tcb;
    else
        q->tail = tcb;
    q->head = tcb;
    tcb->queued = true;
    mark(tcb->priority);
}

/* seL4's rescheduleRequired: a pending candidate goes to the head of its queue and the next
 * choice is a full one. */
static void reschedule_required(void)
{
    if (candidate)
        scheduler_move_to_head(candidate);
    candidate = 0;
    choose_new = true;
}

void scheduler_remove(struct tcb *tcb)
{
    if (tcb == running)
        reschedule_required();
    if (tcb == candidate)
        candidate = 0;
    if (tcb->queued)
        ready_remove(tcb);
    if (tcb->in_release_queue)
        release_remove(tcb);
}

void scheduler_move_to_head(struct tcb *tcb)
{
    ready_remove(tcb);
    insert_head(tcb);
}

void scheduler_enqueue_at_head(struct tcb *tcb)
{
    if (!tcb->queued)
        return;
    reschedule_required();
    scheduler_move_to_head(tcb);
}

/* A thread became ready (seL4's possibleSwitchTo): the first since the last choice is the
 * candidate; any later one asks for a full choice. Either waits at the head of its queue (a
 * candidate's place is settled by the next choice). */
static void wake(struct tcb *tcb)
{
    if (!candidate && !choose_new)
        candidate = tcb;
    else
        reschedule_required();
    insert_head(tcb);
}

void scheduler_update(struct tcb *tcb)
{
    if (!scheduler_is_schedulable(tcb)) {
        scheduler_remove(tcb);
        return;
    }
    if (tcb->queued || tcb->in_release_queue)
        return;
    struct sched_context *sc = tcb->sc;
    if ((sc->flags & SC_FLAG_SPORADIC) && sc != running_sc)
        refill_unblock_check(sc, entry_time);
    if (!sc_ready(sc))
        release_insert(tcb);
    else if (tcb == running)
        append(tcb); /* the choice puts it back in front unless its timeslice ended */
    else
        wake(tcb);
}

struct tcb *scheduler_pick(void)
{
    if (!bitmap_top)
        return 0;
    word_t word = 63 - (word_t)__builtin_clzl(bitmap_top);
    word_t priority = word * 64 + 63 - (word_t)__builtin_clzl(bitmap[word]);
    return ready[priority].head;
}

/* Charge the running context what it used since its last charge (seL4's commitTime). */
static void commit(void)
{
    struct sched_context *sc = running_sc;
    if (sc && unaccounted) {
        if (sched_context_is_round_robin(sc))
            refill_charge_round_robin(sc, unaccounted);
        else
            refill_charge(sc, unaccounted, entry_time);
        sc->consumed += unaccounted;
    }
    unaccounted = 0;
}

void scheduler_commit_if_running(struct sched_context *sc)
{
    if (sc == running_sc)
        commit();
}

/* Without a running context the time since the last charge is dropped by the next commit(),
 * as idle time is. */
void scheduler_forget_if_running(struct sched_context *sc)
{
    if (sc == running_sc)
        running_sc = 0;
}

/* A Timeout fault for `tcb`, running on `sc` (not round robin), to its timeout handler, if it
 * has one (§12.5 r9, §12.8); true if it did. */
static bool raise_timeout_fault(struct tcb *tcb, struct sched_context *sc)
{
    if (sched_context_is_round_robin(sc) ||
        cap_type(tcb->slots[TCB_TIMEOUT_HANDLER].cap) != CAP_ENDPOINT)
        return false;
    word_t consumed_us = sched_context_take_consumed(sc); /* the message resets it (§12.8 r3) */
    struct fault fault = {FAULT_TIMEOUT, {sc->badge, consumed_us, 0}, lookup_fault_none()};
    fault_raise(tcb, &fault);
    return true;
}

/* The running context's timeslice is over (§12.5 r9): charge `usage` (round robin: the whole
 * budget comes back), then its thread gets a Timeout fault (if `can_fault`), or goes to the
 * tail of its queue, or waits in the release queue (seL4's chargeBudget, endTimeslice). */
static void end_timeslice(ticks_t usage, bool can_fault)
{
    struct sched_context *sc = running_sc;
    if (sched_context_is_round_robin(sc))
        refill_reset_round_robin(sc);
    else
        refill_charge(sc, usage, entry_time);
    sc->consumed += unaccounted;
    unaccounted = 0;
    struct tcb *tcb = sc->tcb;
    if (!tcb || !scheduler_is_schedulable(tcb))
        return;
    if (can_fault && raise_timeout_fault(tcb, sc))
        return;
    scheduler_remove(tcb);
    scheduler_update(tcb);
    if (tcb == running)
        running_placed = true;
}

static void time_update(void)
{
    ticks_t now = arch_time_now();
    unaccounted += now - entry_time;
    entry_time = now;
}

static bool budget_left(void)
{
    return !running_sc || sc_ready(running_sc);
}

bool scheduler_entry(struct tcb *thread)
{
    time_update();
    if (budget_left())
        return true;
    if (thread->state == THREAD_RUNNING)
        thread->state = THREAD_RESTART; /* both runnable: the queues stay as they are */
    end_timeslice(unaccounted, true);
    return false;
}

void scheduler_interrupt_entry(void)
{
    time_update();
    if (!budget_left())
        end_timeslice(unaccounted, true);
}

void scheduler_yield(struct tcb *tcb)
{
    if (running_sc && running_sc == tcb->sc)
        end_timeslice(refill_head(running_sc)->amount, false);
}

void scheduler_after_reply(struct tcb *caller, bool replied_to_timeout)
{
    if (caller->in_release_queue && !replied_to_timeout)
        raise_timeout_fault(caller, caller->sc);
}

/* Threads whose head refill has come due leave the release queue for the tail of their
 * ready queues (seL4's awaken). */
static void awaken(void)
{
    while (release_queue && refill_ready(release_queue->sc, entry_time)) {
        struct tcb *tcb = release_queue;
        release_remove(tcb);
        wake(tcb);
    }
}

/* Settle the scheduler action before a choice (seL4's schedule): a candidate of the running
 * thread's priority, while that thread can still run, goes to the tail of its queue, any
 * other to the head (it runs now if nothing ready is above it); the running thread, still
 * ready and not sent to the tail by its timeslice's end, goes back in front of its queue. */
static void settle_action(void)
{
    bool running_ready = running && running->queued && !running_placed;
    if (candidate && running_ready && candidate->priority == running->priority) {
        ready_remove(candidate);
        append(candidate);
    } else if (candidate && ready[candidate->priority].head != candidate) {
        scheduler_move_to_head(candidate);
    }
    if ((candidate || choose_new) && running_ready)
        scheduler_move_to_head(running);
    candidate = 0;
    choose_new = false;
    running_placed = false;
}

/* `sc` becomes the running context: the old one is charged its time, and a constant-bandwidth
 * context that was not running has the unblock check (§12.5 r8, seL4's switchSchedContext). */
static void switch_context(struct sched_context *sc)
{
    if (sc == running_sc)
        return;
    commit();
    running_sc = sc;
    timer_deadline = 0; /* a switch rearms the timer: see program_timer */
    if (sc && !(sc->flags & SC_FLAG_SPORADIC))
        refill_unblock_check(sc, entry_time);
}

/* A switch of scheduling context always rearms the timer (seL4's ksReprogram); the same
 * context running on rearms it only if its deadline moved. Skipping a switch whose new
 * deadline happened to equal the armed one made a path's length depend on the clock's phase
 * (sel4bench's UnknownSyscall round trip on riscv64 read 3797 or 4085 instructions). */
static void program_timer(void)
{
    uint64_t deadline = UINT64_MAX;
    if (running_sc) {
        ticks_t amount = refill_head(running_sc)->amount;
        deadline = entry_time + (amount > unaccounted ? amount - unaccounted : 0);
    }
    if (release_queue && release_time(release_queue) < deadline)
        deadline = release_time(release_queue);
    if (deadline != UINT64_MAX) /* armed the timer's precision early (setNextInterrupt) */
        deadline -= deadline > timer_precision ? timer_precision : deadline;
    if (deadline == timer_deadline)
        return;
    timer_deadline = deadline;
    arch_timer_set_deadline(deadline);
}

struct tcb *scheduler_choose(void)
{
    for (;;) {
        awaken();
        settle_action();
        struct tcb *next = scheduler_pick();
        switch_context(next ? next->sc : 0);
        if (!next || sc_ready(next->sc)) {
            program_timer();
            running = next;
            return next;
        }
        ready_remove(next); /* its time, just charged, leaves no refill due */
        release_insert(next);
    }
}

void scheduler_timer_fired(void)
{
    timer_deadline = UINT64_MAX;
}

bool scheduler_has_releases(void)
{
    return release_queue != 0;
}

void scheduler_dump(void)
{
    kprintf("kernel: ready threads (priority: name, head refill us)\n");
    for (word_t priority = NUM_PRIORITIES; priority-- > 0;) {
        for (struct tcb *t = ready[priority].head; t; t = t->ready_next)
            kprintf("  %3lu: %s, %lu\n", priority, t->name,
                    (word_t)time_ticks_to_us(refill_head(t->sc)->amount));
    }
}
