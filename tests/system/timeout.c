/* System tests of Timeout faults (sel4-abi.md §7, §12.5 r5 r9, §12.8): a thread whose
 * scheduling context (budget shorter than its period) runs out of budget sends a Timeout
 * fault to its timeout handler, with the SC's badge and the time consumed; a label-0 reply
 * lets it run on once its next refill is due (no second fault meanwhile), any other label
 * stops it. */
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
