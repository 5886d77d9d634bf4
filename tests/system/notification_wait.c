/* System tests of blocking on notifications (sel4-abi.md §12.7 r1-3): Wait blocks until a
 * Signal, which wakes the highest-priority waiter first with the signalling cap's badge; a
 * Signal wakes a bound thread blocked in Recv with the badge alone, leaving the notification
 * idle and msginfo and MRs untouched; a badge-0 Signal still makes the notification active;
 * Recv with an active bound notification takes its word and leaves the endpoint alone. */
#include "ipc_helpers.h"

struct waiter {
    seL4_CPtr ntfn, park;
    volatile seL4_Word woken, badge;
};

static struct waiter waiters[3];
static volatile seL4_Word wake_order;

static void wait_once(void *arg)
{
    struct waiter *w = arg;
    seL4_Word badge = 0;
    seL4_Wait(w->ntfn, &badge);
    w->badge = badge;
    w->woken = ++wake_order;
    ipc_park(w->park);
}

static void start_waiter(struct env *env, struct waiter *w, seL4_Word priority)
{
    env_thread_start(env, env_thread(env, priority), wait_once, w);
}

/* Waiters of priorities 100, then 200, then 200: each Signal wakes one, the 200s first in
 * their arrival order, each with the badge of the cap signalled. */
void test_notification_wait_blocks_until_signal(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    const seL4_Word priority[3] = {100, 200, 200};
    wake_order = 0;
    for (int i = 0; i < 3; i++) {
        waiters[i] = (struct waiter){.ntfn = ntfn, .park = park};
        start_waiter(env, &waiters[i], priority[i]);
        ipc_let_others_run(env);
    }
    CHECK(env, wake_order == 0);
    const int expected[3] = {1, 2, 0};
    for (seL4_Word round = 0; round < 3; round++) {
        seL4_CPtr badged = env_slot(env);
        CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                                   seL4_AllRights, 0x10 + round) == seL4_NoError);
        seL4_Signal(badged);
        ipc_let_others_run(env);
        struct waiter *w = &waiters[expected[round]];
        CHECK(env, wake_order == round + 1);
        CHECK(env, w->woken == round + 1 && w->badge == 0x10 + round);
    }
    seL4_Word badge = 99;
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0); /* every Signal went to a waiter */
}

/* A Signal through an unbadged cap with no one waiting leaves the notification active with
 * word 0: the next Wait returns at once, with badge 0. */
void test_notification_badge_zero_signal_is_active(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    wake_order = 0;
    seL4_Signal(ntfn);
    waiters[0] = (struct waiter){.ntfn = ntfn, .park = park, .badge = 99};
    start_waiter(env, &waiters[0], 100);
    ipc_let_others_run(env);
    CHECK(env, waiters[0].woken == 1 && waiters[0].badge == 0);
    /* ... and the Wait made it idle again: the next waiter blocks. */
    waiters[1] = (struct waiter){.ntfn = ntfn, .park = park};
    start_waiter(env, &waiters[1], 100);
    ipc_let_others_run(env);
    CHECK(env, waiters[1].woken == 0);
}

struct bound_receiver {
    seL4_CPtr ep, reply, park;
    volatile seL4_Word woken, badge, info, mr0;
};

static struct bound_receiver bound;

#define ENTRY_INFO 0x5a000ul /* a msginfo the Recv enters with, which a Signal keeps */
#define ENTRY_MR0 0x66ul

static void receive_bound(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {bound.ep, ENTRY_INFO, {ENTRY_MR0, 0, 0, 0}, bound.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    bound.badge = regs.cap;
    bound.info = regs.info;
    bound.mr0 = regs.mr[0];
    bound.woken = 1;
    ipc_park(bound.park);
}

struct sender {
    seL4_CPtr ep, park;
    volatile seL4_Word done;
};

static struct sender sender;

static void send_once(void *arg)
{
    (void)arg;
    seL4_Send(sender.ep, seL4_MessageInfo_new(8, 0, 0, 0));
    sender.done = 1;
    ipc_park(sender.park);
}

/* A thread bound to a notification and blocked in Recv on an endpoint: a Signal wakes it
 * with the badge, nothing else written; the notification stays idle, and the thread no
 * longer waits on the endpoint (a later sender blocks). */
void test_notification_signal_wakes_bound_receiver(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    bound = (struct bound_receiver){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                                    .reply = env_retype(env, seL4_ReplyObject, 0, 1),
                                    .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = env_thread(env, 100);
    CHECK(env, seL4_TCB_BindNotification(tcb, ntfn) == seL4_NoError);
    env_thread_start(env, tcb, receive_bound, 0);
    ipc_let_others_run(env);
    CHECK(env, bound.woken == 0);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights, 0x8) == seL4_NoError);
    seL4_Signal(badged);
    ipc_let_others_run(env);
    CHECK(env, bound.woken == 1 && bound.badge == 0x8);
    CHECK(env, bound.info == ENTRY_INFO && bound.mr0 == ENTRY_MR0);
    CHECK(env, seL4_TCB_UnbindNotification(tcb) == seL4_NoError); /* so we may Poll it */
    seL4_Word badge = 99;
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0);
    sender = (struct sender){.ep = bound.ep, .park = bound.park};
    env_thread_start(env, env_thread(env, 100), send_once, 0);
    ipc_let_others_run(env);
    CHECK(env, sender.done == 0);
}

/* The root task, bound and running, is signalled: the notification becomes active (a bound
 * thread not in Recv does not take it). Its Recv on an endpoint with a sender queued then
 * returns the word alone: msginfo and MRs as they went in, the sender still queued. */
void test_notification_active_bound_recv_skips_endpoint(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights, 0x21) == seL4_NoError);
    sender = (struct sender){.ep = ep, .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    env_thread_start(env, env_thread(env, 100), send_once, 0);
    ipc_let_others_run(env);
    CHECK(env, seL4_TCB_BindNotification(seL4_CapInitThreadTCB, ntfn) == seL4_NoError);
    seL4_Signal(badged);
    struct seL4_SyscallRegs regs = {ep, ENTRY_INFO, {ENTRY_MR0, 0, 0, 0}, reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    CHECK(env, regs.cap == 0x21 && regs.info == ENTRY_INFO && regs.mr[0] == ENTRY_MR0);
    CHECK(env, sender.done == 0);
    CHECK(env, seL4_TCB_UnbindNotification(seL4_CapInitThreadTCB) == seL4_NoError);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 8);
}

/* TCB_BindNotification refuses a notification that has a waiter, and a cap that is not a
 * notification's, with IllegalOperation (§12.7 r4); the waiter still gets the next Signal. */
void test_notification_bind_refuses_waited_on(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr endpoint = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    wake_order = 0;
    waiters[0] = (struct waiter){.ntfn = ntfn, .park = park};
    start_waiter(env, &waiters[0], 100);
    ipc_let_others_run(env);
    CHECK(env, wake_order == 0);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, endpoint), seL4_IllegalOperation);
    seL4_Signal(ntfn);
    ipc_let_others_run(env);
    CHECK(env, waiters[0].woken == 1);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, ntfn), seL4_NoError);
}
