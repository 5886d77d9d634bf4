/* System tests of cancelling IPC (sel4-abi.md §12.4 r1, §12.9): deleting a notification
 * restarts its waiters and unbinds its thread; Suspend takes a blocked thread out of its
 * queue and Resume makes it redo its syscall (a Call is sent again); CancelBadgedSends
 * restarts the senders of one badge; receiving with a reply object takes it from the thread
 * that held it, which becomes Inactive. */
#include "ipc_helpers.h"

struct actor {
    seL4_CPtr cap, reply, park;
    seL4_Word label;
    volatile seL4_Word runs, done, badge;
};

static struct actor actors[4];

static void wait_on_cap(void *arg)
{
    struct actor *a = arg;
    seL4_Word badge = 0;
    a->runs++;
    seL4_Wait(a->cap, &badge);
    a->badge = badge;
    a->done = 1;
    ipc_park(a->park);
}

static void send_on_cap(void *arg)
{
    struct actor *a = arg;
    a->runs++;
    seL4_Send(a->cap, seL4_MessageInfo_new(a->label, 0, 0, 0));
    a->done = 1;
    ipc_park(a->park);
}

static void call_on_cap(void *arg)
{
    struct actor *a = arg;
    seL4_CallWithMRs(a->cap, seL4_MessageInfo_new(a->label, 0, 0, 0), 0, 0, 0, 0);
    a->done = 1;
    ipc_park(a->park);
}

static void receive_on_cap(void *arg)
{
    struct actor *a = arg;
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(a->cap, &badge, a->reply);
    a->label = seL4_MessageInfo_get_label(info);
    a->done = 1;
    ipc_park(a->park);
}

static seL4_CPtr start_actor(struct env *env, struct actor *a, void (*entry)(void *))
{
    seL4_CPtr tcb = env_thread(env, 100);
    env_thread_start(env, tcb, entry, a);
    ipc_let_others_run(env);
    return tcb;
}

/* Deleting the last notification cap restarts the waiter, which redoes its Wait on whatever
 * its slot then holds (here a new, signalled notification); deleting a bound notification
 * unbinds the bound thread. (A notification with a waiter cannot also be bound: §12.7 r4.) */
void test_cancel_notification_delete(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr bound_ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    actors[0] = (struct actor){.cap = ntfn, .park = park};
    start_actor(env, &actors[0], wait_on_cap);
    seL4_CPtr bound = env_thread(env, 100);
    CHECK(env, seL4_TCB_BindNotification(bound, bound_ntfn) == seL4_NoError);
    CHECK(env, seL4_TCB_BindNotification(bound, other) == seL4_IllegalOperation);
    CHECK(env, actors[0].runs == 1 && actors[0].done == 0);
    CHECK(env, seL4_CNode_Delete(ROOT, bound_ntfn, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, ntfn, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, ntfn, ROOT_DEPTH, ROOT, other, ROOT_DEPTH, seL4_AllRights,
                               0x9) == seL4_NoError);
    seL4_Signal(ntfn);
    ipc_let_others_run(env);
    CHECK(env, actors[0].runs == 1); /* redone from the Wait, not from the start */
    CHECK(env, actors[0].done == 1 && actors[0].badge == 0x9);
    CHECK(env, seL4_TCB_BindNotification(bound, other) == seL4_NoError);
}

/* Suspend takes a blocked sender out of the endpoint's queue; Resume makes it send again. */
void test_cancel_suspend_resume_blocked_sender(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights,
                               7) == seL4_NoError);
    actors[0] = (struct actor){.cap = badged, .label = 4,
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = start_actor(env, &actors[0], send_on_cap);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    seL4_Word badge = 99;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 0);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, actors[0].runs == 1 && actors[0].done == 0);
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 7 && seL4_MessageInfo_get_label(info) == 4);
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 1);
}

/* Resume of a caller waiting for its reply: it is detached from the reply object and sends
 * its Call again; a reply through the old object then reaches no one. */
void test_cancel_resume_caller_calls_again(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    actors[0] = (struct actor){.cap = ep, .label = 6,
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = start_actor(env, &actors[0], call_on_cap);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 6);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0)); /* no caller any more */
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 0);
    info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 6);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 1);
}

/* Senders of badge 1 restart and, their cap deleted, send nothing and go on; the badge-2
 * sender stays queued. Rights short of all four are refused; badge 0 cancels nothing. */
void test_cancel_badged_sends(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr one = env_slot(env), two = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, one, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights,
                               1) == seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, two, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights,
                               2) == seL4_NoError);
    seL4_CPtr one_read_write = env_copy(env, one, seL4_ReadWrite);
    const seL4_CPtr caps[3] = {one, two, one};
    for (int i = 0; i < 3; i++) {
        actors[i] = (struct actor){.cap = caps[i], .label = 1, .park = park};
        start_actor(env, &actors[i], send_on_cap);
    }
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, one_read_write, ROOT_DEPTH) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, ep, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, one, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, one_read_write, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, one, ROOT_DEPTH) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 1 && actors[2].done == 1 && actors[1].done == 0);
    CHECK(env, actors[0].runs == 1 && actors[2].runs == 1);
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 2);
    badge = 99;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 0);
}

/* A Recv with a reply object that a blocked receiver holds: that receiver's Recv is
 * cancelled and it is Inactive (a later message does not reach it; Resume makes it receive
 * again). */
void test_cancel_reply_taken_from_receiver(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    actors[0] = (struct actor){.cap = ep, .reply = reply,
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = start_actor(env, &actors[0], receive_on_cap);
    seL4_Word badge;
    seL4_NBRecv(other, &badge, reply);
    seL4_NBSend(ep, seL4_MessageInfo_new(12, 0, 0, 0)); /* no receiver: dropped */
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 0);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    ipc_let_others_run(env);
    seL4_NBSend(ep, seL4_MessageInfo_new(13, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 1 && actors[0].label == 13);
}

/* A Recv with a reply object on which a caller waits: the caller is detached and Inactive;
 * replying through the object reaches no one; Resume makes it call again. */
void test_cancel_reply_taken_from_caller(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    actors[0] = (struct actor){.cap = ep, .label = 3,
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = start_actor(env, &actors[0], call_on_cap);
    seL4_Word badge;
    seL4_NBRecv(ep, &badge, reply);
    seL4_NBRecv(other, &badge, reply);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 0);
    badge = 99;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 0); /* not BlockedOnSend either: Inactive */
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    ipc_let_others_run(env);
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 3);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, actors[0].done == 1);
}

/* Suspending a receiver takes it off its reply object: a later Recv with that reply object
 * leaves the thread alone, even once it is blocked on something else. */
struct former_receiver {
    seL4_CPtr ep, reply, ntfn;
    volatile seL4_Word woken;
};

static struct former_receiver former;

static void receive_with_reply(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {former.ep, 0, {0}, former.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
}

static void wait_for_signal(void *arg)
{
    (void)arg;
    seL4_Wait(former.ntfn, 0);
    former.woken = 1;
    for (;;)
        seL4_Wait(former.ntfn, 0);
}

void test_cancel_receiver_leaves_its_reply(struct env *env)
{
    former = (struct former_receiver){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                                      .reply = env_retype(env, seL4_ReplyObject, 0, 1),
                                      .ntfn = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = env_thread(env, 200);
    env_thread_start(env, tcb, receive_with_reply, 0);
    ipc_let_others_run(env);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    env_thread_start(env, tcb, wait_for_signal, 0);
    ipc_let_others_run(env);
    seL4_Word badge = 0;
    seL4_NBRecv(former.ep, &badge, former.reply);
    seL4_Signal(former.ntfn);
    ipc_let_others_run(env);
    CHECK(env, former.woken == 1);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}
