/* System tests of SchedContext Bind, Unbind and UnbindObject beyond their argument checks
 * (sel4-abi.md §12.5, §12.7 r1-r3, §12.9): a scheduling context bound to a notification is
 * lent to the SC-less thread a Signal wakes (a waiter, or a bound thread blocked in Recv)
 * and comes back when that thread waits again; deleting either side unbinds them; a thread
 * cannot unbind the context it runs on. */
#include "ipc_helpers.h"
#include <counter.h>

#define LEND_BADGE 0x30ul

struct lender {
    seL4_CPtr ntfn, ep, reply, park, gate, own_sc, own_tcb;
    volatile seL4_Word wakes, badge;
    volatile seL4_Error unbind_object_error, unbind_error;
    volatile seL4_Word done;
};

static struct lender lender;

/* Waits on the notification for good, counting its wakes. */
static void wait_and_count(void *arg)
{
    (void)arg;
    for (;;) {
        seL4_Word badge = 0;
        seL4_Wait(lender.ntfn, &badge);
        lender.badge = badge;
        lender.wakes++;
    }
}

/* Receives on the endpoint for good (with a bound notification), counting its wakes. */
static void receive_and_count(void *arg)
{
    (void)arg;
    for (;;) {
        seL4_Word badge = 0;
        seL4_Recv(lender.ep, &badge, lender.reply);
        lender.badge = badge;
        lender.wakes++;
    }
}

/* A thread started on `entry` that blocks, then loses its own scheduling context. */
static seL4_CPtr start_passive(struct env *env, void (*entry)(void *))
{
    seL4_CPtr tcb = env_thread(env, 150);
    env_thread_start(env, tcb, entry, 0);
    ipc_let_others_run(env);
    CHECK_ERR(env, seL4_SchedContext_Unbind(env_thread_sched_context(tcb)), seL4_NoError);
    return tcb;
}

static void lender_init(struct env *env)
{
    lender = (struct lender){
        .ntfn = env_retype(env, seL4_NotificationObject, 0, 1),
        .ep = env_retype(env, seL4_EndpointObject, 0, 1),
        .reply = env_retype(env, seL4_ReplyObject, 0, 1),
        .park = env_retype(env, seL4_NotificationObject, 0, 1),
        .gate = env_retype(env, seL4_NotificationObject, 0, 1),
    };
}

/* A configured context of its own (1 ms every 1 ms). */
static seL4_CPtr configured_sc(struct env *env)
{
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK_ERR(env, seL4_SchedControl_Configure(env->bootinfo->schedcontrol.start, sc, 1000,
                                               1000, 0, 0), seL4_NoError);
    return sc;
}

/* Bind takes a notification as well as a thread: each side at most once (IllegalOperation);
 * UnbindObject names the bound one; Unbind frees the notification too; a context may have a
 * thread and a notification at once. A blocked thread binds only a context it can run on
 * now. */
void test_sched_context_bind_notification_checks(struct env *env)
{
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 2);
    seL4_CPtr other_sc = sc + 1;
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 2), other_ntfn = ntfn + 1;
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ep), seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, other_ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(other_sc, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(other_sc, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, tcb), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(other_sc, ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, other_ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Unbind(other_sc), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ntfn), seL4_IllegalOperation); /* has one */
    CHECK_ERR(env, seL4_SchedContext_Unbind(sc), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ntfn), seL4_NoError);

    lender_init(env);
    seL4_CPtr blocked = start_passive(env, wait_and_count);
    seL4_CPtr unconfigured = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK_ERR(env, seL4_SchedContext_Bind(unconfigured, blocked), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(configured_sc(env), blocked), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_Suspend(blocked), seL4_NoError);
}

/* A Signal wakes a passive waiter on the notification's context: it runs, and gives the
 * context back when it waits again (the context is free: UnbindObject of the thread fails).
 * While another thread holds the context, a woken passive waiter gets nothing and does not
 * run. */
void test_sched_context_notification_lends_to_waiter(struct env *env)
{
    lender_init(env);
    seL4_CPtr waiter = start_passive(env, wait_and_count);
    seL4_CPtr lend = configured_sc(env);
    CHECK_ERR(env, seL4_SchedContext_Bind(lend, lender.ntfn), seL4_NoError);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, lender.ntfn, ROOT_DEPTH,
                               seL4_AllRights, LEND_BADGE) == seL4_NoError);
    seL4_Signal(badged);
    ipc_let_others_run(env);
    CHECK(env, lender.wakes == 1 && lender.badge == LEND_BADGE);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(lend, waiter), seL4_IllegalOperation);
    seL4_SchedContext_Consumed_t consumed = seL4_SchedContext_Consumed(lend);
    CHECK(env, consumed.error == seL4_NoError);

    seL4_CPtr holder = env_retype(env, seL4_TCBObject, 0, 1);
    CHECK_ERR(env, seL4_SchedContext_Bind(lend, holder), seL4_NoError);
    seL4_Signal(badged);
    ipc_let_others_run(env);
    CHECK(env, lender.wakes == 1); /* woken, but with no context to run on */
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(lend, holder), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_Suspend(waiter), seL4_NoError);
}

/* A passive thread blocked in Recv on an endpoint, its bound notification bound to a
 * context: a Signal wakes it on that context with the badge, and its next Recv gives the
 * context back before it blocks. */
void test_sched_context_notification_lends_to_bound_receiver(struct env *env)
{
    lender_init(env);
    seL4_CPtr server = start_passive(env, receive_and_count);
    CHECK_ERR(env, seL4_TCB_BindNotification(server, lender.ntfn), seL4_NoError);
    seL4_CPtr lend = configured_sc(env);
    CHECK_ERR(env, seL4_SchedContext_Bind(lend, lender.ntfn), seL4_NoError);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, lender.ntfn, ROOT_DEPTH,
                               seL4_AllRights, LEND_BADGE) == seL4_NoError);
    seL4_Signal(badged);
    ipc_let_others_run(env);
    CHECK(env, lender.wakes == 1 && lender.badge == LEND_BADGE);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(lend, server), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_Suspend(server), seL4_NoError);
}

/* Takes a Call, then per round: waits on the gate, replies and receives again. */
static void serve_with_gate(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {lender.ep, 0, {0}, lender.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        lender.badge = regs.cap;
        lender.wakes++;
        seL4_Wait(lender.gate, 0);
        regs = (struct seL4_SyscallRegs){lender.ep, 0, {0}, lender.reply, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

static void call_once(void *arg)
{
    (void)arg;
    seL4_CallWithMRs(lender.ep, seL4_MessageInfo_new(0, 0, 0, 0), 0, 0, 0, 0);
    ipc_park(lender.park);
}

/* A passive server's ReplyRecv gives the client's context back in its reply phase; its
 * receive phase then finds its bound notification active and runs on the notification's
 * context (completeSignal), which it still holds when it blocks elsewhere. */
void test_sched_context_notification_lends_on_pending_signal(struct env *env)
{
    lender_init(env);
    seL4_CPtr server = start_passive(env, serve_with_gate);
    CHECK_ERR(env, seL4_TCB_BindNotification(server, lender.ntfn), seL4_NoError);
    seL4_CPtr lend = configured_sc(env);
    CHECK_ERR(env, seL4_SchedContext_Bind(lend, lender.ntfn), seL4_NoError);
    seL4_CPtr client = env_thread(env, 100);
    env_thread_start(env, client, call_once, 0);
    ipc_let_others_run(env); /* the server takes the Call on the client's context */
    CHECK(env, lender.wakes == 1 && lender.badge == 0);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, lender.ntfn, ROOT_DEPTH,
                               seL4_AllRights, LEND_BADGE) == seL4_NoError);
    seL4_Signal(badged);     /* the server waits on the gate: the notification goes active */
    seL4_Signal(lender.gate);
    ipc_let_others_run(env);
    CHECK(env, lender.wakes == 2 && lender.badge == LEND_BADGE);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(lend, server), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_Suspend(server), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_Suspend(client), seL4_NoError);
}

/* Deleting the notification unbinds the context, and deleting the context unbinds the
 * notification: each can be bound again. */
void test_sched_context_notification_delete_unbinds(struct env *env)
{
    seL4_CPtr sc = configured_sc(env);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ntfn), seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, ntfn, ROOT_DEPTH) == seL4_NoError);
    ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ntfn), seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, sc, ROOT_DEPTH) == seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(configured_sc(env), ntfn), seL4_NoError);
}

/* A thread tries to unbind the context it runs on, by UnbindObject and by Unbind. */
static void unbind_own(void *arg)
{
    (void)arg;
    lender.unbind_object_error = seL4_SchedContext_UnbindObject(lender.own_sc, lender.own_tcb);
    lender.unbind_error = seL4_SchedContext_Unbind(lender.own_sc);
    lender.done = 1;
    ipc_park(lender.park);
}

/* The caller's own context cannot be unbound (it could not run to see the reply):
 * UnbindObject and Unbind are IllegalOperation, and the thread runs on. */
void test_sched_context_caller_cannot_unbind_its_own(struct env *env)
{
    lender_init(env);
    lender.unbind_object_error = lender.unbind_error = seL4_NoError;
    seL4_CPtr tcb = env_thread(env, 150);
    lender.own_tcb = tcb;
    lender.own_sc = env_thread_sched_context(tcb);
    /* The extra capability travels in the buffer libsel4 writes: the root task's. */
    CHECK_ERR(env, seL4_TCB_SetIPCBuffer(tcb, (seL4_Word)env->bootinfo->ipcBuffer,
                                         seL4_CapInitThreadIPCBuffer), seL4_NoError);
    env_thread_start(env, tcb, unbind_own, 0);
    ipc_let_others_run(env);
    CHECK(env, lender.done);
    CHECK(env, lender.unbind_object_error == seL4_IllegalOperation);
    CHECK(env, lender.unbind_error == seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_Suspend(tcb), seL4_NoError);
}

#define TARGET_SPIN_TICKS 100000ul /* icount: about 100 µs */

struct yield_pair {
    seL4_CPtr target, target_sc, ep, park;
    volatile seL4_Word consumed, done;
    volatile seL4_Error error;
};

static struct yield_pair pair;

static void yield_and_record(void *arg)
{
    (void)arg;
    pair.error = seL4_TCB_Resume(pair.target); /* behind this thread, its equal */
    seL4_SchedContext_YieldTo_t result = seL4_SchedContext_YieldTo(pair.target_sc);
    pair.consumed = result.consumed;
    if (pair.error == seL4_NoError)
        pair.error = result.error;
    pair.done = 1;
    ipc_park(pair.park);
}

/* Runs about 100 µs on its context, then calls the root task (and is deleted there). */
static void spin_then_call(void *arg)
{
    (void)arg;
    uint64_t start = counter_read();
    while (counter_read() - start < TARGET_SPIN_TICKS)
        ;
    seL4_CallWithMRs(pair.ep, seL4_MessageInfo_new(0, 0, 0, 0), 0, 0, 0, 0);
    ipc_park(pair.park);
}

/* A yielder and its target, equals at priority 150: the yielder resumes the target and yields
 * to its context; the target spins, then calls the root task, whose Recv here takes the call.
 * Returns the yielder; the target in `*target`. */
static seL4_CPtr yield_to_spinning_target(struct env *env, seL4_CPtr *target)
{
    pair = (struct yield_pair){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr yielder = env_thread(env, 150);
    *target = env_thread(env, 150);
    pair.target = *target;
    pair.target_sc = env_thread_sched_context(*target);
    env_thread_start(env, *target, spin_then_call, 0);
    CHECK(env, seL4_TCB_Suspend(*target) == seL4_NoError); /* the yielder resumes it */
    env_thread_start(env, yielder, yield_and_record, 0);
    seL4_Word badge = 0;
    seL4_Recv(pair.ep, &badge, reply); /* the yielder runs, yields; the target calls */
    CHECK(env, !pair.done);
    return yielder;
}

/* Deleting a thread whose context a YieldTo waits on (§12.9, seL4's finaliseCap): the
 * context leaves the thread first and the yielder gets its reply then, with the time the
 * target used; a Consumed read after the delete finds it already taken. */
void test_sched_context_delete_target_completes_yield_to(struct env *env)
{
    seL4_CPtr target;
    seL4_CPtr yielder = yield_to_spinning_target(env, &target);
    CHECK(env, seL4_CNode_Delete(ROOT, target, ROOT_DEPTH) == seL4_NoError);
    seL4_SchedContext_Consumed_t after = seL4_SchedContext_Consumed(pair.target_sc);
    CHECK(env, after.error == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, pair.done && pair.error == seL4_NoError);
    CHECK(env, pair.consumed >= TARGET_SPIN_TICKS / 1000 - 10);
    CHECK(env, after.consumed < pair.consumed);
    CHECK(env, seL4_TCB_Suspend(yielder) == seL4_NoError);
}

/* A yielder suspended while its YieldTo waits gets no Consumed, and resumed it carries on
 * after the call with the reply seL4 writes at once when the target runs first (the caller is
 * left in Restart, and a Call in Restart gets the empty success reply: label 0, length 0). */
void test_sched_context_yield_to_suspended_yielder(struct env *env)
{
    seL4_CPtr target;
    seL4_CPtr yielder = yield_to_spinning_target(env, &target);
    CHECK(env, seL4_TCB_Suspend(yielder) == seL4_NoError);
    CHECK(env, seL4_TCB_Resume(yielder) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, pair.done && pair.error == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(yielder) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(target) == seL4_NoError);
}

/* A yielder to two contexts in turn (§12.5, seL4's completeYieldTo and cancelYieldTo). */
struct second_yield {
    seL4_CPtr first, first_sc, second, second_sc, park;
    volatile seL4_Word consumed, done;
    volatile seL4_Error error;
};

static struct second_yield second_yield;

/* Yields to the first target (which blocks at once), then to the second (which spins, then
 * calls the root task); records what the second YieldTo's reply says. */
static void yield_to_two_in_turn(void *arg)
{
    (void)arg;
    struct second_yield *y = &second_yield;
    y->error = seL4_TCB_Resume(y->first);
    if (y->error == seL4_NoError)
        y->error = seL4_SchedContext_YieldTo(y->first_sc).error;
    if (y->error == seL4_NoError)
        y->error = seL4_TCB_Resume(y->second);
    seL4_SchedContext_YieldTo_t result = {seL4_IllegalOperation, 0};
    if (y->error == seL4_NoError)
        result = seL4_SchedContext_YieldTo(y->second_sc);
    y->consumed = result.consumed;
    y->error = result.error;
    y->done = 1;
    ipc_park(y->park);
}

static void park_at_once(void *arg)
{
    (void)arg;
    ipc_park(second_yield.park);
}

/* A completed YieldTo leaves its context: the first target's context names no yielder once
 * the yielder has had its reply, so a later YieldTo to that context (here the root task's)
 * does not complete the yielder's second, still pending YieldTo early. The second target's
 * time then is still there for the root task's Consumed, and the yielder's reply, when it
 * runs, has only what came after. */
void test_sched_context_completed_yield_to_leaves_the_context(struct env *env)
{
    pair = (struct yield_pair){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr first = env_thread(env, 150), second = env_thread(env, 150);
    seL4_CPtr yielder = env_thread(env, 150);
    second_yield = (struct second_yield){first, env_thread_sched_context(first), second,
                                         env_thread_sched_context(second), pair.park, 0, 0,
                                         seL4_NoError};
    env_thread_start(env, first, park_at_once, 0);
    CHECK(env, seL4_TCB_Suspend(first) == seL4_NoError); /* the yielder resumes each */
    env_thread_start(env, second, spin_then_call, 0);
    CHECK(env, seL4_TCB_Suspend(second) == seL4_NoError);
    env_thread_start(env, yielder, yield_to_two_in_turn, 0);
    seL4_Word badge = 0;
    seL4_Recv(pair.ep, &badge, reply); /* the second target has spun and calls */
    CHECK(env, !second_yield.done);
    CHECK(env, seL4_SchedContext_YieldTo(second_yield.first_sc).error == seL4_NoError);
    seL4_SchedContext_Consumed_t spun = seL4_SchedContext_Consumed(second_yield.second_sc);
    CHECK(env, spun.error == seL4_NoError);
    CHECK(env, spun.consumed >= TARGET_SPIN_TICKS / 1000 - 10);
    ipc_let_others_run(env);
    CHECK(env, second_yield.done && second_yield.error == seL4_NoError);
    CHECK(env, second_yield.consumed < spun.consumed);
    CHECK(env, seL4_TCB_Suspend(yielder) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(first) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(second) == seL4_NoError);
}

static void wait_once_then_park(void *arg)
{
    (void)arg;
    seL4_Word badge = 0;
    seL4_Wait(lender.ntfn, &badge);
    lender.wakes++;
    ipc_park(lender.park); /* holds the lent context: the park has none to take back */
}

/* Deleting a thread that runs on a notification's context frees the context (seL4's
 * finaliseCap unbinds it), so the notification lends it to the next passive waiter it wakes
 * (sel4test SCHED_CONTEXT_0006). */
void test_sched_context_delete_holder_frees_notification_sc(struct env *env)
{
    lender_init(env);
    seL4_CPtr first = start_passive(env, wait_once_then_park);
    seL4_CPtr lend = configured_sc(env);
    CHECK_ERR(env, seL4_SchedContext_Bind(lend, lender.ntfn), seL4_NoError);
    seL4_Signal(lender.ntfn);
    ipc_let_others_run(env);
    CHECK(env, lender.wakes == 1);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(lend, first), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(lend, first), seL4_NoError); /* it holds it again */
    CHECK(env, seL4_CNode_Delete(ROOT, first, ROOT_DEPTH) == seL4_NoError);
    seL4_CPtr second = start_passive(env, wait_once_then_park);
    seL4_Signal(lender.ntfn);
    ipc_let_others_run(env);
    CHECK(env, lender.wakes == 2);
    CHECK_ERR(env, seL4_TCB_Suspend(second), seL4_NoError);
}
