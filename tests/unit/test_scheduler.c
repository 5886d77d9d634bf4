/* Host tests of the scheduler's own decisions (sel4-abi.md §12.5 r9-r10, §12.6 r3-r4), with
 * threads and scheduling contexts made directly: the release queue's order, the scheduler
 * action when several threads wake in one kernel entry, charging the running context before
 * it is reconfigured, the timer armed its precision early and again after an early interrupt,
 * and DebugDumpScheduler's list. One tick is one microsecond here; the timer precision is 0
 * unless a test says otherwise. */
#include "arch/fake_arch.h"
#include "fixture.h"
#include "unit.h"
#include <core/refill.h>
#include <core/scheduler.h>
#include <object/sched_context.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *zeroed(size_t align, size_t bytes)
{
    void *p = aligned_alloc(align, bytes);
    memset(p, 0, bytes);
    return p;
}

/* A kernel entry (an interrupt) at `now`. */
static void enter_at(ticks_t now)
{
    fake_time_now = now;
    scheduler_interrupt_entry();
}

/* A thread of `priority` bound to a context of `budget` every `period` (0: round robin)
 * whose one refill is due at `release`; not yet runnable. */
static struct tcb *new_thread(word_t priority, ticks_t budget, ticks_t period, ticks_t release)
{
    struct tcb *tcb = zeroed(BIT(seL4_TCBBits), BIT(seL4_TCBBits));
    struct sched_context *sc = zeroed(BIT(seL4_MinSchedContextBits),
                                      BIT(seL4_MinSchedContextBits));
    refill_new(sc, MIN_REFILLS, budget, period, release);
    sc->tcb = tcb;
    tcb->sc = sc;
    tcb->priority = priority;
    tcb->state = THREAD_INACTIVE;
    return tcb;
}

static void set_state(struct tcb *tcb, enum thread_state state)
{
    tcb->state = state;
    scheduler_update(tcb);
}

/* Stop the `count` threads, let the scheduler go idle (it forgets them), then free them. */
static void delete_threads(struct tcb **threads, int count)
{
    for (int i = 0; i < count; i++)
        set_state(threads[i], THREAD_INACTIVE);
    CHECK(scheduler_choose() == NULL);
    for (int i = 0; i < count; i++) {
        free(threads[i]->sc);
        free(threads[i]);
    }
}

/* Threads whose refills come due at the same time leave the release queue in the order they
 * entered it (FIFO among equal release times, as seL4's tcbReleaseEnqueue), each woken to
 * the head of its ready queue: the last one released runs first (seL4's possibleSwitchTo
 * and rescheduleRequired). An earlier release goes in front of later ones. */
static void test_release_queue_order(void)
{
    enter_at(1000);
    struct tcb *a = new_thread(50, 500, 10000, 5000);
    struct tcb *b = new_thread(50, 500, 10000, 5000);
    struct tcb *c = new_thread(50, 500, 10000, 3000);
    set_state(a, THREAD_RUNNING);
    set_state(b, THREAD_RUNNING);
    set_state(c, THREAD_RUNNING);
    CHECK(a->in_release_queue && b->in_release_queue && c->in_release_queue);
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 3000); /* the first release: C's */

    enter_at(3000);
    CHECK(scheduler_choose() == c);
    CHECK(!c->in_release_queue && a->in_release_queue && b->in_release_queue);
    set_state(c, THREAD_INACTIVE);
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 5000);

    enter_at(5000); /* A and B come due together: A leaves first, B, woken last, runs first */
    CHECK(scheduler_choose() == b);
    set_state(b, THREAD_INACTIVE);
    CHECK(scheduler_choose() == a);
    delete_threads((struct tcb *[]){a, b, c}, 3);
}

/* A thread that left the release queue from behind another and comes back in front of it
 * (an earlier release) leaves it again cleanly: the other one is released on time after. */
static void test_release_queue_reentered_at_the_head(void)
{
    enter_at(10000);
    struct tcb *a = new_thread(40, 500, 10000, 15000);
    struct tcb *b = new_thread(40, 500, 10000, 16000);
    set_state(a, THREAD_RUNNING);
    set_state(b, THREAD_RUNNING);
    set_state(b, THREAD_INACTIVE);
    refill_new(b->sc, MIN_REFILLS, 500, 10000, 12000);
    set_state(b, THREAD_RUNNING);
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 12000);
    enter_at(12000);
    CHECK(scheduler_choose() == b);
    set_state(b, THREAD_INACTIVE);
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 15000);
    enter_at(15000);
    CHECK(scheduler_choose() == a);
    delete_threads((struct tcb *[]){a, b}, 2);
}

/* A thread taken out of the middle of the release queue (suspended while it waits) is gone
 * from it: it is not released later, and the one before it leaves the queue empty. */
static void test_release_queue_middle_removed(void)
{
    enter_at(200000);
    struct tcb *a = new_thread(40, 500, 10000, 205000);
    struct tcb *b = new_thread(40, 500, 10000, 206000);
    set_state(a, THREAD_RUNNING);
    set_state(b, THREAD_RUNNING);
    set_state(b, THREAD_INACTIVE);
    CHECK(scheduler_choose() == NULL);
    enter_at(205000);
    CHECK(scheduler_choose() == a);
    CHECK(!scheduler_has_releases());
    set_state(a, THREAD_INACTIVE);
    CHECK(scheduler_choose() == NULL);
    enter_at(206000);
    CHECK(scheduler_choose() == NULL);
    delete_threads((struct tcb *[]){a, b}, 2);
}

/* A thread woken and stopped again in one kernel entry (so no longer the candidate) is not
 * chosen. */
static void test_candidate_stopped_before_the_choice(void)
{
    enter_at(210000);
    struct tcb *a = new_thread(50, 1000, 0, 210000);
    set_state(a, THREAD_RUNNING);
    set_state(a, THREAD_INACTIVE);
    CHECK(scheduler_choose() == NULL);
    CHECK(!a->queued);
    delete_threads(&a, 1);
}

/* Stopping a thread other than the running one asks for no full choice (seL4's scheduleTCB
 * reschedules only for the current thread): a thread woken after it at the running thread's
 * priority is still the candidate and goes to the tail, behind the one already waiting. */
static void test_stopping_another_thread_keeps_the_candidate(void)
{
    enter_at(220000);
    struct tcb *r = new_thread(70, 1000, 0, 220000);
    struct tcb *z = new_thread(70, 1000, 0, 220000);
    struct tcb *y = new_thread(70, 1000, 0, 220000);
    struct tcb *x = new_thread(20, 1000, 0, 220000);
    set_state(r, THREAD_RUNNING);
    set_state(z, THREAD_RUNNING);
    set_state(x, THREAD_RUNNING);
    CHECK(scheduler_choose() == z); /* woken last, at the head: z, r */
    scheduler_yield(z);
    CHECK(scheduler_choose() == r); /* r, z */
    enter_at(220100);
    set_state(x, THREAD_INACTIVE);
    set_state(y, THREAD_RUNNING);
    CHECK(scheduler_choose() == r); /* r, z, y */
    scheduler_yield(r);
    CHECK(scheduler_choose() == z);
    delete_threads((struct tcb *[]){r, z, y, x}, 4);
}

/* A round-robin context never raises a Timeout fault (§12.5 r9): at its timeslice's end its
 * thread, timeout handler or not, goes to the tail of its queue with its budget back. */
static void test_round_robin_end_raises_no_timeout_fault(void)
{
    enter_at(400000);
    struct tcb *r = new_thread(85, 1000, 0, 400000);
    struct tcb *s = new_thread(85, 1000, 0, 400000);
    void *endpoint = zeroed(64, 64);
    r->slots[TCB_TIMEOUT_HANDLER].cap = cap_endpoint((paddr_t)endpoint, 0, CAP_RIGHTS_ALL);
    set_state(s, THREAD_RUNNING);
    set_state(r, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    enter_at(401000);
    CHECK_EQ(r->state, THREAD_RUNNING);
    CHECK(r->queued);
    CHECK(scheduler_choose() == s);
    r->slots[TCB_TIMEOUT_HANDLER].cap = cap_null();
    delete_threads((struct tcb *[]){r, s}, 2);
    free(endpoint);
}

/* A sporadic context's thread woken long after its refill came due gets the unblock check
 * (§12.5 r8): the head starts now, so what it uses now comes back a period from now, not a
 * period from the old release. */
static void test_sporadic_wakeup_unblock_check(void)
{
    enter_at(300000);
    struct tcb *s = new_thread(75, 500, 10000, 250000);
    s->sc->flags = SC_FLAG_SPORADIC;
    set_state(s, THREAD_RUNNING);
    CHECK_EQ(refill_head(s->sc)->release, 300000);
    CHECK(scheduler_choose() == s);
    enter_at(300500); /* its budget is used up */
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 310000);
    delete_threads(&s, 1);
}

/* Two threads of the running thread's priority wake in one kernel entry: the first is the
 * candidate, the second asks for a full choice, in which the running thread, still runnable,
 * goes back to the head of its queue and runs on (seL4's schedule: SCHED_ENQUEUE of the
 * current thread before chooseThread). Its timeslice's end then sends it to the tail, behind
 * the two woken ones, the last woken first. */
static void test_second_wakeup_keeps_the_running_thread(void)
{
    enter_at(20000);
    struct tcb *r = new_thread(60, 1000, 0, 20000);
    struct tcb *a = new_thread(60, 1000, 0, 20000);
    struct tcb *b = new_thread(60, 1000, 0, 20000);
    set_state(r, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    enter_at(20100);
    set_state(a, THREAD_RUNNING);
    set_state(b, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    scheduler_yield(r);
    CHECK(scheduler_choose() == b);
    scheduler_yield(b);
    CHECK(scheduler_choose() == a);
    scheduler_yield(a);
    CHECK(scheduler_choose() == r);
    delete_threads((struct tcb *[]){r, a, b}, 3);
}

/* Two threads below the running one's priority wake in one kernel entry: both wait at the
 * head of their queue, the last woken first (the first stops being the candidate when the
 * second asks for a full choice, seL4's rescheduleRequired), and run in that order once the
 * running thread stops. */
static void test_second_wakeup_below_the_running_thread(void)
{
    enter_at(30000);
    struct tcb *r = new_thread(60, 1000, 0, 30000);
    struct tcb *a = new_thread(50, 1000, 0, 30000);
    struct tcb *b = new_thread(50, 1000, 0, 30000);
    set_state(r, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    enter_at(30100);
    set_state(a, THREAD_RUNNING);
    set_state(b, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    set_state(r, THREAD_INACTIVE);
    CHECK(scheduler_choose() == b);
    set_state(b, THREAD_INACTIVE);
    CHECK(scheduler_choose() == a);
    delete_threads((struct tcb *[]){r, a, b}, 3);
}

/* A kernel entry after which the same context runs on charges nothing yet: its time is
 * charged when another context takes over, its budget runs out or it is reconfigured, and
 * Consumed does not count the time not yet charged (sel4-abi.md §12.5, SC_Consumed). */
static void test_running_on_charges_nothing_yet(void)
{
    enter_at(35000);
    struct tcb *r = new_thread(65, 500, 10000, 35000);
    set_state(r, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    enter_at(35100);
    CHECK(scheduler_choose() == r);
    CHECK_EQ(r->sc->consumed, 0);
    CHECK_EQ(refill_head(r->sc)->release, 35000);
    CHECK_EQ(refill_head(r->sc)->amount, 500);
    enter_at(35200);
    scheduler_commit_if_running(r->sc);
    CHECK_EQ(r->sc->consumed, 200);
    delete_threads(&r, 1);
}

/* Deleting another scheduling context while a thread runs leaves the running one charged for
 * its time as usual (only the deletion of the running one drops its uncharged time). */
static void test_deleting_a_context_while_another_runs(void)
{
    enter_at(36000);
    struct tcb *r = new_thread(65, 500, 10000, 36000);
    struct sched_context *other = zeroed(BIT(seL4_MinSchedContextBits),
                                         BIT(seL4_MinSchedContextBits));
    refill_new(other, MIN_REFILLS, 500, 10000, 36000);
    set_state(r, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    enter_at(36300);
    sched_context_destroy(other);
    scheduler_commit_if_running(r->sc);
    CHECK_EQ(r->sc->consumed, 300);
    free(other);
    delete_threads(&r, 1);
}

/* The running thread's context is reconfigured (SchedControl_ConfigureFlags on it): the time
 * it used so far is charged to it first (seL4's commitTime before the new refills), so the
 * new round-robin budget is whole from now on, and Consumed counts the time used. */
static void test_reconfiguring_the_running_context_charges_it_first(void)
{
    enter_at(40000);
    struct tcb *r = new_thread(70, 1000, 0, 40000);
    set_state(r, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    CHECK_EQ(fake_timer_deadline, 41000);
    enter_at(40300);
    sched_context_configure(r->sc, 1000, 1000, 0, 0, 0);
    CHECK_EQ(r->sc->consumed, 300);
    CHECK(scheduler_choose() == r);
    CHECK_EQ(fake_timer_deadline, 41300); /* a whole new budget from 40300 */
    enter_at(41000);
    CHECK_EQ(sched_context_take_consumed(r->sc), 300); /* the rest is not charged yet */
    delete_threads(&r, 1);
}

/* The timer is armed its precision early (seL4's setNextInterrupt), for a budget's end as
 * for a release, so that the interrupt comes no later than the deadline itself. */
static void test_timer_armed_its_precision_early(void)
{
    fake_timer_precision = 7;
    scheduler_init();
    enter_at(50000);
    struct tcb *r = new_thread(80, 1000, 0, 50000);
    struct tcb *w = new_thread(90, 500, 10000, 50400);
    set_state(r, THREAD_RUNNING);
    set_state(w, THREAD_RUNNING);
    CHECK(scheduler_choose() == r);
    CHECK_EQ(fake_timer_deadline, 50400 - 7); /* W's release comes before R's budget ends */
    enter_at(50400 - 7);
    CHECK(scheduler_choose() == w);
    CHECK_EQ(fake_timer_deadline, 50393 + 500 - 7); /* W's budget end */
    delete_threads((struct tcb *[]){r, w}, 2);
    fake_timer_precision = 0;
    scheduler_init();
}

/* A timer interrupt that comes before the deadline it was armed for (x86_64 arms the LAPIC
 * at most a second ahead) arms the same deadline again: the interrupt used up the one-shot,
 * so the timer holds nothing until the kernel arms it. */
static void test_early_timer_interrupt_rearms(void)
{
    enter_at(100000);
    struct tcb *w = new_thread(90, 500, 5000000, 3100000);
    set_state(w, THREAD_RUNNING);
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 3100000);
    fake_timer_deadline = 0; /* the one-shot fired */
    enter_at(1100000);
    scheduler_timer_fired();
    CHECK(scheduler_choose() == NULL);
    CHECK_EQ(fake_timer_deadline, 3100000);
    delete_threads(&w, 1);
}

static void dump(word_t unused)
{
    (void)unused;
    scheduler_dump();
}

/* DebugDumpScheduler lists every ready thread, highest priority first, in queue order, with
 * its head refill; a thread waiting for its refill is not ready. */
static void test_dump_lists_ready_threads(void)
{
    enter_at(60000);
    struct tcb *low = new_thread(3, 700, 0, 60000);
    struct tcb *high = new_thread(200, 900, 0, 60000);
    struct tcb *waiting = new_thread(100, 500, 10000, 70000);
    struct tcb *lowest = new_thread(0, 600, 0, 60000);
    memcpy(lowest->name, "lowest", 7);
    memcpy(low->name, "low", 4);
    memcpy(high->name, "high", 5);
    memcpy(waiting->name, "waiting", 8);
    set_state(low, THREAD_RUNNING);
    set_state(high, THREAD_RUNNING);
    set_state(waiting, THREAD_RUNNING);
    set_state(lowest, THREAD_RUNNING);
    char out[512];
    console_into(dump, 0, out, sizeof(out));
    CHECK(!strcmp(out, "kernel: ready threads (priority: name, head refill us)\n"
                       "  200: high, 900\n"
                       "    3: low, 700\n"
                       "    0: lowest, 600\n"));
    delete_threads((struct tcb *[]){low, high, waiting, lowest}, 4);
}

static void looped(int signal)
{
    (void)signal;
    static const char message[] = "test_scheduler: timed out (a scheduler loop never ended)\n";
    write(STDERR_FILENO, message, sizeof(message) - 1);
    _exit(1);
}

int main(void)
{
    signal(SIGALRM, looped);
    alarm(15);
    scheduler_init();
    test_release_queue_order();
    test_release_queue_reentered_at_the_head();
    test_release_queue_middle_removed();
    test_candidate_stopped_before_the_choice();
    test_stopping_another_thread_keeps_the_candidate();
    test_sporadic_wakeup_unblock_check();
    test_round_robin_end_raises_no_timeout_fault();
    test_second_wakeup_keeps_the_running_thread();
    test_second_wakeup_below_the_running_thread();
    test_running_on_charges_nothing_yet();
    test_deleting_a_context_while_another_runs();
    test_reconfiguring_the_running_context_charges_it_first();
    test_timer_armed_its_precision_early();
    test_early_timer_interrupt_rearms();
    test_dump_lists_ready_threads();
    return unit_report("test_scheduler");
}
