/* System tests of endpoints (sel4-abi.md §12.1, §12.2, §12.6 r2, §12.9): Call, Recv and
 * ReplyRecv with labels, badges and MRs; Send, NBSend, NBRecv, NBSendRecv and NBSendWait;
 * queues ordered by priority, FIFO among equals, re-sorted on a priority change; deleting an
 * endpoint, or a thread, while threads wait on it. */
#include "ipc_helpers.h"

struct echo_server {
    seL4_CPtr ep, reply;
    seL4_Word badge, label, length, mr[4];
    volatile seL4_Word calls;
};

/* Receives, records what came, and answers label + 1, each MR + 1, the same length. */
static void echo_server(void *arg)
{
    struct echo_server *s = arg;
    seL4_Word badge, mr[4] = {0};
    seL4_MessageInfo_t info = seL4_Recv(s->ep, &badge, s->reply);
    for (;;) {
        s->badge = badge;
        s->label = seL4_MessageInfo_get_label(info);
        s->length = seL4_MessageInfo_get_length(info);
        for (int i = 0; i < 4; i++) {
            s->mr[i] = seL4_GetMR(i);
            mr[i] = s->mr[i] + 1;
        }
        s->calls++;
        struct seL4_SyscallRegs regs = {s->ep, seL4_MessageInfo_new(s->label + 1, 0, 0,
                                                                     s->length).words[0],
                                        {mr[0], mr[1], mr[2], mr[3]}, s->reply, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
        badge = regs.cap;
        info.words[0] = regs.info;
        for (int i = 0; i < 4; i++)
            seL4_SetMR(i, regs.mr[i]);
    }
}

static struct echo_server server;

void test_endpoint_call_and_reply_recv(struct env *env)
{
    server = (struct echo_server){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                                  .reply = env_retype(env, seL4_ReplyObject, 0, 1)};
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, server.ep, ROOT_DEPTH,
                               seL4_AllRights, 0x42) == seL4_NoError);
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio - 1);
    env_thread_start(env, tcb, echo_server, &server);
    seL4_Word mr[4] = {10, 11, 12, 13};
    seL4_MessageInfo_t reply = seL4_CallWithMRs(badged, seL4_MessageInfo_new(0x11, 0, 0, 4),
                                                &mr[0], &mr[1], &mr[2], &mr[3]);
    CHECK(env, server.calls == 1 && server.badge == 0x42 && server.label == 0x11);
    CHECK(env, server.length == 4 && server.mr[0] == 10 && server.mr[3] == 13);
    CHECK(env, seL4_MessageInfo_get_label(reply) == 0x12);
    CHECK(env, seL4_MessageInfo_get_length(reply) == 4);
    CHECK(env, mr[0] == 11 && mr[1] == 12 && mr[2] == 13 && mr[3] == 14);
    /* The unbadged original: badge 0; a length of 0 delivers no MRs. */
    reply = seL4_CallWithMRs(server.ep, seL4_MessageInfo_new(7, 0, 0, 0), 0, 0, 0, 0);
    CHECK(env, server.calls == 2 && server.badge == 0 && server.length == 0);
    CHECK(env, seL4_MessageInfo_get_label(reply) == 8);
}

struct sender {
    seL4_CPtr ep, park;
    seL4_Word label, mr0, mr1;
    seL4_Word call; /* 1: Call, 0: Send */
    volatile seL4_Word done;
};

/* Sends (or Calls) once with two MRs, notes that it got past the send, then parks. */
static void send_once(void *arg)
{
    struct sender *s = arg;
    seL4_Word mr0 = s->mr0, mr1 = s->mr1;
    seL4_MessageInfo_t info = seL4_MessageInfo_new(s->label, 0, 0, 2);
    if (s->call)
        seL4_CallWithMRs(s->ep, info, &mr0, &mr1, 0, 0);
    else {
        struct seL4_SyscallRegs regs = {s->ep, info.words[0], {mr0, mr1, 0, 0}, 0, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
    }
    s->done = 1;
    ipc_park(s->park);
}

static struct sender senders[4];

static seL4_CPtr start_sender(struct env *env, struct sender *s, seL4_Word priority)
{
    seL4_CPtr tcb = env_thread(env, priority);
    env_thread_start(env, tcb, send_once, s);
    return tcb;
}

void test_endpoint_send_and_nonblocking(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr own = env_retype(env, seL4_NotificationObject, 0, 1); /* no one parks here */
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr badged = env_slot(env), signal = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights,
                               7) == seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, signal, ROOT_DEPTH, ROOT, own, ROOT_DEPTH,
                               seL4_AllRights, 0x30) == seL4_NoError);
    /* Nothing waits: NBSend drops the message and NBRecv returns badge 0. */
    seL4_NBSend(ep, seL4_MessageInfo_new(1, 0, 0, 0));
    seL4_Word badge = 99;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 0);
    senders[0] = (struct sender){.ep = badged, .park = ntfn, .label = 5, .mr0 = 1, .mr1 = 2};
    start_sender(env, &senders[0], 100);
    ipc_let_others_run(env);
    CHECK(env, senders[0].done == 0); /* blocked in Send */
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 7 && seL4_MessageInfo_get_label(info) == 5);
    CHECK(env, seL4_MessageInfo_get_length(info) == 2);
    CHECK(env, seL4_GetMR(0) == 1 && seL4_GetMR(1) == 2);
    ipc_let_others_run(env);
    CHECK(env, senders[0].done == 1); /* Running again after its message was taken */
    /* NBSendRecv: phase 1 to an endpoint nobody waits on (dropped), phase 2 takes a queued
     * sender's message. */
    senders[1] = (struct sender){.ep = badged, .park = ntfn, .label = 6, .mr0 = 3, .mr1 = 4};
    start_sender(env, &senders[1], 100);
    ipc_let_others_run(env);
    info = seL4_NBSendRecv(other, seL4_MessageInfo_new(0, 0, 0, 0), ep, &badge, reply);
    CHECK(env, badge == 7 && seL4_MessageInfo_get_label(info) == 6 && seL4_GetMR(1) == 4);
    /* NBSendWait: phase 1 signals, phase 2 waits on the same notification and takes it. */
    seL4_NBSendWait(signal, seL4_MessageInfo_new(0, 0, 0, 0), own, &badge);
    CHECK(env, badge == 0x30);
}

/* Queue senders of priorities 100, 100 first, then 200, 200; their badges must come out
 * highest priority first and in arrival order among equals; then a priority change
 * re-sorts a queued thread. */
void test_endpoint_queue_priority_order(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    const seL4_Word priority[4] = {100, 100, 200, 200};
    seL4_CPtr tcb[4];
    for (int i = 0; i < 4; i++) {
        seL4_CPtr cap = env_slot(env);
        CHECK(env, seL4_CNode_Mint(ROOT, cap, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH,
                                   seL4_AllRights, (seL4_Word)i + 1) == seL4_NoError);
        senders[i] = (struct sender){.ep = cap, .park = ntfn, .label = 1};
        tcb[i] = start_sender(env, &senders[i], priority[i]);
        ipc_let_others_run(env); /* each queues before the next starts (§12.6 r4: a thread
                                  * started below the root task waits at the head) */
    }
    /* Thread 1 (priority 100, queued last) rises above everyone. */
    CHECK(env, seL4_TCB_SetPriority(tcb[1], seL4_CapInitThreadTCB, 250) == seL4_NoError);
    const seL4_Word expected[4] = {2, 3, 4, 1};
    for (int i = 0; i < 4; i++) {
        seL4_Word badge = 0;
        seL4_NBRecv(ep, &badge, reply);
        CHECK(env, badge == expected[i]);
    }
}

/* Deleting a queued thread takes it out of the queue; deleting the endpoint restarts its
 * queued senders, which redo their Send on the now empty slot: a Send on a null cap does
 * nothing, so the sender goes on (§12.9). */
void test_endpoint_delete_mid_exchange(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    senders[0] = (struct sender){.ep = ep, .park = ntfn, .label = 1};
    senders[1] = (struct sender){.ep = ep, .park = ntfn, .label = 2};
    seL4_CPtr first = start_sender(env, &senders[0], 100);
    start_sender(env, &senders[1], 100);
    ipc_let_others_run(env);
    CHECK(env, seL4_CNode_Delete(ROOT, first, ROOT_DEPTH) == seL4_NoError);
    seL4_Word badge = 99;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 2); /* the deleted thread is gone */
    senders[2] = (struct sender){.ep = ep, .park = ntfn, .label = 3};
    start_sender(env, &senders[2], 100);
    ipc_let_others_run(env);
    CHECK(env, seL4_CNode_Revoke(ROOT, ep, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, ep, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, senders[2].done == 0);
    ipc_let_others_run(env);
    CHECK(env, senders[2].done == 1);
}
