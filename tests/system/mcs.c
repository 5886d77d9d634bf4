/* System tests of the MCS scheduler proper (sel4-abi.md §12.5 r6-r10, §12.6 r3): a budget is
 * a share of the CPU, measured with the cycle counter by the thread itself (the time between
 * two of its own consecutive counter reads is its own unless it was away); round robin among
 * equal priorities; a thread waiting for its refill while nothing else can run leaves the
 * kernel idle until the timer releases it. Counter figures assume icount (1 tick ~ 1 ns).
 * The threads run at 254, above any helper an earlier test may have left running. */
#include "ipc_helpers.h"
#include <counter.h>
#include <stdbool.h>

#define AWAY_TICKS 3000ul /* a gap this long between two reads: the thread was not running */

struct share {
    volatile uint64_t run, start, end;
    volatile seL4_Word turns, wanted_turns;
    volatile bool done;
    volatile struct share *other; /* round robin: stop when the other one is done too */
    seL4_CPtr park;               /* a notification no one signals: where it ends */
};

/* Count the counter ticks the thread runs and the turns it gets, until `wanted_turns`. */
static void measure_share(void *arg)
{
    struct share *s = arg;
    uint64_t prev = counter_read();
    s->start = prev;
    for (;;) {
        uint64_t now = counter_read();
        if (now - prev < AWAY_TICKS)
            s->run += now - prev;
        else
            s->turns++;
        if (s->turns == s->wanted_turns || (s->other && s->other->done)) {
            s->end = now;
            s->done = true;
            ipc_park(s->park);
        }
        prev = now;
    }
}

/* The root task runs at the lowest priority until `s` is done (a bounded wait). */
static void wait_until_done(struct env *env, struct share *s)
{
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    for (seL4_Word i = 0; i < 100000000ul && !s->done; i++)
        ;
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
    CHECK(env, s->done);
}

/* A thread with `budget` µs every `period` µs (flags: sporadic or not) that never blocks gets
 * budget / period of the CPU, to ±1 % of the whole, over 100 periods. */
static void check_share(struct env *env, seL4_Word budget, seL4_Word period, seL4_Word flags)
{
    static struct share s;
    s = (struct share){.wanted_turns = 101};
    s.park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr tcb = env_thread(env, 254);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tcb), budget, period,
                                                0, 0, flags) == seL4_NoError);
    env_thread_start(env, tcb, measure_share, &s);
    wait_until_done(env, &s);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    uint64_t elapsed = s.end - s.start;
    uint64_t permille = s.run * 1000 / (elapsed ? elapsed : 1);
    printf("system-test: %lu us every %lu us (flags %lu): %lu.%lu %% of the CPU over %lu "
           "periods\n", budget, period, flags, (seL4_Word)permille / 10,
           (seL4_Word)permille % 10, s.turns - 1);
    seL4_Word expected = budget * 1000 / period;
    CHECK(env, permille + 10 >= expected && permille <= expected + 10);
}

void test_mcs_budget_is_a_share(struct env *env)
{
    check_share(env, 100, 1000, 0);
}

void test_mcs_sporadic_budget_is_a_share(struct env *env)
{
    check_share(env, 250, 1000, seL4_SchedContext_Sporadic);
}

/* Two threads of one priority with round-robin contexts (budget == period) take turns, each
 * running for about the same time. */
void test_mcs_round_robin_among_equals(struct env *env)
{
    static struct share a, b;
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    a = (struct share){.wanted_turns = 10, .other = &b, .park = park};
    b = (struct share){.wanted_turns = 10, .other = &a, .park = park};
    seL4_CPtr ta = env_thread(env, 254), tb = env_thread(env, 254);
    env_thread_start(env, ta, measure_share, &a);
    env_thread_start(env, tb, measure_share, &b);
    wait_until_done(env, &a);
    wait_until_done(env, &b);
    CHECK(env, seL4_TCB_Suspend(ta) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(tb) == seL4_NoError);
    CHECK(env, a.turns >= 9 && b.turns >= 9);
    CHECK(env, a.run * 4 >= b.run * 3 && b.run * 4 >= a.run * 3);
}

static volatile uint64_t woken_at[4];
static volatile seL4_Word wakes;
static seL4_CPtr idle_ntfn;

/* Signal at the start of each of its runs, then spin until it is away. */
static void signal_each_run(void *arg)
{
    (void)arg;
    for (;;) {
        seL4_Signal(idle_ntfn);
        uint64_t prev = counter_read(), now;
        while ((now = counter_read()) - prev < AWAY_TICKS)
            prev = now;
    }
}

#define IDLE_PERIOD_US 20000ul
#define IDLE_PERIOD_TICKS (IDLE_PERIOD_US * 1000ul) /* icount: 1 counter tick ~ 1 ns */
#define IDLE_TOLERANCE_TICKS (IDLE_PERIOD_TICKS / 20) /* ± 5 % of the period */

/* The root task waits on a notification; the only other thread runs out of budget and waits
 * for its refill: no thread can run, but the kernel idles rather than stop, and the timer
 * brings the thread (and so the signal) back one period later: every wait, the shortest and
 * the longest, is the period to ± 5 % (a budget pushed a period further on doubles one). */
void test_mcs_idle_until_release(struct env *env)
{
    idle_ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr tcb = env_thread(env, 254);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tcb), 200,
                                                IDLE_PERIOD_US, 0, 0, 0) == seL4_NoError);
    env_thread_start(env, tcb, signal_each_run, 0);
    uint64_t longest = 0, shortest = UINT64_MAX;
    for (wakes = 0; wakes < 4; wakes++) {
        seL4_Wait(idle_ntfn, 0);
        woken_at[wakes] = counter_read();
        if (!wakes)
            continue;
        uint64_t wait = woken_at[wakes] - woken_at[wakes - 1];
        if (wait > longest)
            longest = wait;
        if (wait < shortest)
            shortest = wait;
    }
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    printf("system-test: idle: wakes at +%lu, +%lu, +%lu counter ticks; waits %lu to %lu\n",
           (seL4_Word)(woken_at[1] - woken_at[0]), (seL4_Word)(woken_at[2] - woken_at[0]),
           (seL4_Word)(woken_at[3] - woken_at[0]), (seL4_Word)shortest, (seL4_Word)longest);
    CHECK(env, shortest + IDLE_TOLERANCE_TICKS >= IDLE_PERIOD_TICKS);
    CHECK(env, longest <= IDLE_PERIOD_TICKS + IDLE_TOLERANCE_TICKS);
}

static volatile seL4_Word yield_target_ran, yield_prober_done;
static seL4_CPtr yield_park, yield_higher_sc;
static seL4_Error yield_prober_error;

static void note_run_and_park(void *arg)
{
    (void)arg;
    yield_target_ran = 1;
    ipc_park(yield_park);
}

/* YieldTo a context whose thread's priority is above the caller's MCP. */
static void yield_to_above_mcp(void *arg)
{
    (void)arg;
    yield_prober_error = seL4_SchedContext_YieldTo(yield_higher_sc).error;
    yield_prober_done = 1;
    ipc_park(yield_park);
}

/* SchedContext_YieldTo (§12.5): IllegalOperation for a context without a thread, the caller's
 * own, and one whose thread is above the caller's MCP; a target of lower priority than the
 * caller does not run, and the caller has Consumed at once; one of equal priority runs first
 * and the caller returns when it has blocked. */
void test_mcs_yield_to(struct env *env)
{
    yield_park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr lone = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK(env, seL4_SchedContext_YieldTo(lone).error == seL4_IllegalOperation);
    CHECK(env, seL4_SchedContext_YieldTo(seL4_CapInitThreadSC).error == seL4_IllegalOperation);

    seL4_CPtr higher = env_thread(env, seL4_MaxPrio), prober = env_thread(env, 254);
    yield_higher_sc = env_thread_sched_context(higher);
    env_thread_start(env, prober, yield_to_above_mcp, 0);
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    for (seL4_Word i = 0; i < 100000000ul && !yield_prober_done; i++)
        ;
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
    CHECK(env, yield_prober_done && yield_prober_error == seL4_IllegalOperation);
    CHECK(env, seL4_TCB_Suspend(prober) == seL4_NoError);

    seL4_CPtr lower = env_thread(env, 100);
    yield_target_ran = 0;
    env_thread_start(env, lower, note_run_and_park, 0);
    CHECK(env, seL4_SchedContext_YieldTo(env_thread_sched_context(lower)).error ==
                   seL4_NoError);
    CHECK(env, !yield_target_ran);
    CHECK(env, seL4_TCB_Suspend(lower) == seL4_NoError);

    env_thread_start(env, higher, note_run_and_park, 0);
    CHECK(env, !yield_target_ran); /* an equal: queued behind the root task */
    CHECK(env, seL4_SchedContext_YieldTo(yield_higher_sc).error == seL4_NoError);
    CHECK(env, yield_target_ran);
    CHECK(env, seL4_TCB_Suspend(higher) == seL4_NoError);
}

/* Two threads of one priority whose budgets run out in turn wait in the release queue
 * together, the second behind the first (a later release): both come back, period after
 * period. */
void test_mcs_release_queue_keeps_both(struct env *env)
{
    static struct share a, b;
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    a = (struct share){.wanted_turns = 5, .park = park};
    b = (struct share){.wanted_turns = 5, .park = park};
    seL4_CPtr ta = env_thread(env, 254), tb = env_thread(env, 254);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(ta), 100, 2000, 0, 0,
                                                0) == seL4_NoError);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tb), 100, 2000, 0, 0,
                                                0) == seL4_NoError);
    env_thread_start(env, ta, measure_share, &a);
    env_thread_start(env, tb, measure_share, &b);
    wait_until_done(env, &a);
    wait_until_done(env, &b);
    CHECK(env, seL4_TCB_Suspend(ta) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(tb) == seL4_NoError);
}

#define ORDER_LOG 4

static struct {
    seL4_CPtr ep, reply, park, other;
    volatile char log[ORDER_LOG];
    volatile seL4_Word entries;
} order;

static void order_log(char who)
{
    if (order.entries < ORDER_LOG)
        order.log[order.entries] = who;
    order.entries++;
}

static bool order_is(const char *expected)
{
    seL4_Word i = 0;
    for (; expected[i]; i++) {
        if (i >= order.entries || order.log[i] != expected[i])
            return false;
    }
    return order.entries == i;
}

static void log_and_park(void *arg)
{
    order_log((char)(seL4_Word)arg);
    ipc_park(order.park);
}

static void serve_and_park(void *arg)
{
    (void)arg;
    seL4_Word badge = 0;
    seL4_Recv(order.ep, &badge, order.reply);
    order_log('S');
    ipc_park(order.park);
}

/* Makes its equal `other` ready (behind it), then calls the server, its equal too. */
static void resume_then_call(void *arg)
{
    (void)arg;
    seL4_TCB_Resume(order.other);
    order_log('C');
    seL4_CallWithMRs(order.ep, seL4_MessageInfo_new(0, 0, 0, 0), 0, 0, 0, 0);
    ipc_park(order.park);
}

/* §12.6 r4: a thread woken while the running thread can no longer run, with no ready thread
 * above it, runs at once, ahead of its equals already waiting: a client's Call switches
 * straight to a server of its own priority while a third thread of that priority is
 * ready; woken at the running thread's priority while that one runs on, it waits behind. */
void test_mcs_call_switches_straight_to_equal_server(struct env *env)
{
    order.ep = env_retype(env, seL4_EndpointObject, 0, 1);
    order.reply = env_retype(env, seL4_ReplyObject, 0, 1);
    order.park = env_retype(env, seL4_NotificationObject, 0, 1);
    order.entries = 0;
    seL4_CPtr server = env_thread(env, 150), client = env_thread(env, 150);
    order.other = env_thread(env, 150);
    env_thread_start(env, server, serve_and_park, 0);
    ipc_let_others_run(env); /* the server waits */
    env_thread_start(env, order.other, log_and_park, (void *)'Q');
    CHECK(env, seL4_TCB_Suspend(order.other) == seL4_NoError); /* the client resumes it */
    env_thread_start(env, client, resume_then_call, 0);
    ipc_let_others_run(env);
    CHECK(env, order_is("CSQ"));
    CHECK(env, seL4_TCB_Suspend(server) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(client) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(order.other) == seL4_NoError);
}

/* §12.6 r4: a thread woken below the running thread waits at the head of its queue, so of
 * two equals started one after the other by a higher thread the later runs first. */
void test_mcs_woken_below_running_waits_at_head(struct env *env)
{
    order.park = env_retype(env, seL4_NotificationObject, 0, 1);
    order.entries = 0;
    seL4_CPtr first = env_thread(env, 150), second = env_thread(env, 150);
    env_thread_start(env, first, log_and_park, (void *)'1');
    env_thread_start(env, second, log_and_park, (void *)'2');
    ipc_let_others_run(env);
    CHECK(env, order_is("21"));
    CHECK(env, seL4_TCB_Suspend(first) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(second) == seL4_NoError);
}

#define SLACK_PERIOD_US 1000ul
#define SLACK_BUDGET_US 100ul
#define SLACK_RUNS 8
#define KERNEL_WCET_TICKS 10000ul /* seL4's 10 µs (icount: 1 counter tick ~ 1 ns) */

static struct {
    volatile uint64_t starts[SLACK_RUNS];
    volatile seL4_Word runs;
    volatile bool done;
    seL4_CPtr park;
} slack;

/* Note the counter at the start of each of its runs. */
static void note_run_starts(void *arg)
{
    (void)arg;
    uint64_t prev = counter_read();
    slack.starts[0] = prev;
    slack.runs = 1;
    for (;;) {
        uint64_t now = counter_read();
        if (now - prev >= AWAY_TICKS) {
            slack.starts[slack.runs++] = now;
            if (slack.runs == SLACK_RUNS) {
                slack.done = true;
                ipc_park(slack.park);
            }
        }
        prev = now;
    }
}

/* §12.5 r10, seL4's refill_ready: a refill is due once it is due within the kernel's
 * worst-case path (10 µs), so a thread waiting for its refill while the root task enters the
 * kernel every few µs (Yield at the lowest priority) comes back up to 10 µs before its
 * release, and its constant-bandwidth context then starts its budget there: its runs start
 * 1 ms - 10 µs apart, give or take the root task's few µs between entries. */
void test_mcs_release_within_kernel_wcet(struct env *env)
{
    slack.park = env_retype(env, seL4_NotificationObject, 0, 1);
    slack.done = false;
    seL4_CPtr tcb = env_thread(env, 254);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tcb), SLACK_BUDGET_US,
                                                SLACK_PERIOD_US, 0, 0, 0) == seL4_NoError);
    env_thread_start(env, tcb, note_run_starts, 0);
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    for (seL4_Word i = 0; i < 10000000ul && !slack.done; i++)
        seL4_Yield();
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
    CHECK(env, slack.done);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    uint64_t shortest = UINT64_MAX, longest = 0;
    for (int i = 2; i < SLACK_RUNS; i++) {
        uint64_t gap = slack.starts[i] - slack.starts[i - 1];
        shortest = gap < shortest ? gap : shortest;
        longest = gap > longest ? gap : longest;
    }
    printf("system-test: runs of a %lu us / %lu us context start %lu to %lu counter ticks "
           "apart\n", SLACK_BUDGET_US, SLACK_PERIOD_US, (seL4_Word)shortest, (seL4_Word)longest);
    uint64_t period = SLACK_PERIOD_US * 1000ul;
    CHECK(env, longest + KERNEL_WCET_TICKS / 2 <= period);
    CHECK(env, shortest + KERNEL_WCET_TICKS + 3000ul >= period);
}

static volatile seL4_Word runs_seen;

static void count_runs_and_yield(void *arg)
{
    (void)arg;
    for (;;) {
        runs_seen++;
        seL4_Yield();
    }
}

/* A thread whose budget is used up waits for its refill however often it is suspended and
 * resumed (sel4test SCHED0016): 1 ms every second, given up at once by a Yield. */
void test_mcs_resume_cannot_exceed_budget(struct env *env)
{
    seL4_CPtr tcb = env_thread(env, 254);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tcb), 1000, 1000000,
                                                0, 0, 0) == seL4_NoError);
    runs_seen = 0;
    env_thread_start(env, tcb, count_runs_and_yield, 0);
    ipc_let_others_run(env);
    CHECK(env, runs_seen == 1);
    for (int i = 0; i < 10; i++) {
        CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
        CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
        ipc_let_others_run(env);
    }
    CHECK(env, runs_seen == 1);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A thread without a scheduling context, resumed, is runnable but does not run; nor after
 * its context is deleted (sel4test SCHED0010). YieldTo a context whose thread cannot run
 * returns at once with nothing consumed (SCHED0017). */
void test_mcs_resume_without_sched_context(struct env *env)
{
    seL4_CPtr tcb = env_thread(env, 254);
    seL4_CPtr sc = env_thread_sched_context(tcb);
    seL4_SchedContext_YieldTo_t yielded = seL4_SchedContext_YieldTo(sc);
    CHECK(env, yielded.error == seL4_NoError && yielded.consumed == 0);
    CHECK(env, seL4_SchedContext_Unbind(sc) == seL4_NoError);
    runs_seen = 0;
    env_thread_start(env, tcb, count_runs_and_yield, 0);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, runs_seen == 0);
    CHECK(env, seL4_SchedContext_Bind(sc, tcb) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, sc, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, runs_seen == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}
