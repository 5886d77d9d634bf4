/* System tests of scheduling-context donation and the call stack (sel4-abi.md §12.4 r5,
 * §12.5 r1-3): a client's SC travels a chain of passive servers (client -> A -> B) and comes
 * back one hop per reply; a reply on a non-head reply object gives the message but not the
 * SC; phase-1 sends donate to a waiting passive receiver, a plain Send does not. Whether a
 * thread holds an SC shows in whether it runs, and in SchedContext_UnbindObject, which
 * refuses any thread but the SC's current holder. */
#include "ipc_helpers.h"

#define LOG_SIZE 8

struct chain {
    seL4_CPtr ep_a, ep_b, reply_a, reply_b, gate, park;
    volatile seL4_Word log[LOG_SIZE];
    volatile seL4_Word entries;
    volatile seL4_Word client_label;
};

static struct chain chain;

static void chain_log(seL4_Word what)
{
    if (chain.entries < LOG_SIZE)
        chain.log[chain.entries] = what;
    chain.entries++;
}

/* 'A': takes the client's Call, calls B, answers the client, and waits again. */
static void server_a(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {chain.ep_a, 0, {0}, chain.reply_a, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        chain_log('A');
        seL4_CallWithMRs(chain.ep_b, seL4_MessageInfo_new(2, 0, 0, 0), 0, 0, 0, 0);
        chain_log('a');
        regs = (struct seL4_SyscallRegs){chain.ep_a, seL4_MessageInfo_new(3, 0, 0, 0).words[0],
                                         {0}, chain.reply_a, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

/* 'B': takes A's Call, waits on the gate while holding whatever SC came with it, answers. */
static void server_b(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {chain.ep_b, 0, {0}, chain.reply_b, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        chain_log('B');
        seL4_Wait(chain.gate, 0);
        chain_log('b');
        regs = (struct seL4_SyscallRegs){chain.ep_b, seL4_MessageInfo_new(4, 0, 0, 0).words[0],
                                         {0}, chain.reply_b, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

static void client(void *arg)
{
    (void)arg;
    seL4_MessageInfo_t info =
        seL4_CallWithMRs(chain.ep_a, seL4_MessageInfo_new(1, 0, 0, 0), 0, 0, 0, 0);
    chain.client_label = seL4_MessageInfo_get_label(info);
    chain_log('C');
    ipc_park(chain.park);
}

static int log_is(const char *expected)
{
    seL4_Word i = 0;
    for (; expected[i]; i++) {
        if (i >= chain.entries || chain.log[i] != (seL4_Word)expected[i])
            return 0;
    }
    return chain.entries == i;
}

/* A thread that blocks in Recv with its own SC, which is then taken away: passive. */
static seL4_CPtr start_passive(struct env *env, void (*entry)(void *))
{
    seL4_CPtr tcb = env_thread(env, 150);
    env_thread_start(env, tcb, entry, 0);
    ipc_let_others_run(env);
    CHECK(env, seL4_SchedContext_Unbind(env_thread_sched_context(tcb)) == seL4_NoError);
    return tcb;
}

struct chain_threads {
    seL4_CPtr a, b, client;
};

/* Passive A and B, then the client's Call: it ends with B holding the client's SC, waiting
 * on the gate, and the client and A waiting for their replies. */
static struct chain_threads chain_start(struct env *env)
{
    chain = (struct chain){
        .ep_a = env_retype(env, seL4_EndpointObject, 0, 1),
        .ep_b = env_retype(env, seL4_EndpointObject, 0, 1),
        .reply_a = env_retype(env, seL4_ReplyObject, 0, 1),
        .reply_b = env_retype(env, seL4_ReplyObject, 0, 1),
        .gate = env_retype(env, seL4_NotificationObject, 0, 1),
        .park = env_retype(env, seL4_NotificationObject, 0, 1),
    };
    struct chain_threads t;
    t.a = start_passive(env, server_a);
    t.b = start_passive(env, server_b);
    t.client = env_thread(env, 100);
    env_thread_start(env, t.client, client, 0);
    ipc_let_others_run(env);
    CHECK(env, log_is("AB"));
    seL4_CPtr sc = env_thread_sched_context(t.client);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, t.client) == seL4_IllegalOperation);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, t.a) == seL4_IllegalOperation);
    return t;
}

/* client -> A -> B: the client's SC runs A, then B; B's reply gives it back to A, A's to
 * the client. */
void test_donation_chain_through_passive_servers(struct env *env)
{
    struct chain_threads t = chain_start(env);
    seL4_CPtr sc = env_thread_sched_context(t.client);
    seL4_Signal(chain.gate);
    ipc_let_others_run(env);
    CHECK(env, log_is("ABbaC"));
    CHECK(env, chain.client_label == 3);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, t.a) == seL4_IllegalOperation);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, t.b) == seL4_IllegalOperation);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, t.client) == seL4_NoError);
}

/* A reply through the client's reply object, which is not the call stack's head: the
 * client gets the message but not the SC (it does not run); B's reply, on the head, still
 * gives the SC back to A; A's reply then finds no caller. */
void test_donation_reply_on_non_head(struct env *env)
{
    struct chain_threads t = chain_start(env);
    seL4_CPtr sc = env_thread_sched_context(t.client);
    seL4_Send(chain.reply_a, seL4_MessageInfo_new(77, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, log_is("AB"));
    seL4_Signal(chain.gate);
    ipc_let_others_run(env);
    CHECK(env, log_is("ABba"));
    CHECK(env, seL4_SchedContext_UnbindObject(sc, t.a) == seL4_NoError); /* A kept it */
    CHECK(env, seL4_SchedContext_Bind(sc, t.client) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, log_is("ABbaC"));
    CHECK(env, chain.client_label == 77);
}

struct passive {
    seL4_CPtr ep, reply, park;
    volatile seL4_Word received;
};

static struct passive passive;

static void passive_receiver(void *arg)
{
    (void)arg;
    seL4_Recv(passive.ep, 0, passive.reply);
    passive.received = 1;
    ipc_park(passive.park);
}

struct phase_one {
    seL4_CPtr dest, src, reply;
    seL4_Word use_send; /* 1: a plain Send instead of NBSendRecv */
};

static struct phase_one phase_one;

static void phase_one_sender(void *arg)
{
    (void)arg;
    if (phase_one.use_send)
        seL4_Send(phase_one.dest, seL4_MessageInfo_new(5, 0, 0, 0));
    seL4_NBSendRecv(phase_one.dest, seL4_MessageInfo_new(5, 0, 0, 0), phase_one.src, 0,
                    phase_one.reply);
}

/* Phase 1 of NBSendRecv hands the sender's SC to the passive receiver it wakes (§12.5 r2);
 * a plain Send wakes it without one, so it does not run until given an SC (§12.5 r3). */
void test_donation_phase_one_send(struct env *env)
{
    for (seL4_Word use_send = 0; use_send < 2; use_send++) {
        passive = (struct passive){
            .ep = env_retype(env, seL4_EndpointObject, 0, 1),
            .reply = env_retype(env, seL4_ReplyObject, 0, 1),
            .park = env_retype(env, seL4_NotificationObject, 0, 1),
        };
        seL4_CPtr receiver = env_thread(env, 150);
        env_thread_start(env, receiver, passive_receiver, 0);
        ipc_let_others_run(env);
        CHECK(env, seL4_SchedContext_Unbind(env_thread_sched_context(receiver)) ==
                       seL4_NoError);
        phase_one = (struct phase_one){.dest = passive.ep,
                                       .src = env_retype(env, seL4_EndpointObject, 0, 1),
                                       .reply = env_retype(env, seL4_ReplyObject, 0, 1),
                                       .use_send = use_send};
        seL4_CPtr sender = env_thread(env, 100);
        seL4_CPtr sc = env_thread_sched_context(sender);
        env_thread_start(env, sender, phase_one_sender, 0);
        ipc_let_others_run(env);
        if (use_send) {
            CHECK(env, passive.received == 0);
            CHECK(env, seL4_SchedContext_Bind(env_thread_sched_context(receiver), receiver) ==
                           seL4_NoError);
            ipc_let_others_run(env);
            CHECK(env, passive.received == 1);
        } else {
            CHECK(env, passive.received == 1);
            CHECK(env, seL4_SchedContext_UnbindObject(sc, sender) == seL4_IllegalOperation);
            CHECK(env, seL4_SchedContext_UnbindObject(sc, receiver) == seL4_NoError);
        }
    }
}

/* P: answers one Call at once, then stays parked. */
static void answer_once(void *arg)
{
    (void)arg;
    seL4_Recv(passive.ep, 0, passive.reply);
    passive.received = 1;
    seL4_Send(passive.reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_park(passive.park);
}

static volatile seL4_Word answered;

static void call_once(void *arg)
{
    (void)arg;
    seL4_CallWithMRs(passive.ep, seL4_MessageInfo_new(0, 0, 0, 0), 0, 0, 0, 0);
    answered = 1;
    ipc_park(passive.park);
}

/* SchedContext_Unbind cuts the context's call stack (seL4's invokeSchedContext_Unbind clears
 * scReply): a new stack the context heads later (D calls P and is answered) does not reach
 * back to the old one, so B's reply to A, on the old head, gives A the message but not the
 * context, which stays with D. */
void test_donation_unbind_cuts_the_call_stack(struct env *env)
{
    struct chain_threads t = chain_start(env);
    seL4_CPtr sc = env_thread_sched_context(t.client);
    CHECK(env, seL4_SchedContext_Unbind(sc) == seL4_NoError);
    passive = (struct passive){
        .ep = env_retype(env, seL4_EndpointObject, 0, 1),
        .park = env_retype(env, seL4_NotificationObject, 0, 1),
        .reply = env_retype(env, seL4_ReplyObject, 0, 1),
    };
    answered = 0;
    seL4_CPtr p = start_passive(env, answer_once);
    seL4_CPtr d = env_thread(env, 120);
    CHECK(env, seL4_SchedContext_Unbind(env_thread_sched_context(d)) == seL4_NoError);
    CHECK(env, seL4_SchedContext_Bind(sc, d) == seL4_NoError);
    env_thread_start(env, d, call_once, 0);
    ipc_let_others_run(env);
    CHECK(env, passive.received && answered);
    CHECK(env, seL4_SchedContext_Bind(env_thread_sched_context(t.b), t.b) == seL4_NoError);
    seL4_Signal(chain.gate);
    ipc_let_others_run(env);
    CHECK(env, log_is("ABb"));
    CHECK(env, seL4_SchedContext_UnbindObject(sc, d) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(p) == seL4_NoError);
}

/* Deleting parts of a chain that holds the client's SC (§12.9): with the SC deleted, a reply
 * gives A its message but no SC; with B (the holder) deleted, the SC stays the call stack's
 * head and B's reply object returns it to A; with B's reply object deleted, A gets the SC
 * back but stays Inactive. */
void test_donation_delete_mid_chain(struct env *env)
{
    for (int what = 0; what < 3; what++) {
        struct chain_threads t = chain_start(env);
        seL4_CPtr sc = env_thread_sched_context(t.client);
        if (what == 0) {
            CHECK(env, seL4_CNode_Delete(ROOT, sc, ROOT_DEPTH) == seL4_NoError);
            seL4_Send(chain.reply_b, seL4_MessageInfo_new(4, 0, 0, 0));
            ipc_let_others_run(env);
            CHECK(env, log_is("AB"));
        } else if (what == 1) {
            CHECK(env, seL4_CNode_Delete(ROOT, t.b, ROOT_DEPTH) == seL4_NoError);
            seL4_Send(chain.reply_b, seL4_MessageInfo_new(4, 0, 0, 0));
            ipc_let_others_run(env);
            CHECK(env, log_is("ABaC"));
            CHECK(env, chain.client_label == 3);
        } else {
            CHECK(env, seL4_CNode_Delete(ROOT, chain.reply_b, ROOT_DEPTH) == seL4_NoError);
            ipc_let_others_run(env);
            CHECK(env, log_is("AB"));
            CHECK(env, seL4_SchedContext_UnbindObject(sc, t.a) == seL4_NoError);
        }
        /* Stop this round's threads before the next round reuses the stacks. */
        seL4_TCB_Suspend(t.a);
        seL4_TCB_Suspend(t.b);
        seL4_TCB_Suspend(t.client);
    }
}

/* A caller whose SC is taken while it waits to send (SchedContext_Unbind) has nothing to
 * donate when it is received: it waits on the reply all the same, the receiver runs on its
 * own SC, and the reply reaches the caller once it has an SC again. */
struct lone_caller {
    seL4_CPtr ep, park;
    volatile seL4_Word label;
};

static struct lone_caller lone;

static void lone_call(void *arg)
{
    (void)arg;
    seL4_MessageInfo_t info = seL4_CallWithMRs(lone.ep, seL4_MessageInfo_new(7, 0, 0, 0), 0, 0,
                                               0, 0);
    lone.label = seL4_MessageInfo_get_label(info);
    ipc_park(lone.park);
}

void test_donation_caller_without_sc(struct env *env)
{
    lone = (struct lone_caller){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                                .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio - 1), sc = env_thread_sched_context(tcb);
    env_thread_start(env, tcb, lone_call, 0);
    ipc_let_others_run(env);
    CHECK(env, seL4_SchedContext_Unbind(sc) == seL4_NoError);
    seL4_MessageInfo_t info = seL4_Recv(lone.ep, 0, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 7);
    seL4_Send(reply, seL4_MessageInfo_new(9, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, lone.label == 0);
    CHECK(env, seL4_SchedContext_Bind(sc, tcb) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, lone.label == 9);
}

/* A caller queued on a passive server that is busy: when the server replies and waits
 * again, it receives the queued Call and the caller's SC with it (§12.5 r1), so it runs. */
static void second_client(void *arg)
{
    (void)arg;
    seL4_CallWithMRs(chain.ep_b, seL4_MessageInfo_new(6, 0, 0, 0), 0, 0, 0, 0);
    ipc_park(chain.park);
}

void test_donation_from_queued_caller(struct env *env)
{
    chain_start(env);
    env_thread_start(env, env_thread(env, 100), second_client, 0);
    ipc_let_others_run(env);
    seL4_Signal(chain.gate);
    ipc_let_others_run(env);
    seL4_Word served = 0;
    for (seL4_Word i = 0; i < chain.entries && i < LOG_SIZE; i++)
        served += chain.log[i] == 'B';
    CHECK(env, served == 2);
}
