/* System tests of Timeout faults (sel4-abi.md §7, §12.5 r5 r9, §12.8): a thread whose
 * scheduling context (budget shorter than its period) runs out of budget sends a Timeout
 * fault to its timeout handler, with the SC's badge and the time consumed; a label-0 reply
 * lets it run on once its next refill is due (no second fault meanwhile), any other label
 * stops it. */
#include "fault_arch.h"
#include "ipc_helpers.h"

#define HANDLER_BADGE 0x7ul
#define SC_BADGE 0x55ul
#define BUDGET_US 2000ul
#define PERIOD_US 10000ul

static volatile seL4_Word spins;

static void spin(void *arg)
{
    (void)arg;
    for (;;)
        spins++;
}

/* The root task runs below the spinner until the spinner has run again (its refill came):
 * a bounded wait of many periods. */
static void wait_for_spins_after(struct env *env, seL4_Word before)
{
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    for (seL4_Word i = 0; i < 1000000 && spins == before; i++)
        seL4_Yield();
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
}

static void take_timeout(struct env *env, seL4_CPtr ep, seL4_CPtr reply)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == HANDLER_BADGE);
    CHECK(env, seL4_MessageInfo_get_label(info) == seL4_Fault_Timeout);
    CHECK(env, seL4_MessageInfo_get_length(info) == 2);
    CHECK_MR(env, 0, SC_BADGE);
    /* Consumed µs since the last read: the budget, give or take the MIN_BUDGET (20 µs) the
     * kernel does not start a run on, and the interrupt's delay. */
    CHECK(env, seL4_GetMR(1) >= BUDGET_US - 20 && seL4_GetMR(1) <= BUDGET_US + 100);
}

void test_timeout_fault_on_exhausted_budget(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights,
                               HANDLER_BADGE) == seL4_NoError);
    seL4_CPtr tcb = env_thread(env, 100);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tcb), BUDGET_US,
                                                PERIOD_US, 0, SC_BADGE, 0) == seL4_NoError);
    CHECK(env, seL4_TCB_SetTimeoutEndpoint(tcb, badged) == seL4_NoError);
    spins = 0;
    env_thread_start(env, tcb, spin, 0);
    ipc_let_others_run(env); /* until the budget runs out and the fault blocks it */
    take_timeout(env, ep, reply);
    seL4_Word before = spins;
    CHECK(env, before > 0);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_let_others_run(env); /* its budget is still used up: it waits, with no new fault */
    CHECK(env, spins == before);
    seL4_Word badge = 99;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 0);
    wait_for_spins_after(env, before); /* until its refill, one period after the last */
    CHECK(env, spins > before);
    ipc_let_others_run(env); /* it runs out again */
    take_timeout(env, ep, reply);
    seL4_Send(reply, seL4_MessageInfo_new(1, 0, 0, 0));
    before = spins;
    ipc_let_others_run(env);
    CHECK(env, spins == before);
    badge = 99;
    seL4_NBRecv(ep, &badge, reply);
    CHECK(env, badge == 0);
}

#define RESUMED_ARG0 0x1234ul
#define RESUMED_ARG1 0x5678ul
#define RESUMED_STACK_WORDS 512

static seL4_Word resumed_stack[RESUMED_STACK_WORDS] __attribute__((aligned(16)));
static volatile seL4_Word resumed_args[2], resumed_sp_inside;
static seL4_CPtr resumed_park;

/* Where the Timeout reply sends the thread, with its arguments and a new stack. */
static void resumed_elsewhere(seL4_Word arg0, seL4_Word arg1)
{
    volatile seL4_Word local = 0;
    seL4_Word here = (seL4_Word)&local;
    resumed_sp_inside = here > (seL4_Word)resumed_stack &&
                        here < (seL4_Word)&resumed_stack[RESUMED_STACK_WORDS];
    resumed_args[0] = arg0;
    resumed_args[1] = arg1;
    for (;;)
        seL4_Wait(resumed_park, 0);
}

/* The reply to a Timeout fault writes the thread's registers back in seL4_UserContext order
 * (§7: 19 / 34 / 32 words; a longer reply's extra words are ignored): a whole context with a
 * new pc, stack and arguments, sent with label 0, makes the thread resume there once its
 * refill is due, and the context words past those (x86_64 gs_base, aarch64's TLS registers)
 * keep their values. */
void test_timeout_fault_reply_writes_registers(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr badged = env_slot(env);
    resumed_park = env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights,
                               HANDLER_BADGE) == seL4_NoError);
    seL4_CPtr tcb = env_thread(env, 100);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(tcb), BUDGET_US,
                                                PERIOD_US, 0, SC_BADGE, 0) == seL4_NoError);
    CHECK(env, seL4_TCB_SetTimeoutEndpoint(tcb, badged) == seL4_NoError);
    spins = 0;
    env_thread_start(env, tcb, spin, 0);
    ipc_let_others_run(env);
    take_timeout(env, ep, reply);

    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)resumed_elsewhere,
                             (seL4_Word)&resumed_stack[RESUMED_STACK_WORDS], RESUMED_ARG0,
                             RESUMED_ARG1);
    const seL4_Word *words = (const seL4_Word *)&context;
    for (seL4_Word i = 0; i < seL4_UserContextWords; i++)
        seL4_SetMR((int)i, i < FAULT_TIMEOUT_REPLY_REGISTERS ? words[i] : RESUMED_ARG0);
    resumed_args[0] = resumed_args[1] = resumed_sp_inside = 0;
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, seL4_UserContextWords));
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    for (seL4_Word i = 0; i < 1000000 && !resumed_args[0]; i++)
        seL4_Yield();
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
    CHECK(env, resumed_args[0] == RESUMED_ARG0 && resumed_args[1] == RESUMED_ARG1);
    CHECK(env, resumed_sp_inside);
    seL4_UserContext after;
    CHECK(env, seL4_TCB_ReadRegisters(tcb, 1, 0, seL4_UserContextWords, &after) ==
                   seL4_NoError);
    for (seL4_Word i = FAULT_TIMEOUT_REPLY_REGISTERS; i < seL4_UserContextWords; i++)
        CHECK(env, ((const seL4_Word *)&after)[i] != RESUMED_ARG0);
}

#define SERVER_BADGE 0x2ul
#define CLIENT_SC_BADGE 0x42ul

struct served {
    seL4_CPtr ep, server_reply, park;
    volatile seL4_Word client_mr0, client_replies;
};

static struct served served;

/* Passive: takes a Call, then spins on the caller's context. */
static void spin_on_callers_context(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {served.ep, 0, {0}, served.server_reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;)
        spins++;
}

static void call_and_record(void *arg)
{
    (void)arg;
    seL4_Word mr0 = 0;
    seL4_CallWithMRs(served.ep, seL4_MessageInfo_new(0, 0, 0, 0), &mr0, 0, 0, 0);
    served.client_mr0 = mr0;
    served.client_replies++;
    ipc_park(served.park);
}

/* A passive server that runs its client's budget out (sel4test TIMEOUTFAULT0002): the
 * Timeout fault goes to the server's timeout handler, with the handler cap's badge and the
 * client context's badge (§12.5 r9), and does not take the context; the handler answers the
 * client through the server's reply object, and the client, its context back, runs on once
 * its refill is due. */
void test_timeout_fault_in_passive_server(struct env *env)
{
    served = (struct served){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
       .server_reply = env_retype(env, seL4_ReplyObject, 0, 1),
       .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tfep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr handler_reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, tfep, ROOT_DEPTH, seL4_AllRights,
                               SERVER_BADGE) == seL4_NoError);
    seL4_CPtr server = env_thread(env, 150), client = env_thread(env, 100);
    CHECK(env, seL4_TCB_SetTimeoutEndpoint(server, badged) == seL4_NoError);
    env_thread_start(env, server, spin_on_callers_context, 0);
    ipc_let_others_run(env);
    CHECK(env, seL4_SchedContext_Unbind(env_thread_sched_context(server)) == seL4_NoError);
    CHECK(env, seL4_SchedControl_ConfigureFlags(env->bootinfo->schedcontrol.start,
                                                env_thread_sched_context(client), BUDGET_US,
                                                PERIOD_US, 0, CLIENT_SC_BADGE, 0) ==
                   seL4_NoError);
    spins = 0;
    env_thread_start(env, client, call_and_record, 0);
    ipc_let_others_run(env); /* the server spins the client's budget out */
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(tfep, &badge, handler_reply);
    CHECK(env, badge == SERVER_BADGE && spins > 0);
    CHECK(env, seL4_MessageInfo_get_label(info) == seL4_Fault_Timeout);
    CHECK(env, seL4_MessageInfo_get_length(info) == 2);
    CHECK_MR(env, 0, CLIENT_SC_BADGE);
    served.client_replies = 0;
    seL4_SetMR(0, (seL4_Word)-1);
    seL4_Send(served.server_reply, seL4_MessageInfo_new(0, 0, 0, 1));
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    for (seL4_Word i = 0; i < 1000000 && !served.client_replies; i++)
        seL4_Yield(); /* until the client's refill is due */
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
    CHECK(env, served.client_replies == 1 && served.client_mr0 == (seL4_Word)-1);
    CHECK(env, seL4_TCB_Suspend(server) == seL4_NoError);
    CHECK(env, seL4_TCB_Suspend(client) == seL4_NoError);
}
