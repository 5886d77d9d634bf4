/* System tests of threads: creating and starting one from the root task, priorities and the
 * MCP, round robin through Yield, registers, and the TCB and scheduling error paths. */
#include "tests.h"

#define STACK_WORDS 1024
#define SPIN_LIMIT 1000

struct child {
    volatile seL4_Word ran;
    seL4_CPtr tcb;
};

static seL4_Word child_stack[STACK_WORDS] __attribute__((aligned(16)));
static struct child child;

/* The child thread: note that it ran, then stop itself. */
static void child_main(struct child *c)
{
    c->ran++;
    seL4_TCB_Suspend(c->tcb);
    for (;;)
        ;
}

/* A thread in the root task's own spaces at `priority`, with a 1 ms budget, not started. */
static seL4_CPtr make_thread(struct env *env, seL4_Word priority)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK(env, seL4_SchedControl_Configure(env->bootinfo->schedcontrol.start, sc, 1000, 1000,
                                           0, 0) == seL4_NoError);
    CHECK(env, seL4_TCB_Configure(tcb, ROOT, 0, seL4_CapInitThreadVSpace, 0, 0, 0) ==
                   seL4_NoError);
    CHECK(env, seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, priority, priority, sc, 0) ==
                   seL4_NoError);
    return tcb;
}

static void start_child(struct env *env, seL4_CPtr tcb)
{
    child = (struct child){0, tcb};
    seL4_UserContext context = {0};
    test_thread_context(&context, (seL4_Word)child_main,
                        (seL4_Word)&child_stack[STACK_WORDS], (seL4_Word)&child);
    CHECK(env, seL4_TCB_WriteRegisters(tcb, 1, 0, seL4_UserContextWords, &context) ==
                   seL4_NoError);
}

static void yield_until_ran(void)
{
    for (int i = 0; i < SPIN_LIMIT && !child.ran; i++)
        seL4_Yield();
}

void test_tcb_start_thread(struct env *env)
{
    seL4_CPtr tcb = make_thread(env, seL4_MaxPrio);
    start_child(env, tcb);
    yield_until_ran();
    CHECK(env, child.ran == 1);
    seL4_UserContext context;
    CHECK(env, seL4_TCB_ReadRegisters(tcb, 0, 0, seL4_UserContextWords, &context) ==
                   seL4_NoError);
    /* Resuming a suspended thread runs it on from where it stopped: it spins, not reruns. */
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    seL4_Yield();
    CHECK(env, child.ran == 1);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

void test_tcb_lower_priority_waits(struct env *env)
{
    seL4_CPtr tcb = make_thread(env, seL4_MaxPrio - 1);
    start_child(env, tcb);
    for (int i = 0; i < 10; i++)
        seL4_Yield();
    CHECK(env, child.ran == 0);
    CHECK(env, seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio) == seL4_NoError);
    yield_until_ran();
    CHECK(env, child.ran == 1);
}

void test_tcb_priority_errors(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    CHECK(env, seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, 256) == seL4_RangeError);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, 255);
    /* The new thread's MCP is 0: as an authority it allows priority 0 only. */
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, tcb, 1) == seL4_RangeError);
    CHECK_MR(env, 1, 0);
    CHECK(env, seL4_TCB_SetMCPriority(tcb, seL4_CapInitThreadCNode, 1) ==
                   seL4_InvalidCapability);
    seL4_UserContext context;
    CHECK(env, seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 1, &context) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_TCB_ReadRegisters(tcb, 0, 0, 0, &context) == seL4_RangeError);
}

void test_tcb_space_and_buffer_errors(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    CHECK(env, seL4_TCB_Configure(tcb, ROOT, 0, seL4_CapInitThreadVSpace, 0, 0x1004,
                                  seL4_CapInitThreadIPCBuffer) == seL4_AlignmentError);
    CHECK(env, seL4_TCB_Configure(tcb, ROOT, 0, ROOT, 0, 0, 0) == seL4_IllegalOperation);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0x1000, seL4_CapInitThreadTCB) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0, 0) == seL4_NoError);
}

void test_sched_context_errors(struct env *env)
{
    seL4_CPtr control = env->bootinfo->schedcontrol.start;
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK(env, seL4_SchedControl_Configure(control, sc, 1, 1000, 0, 0) == seL4_RangeError);
    CHECK(env, seL4_SchedControl_Configure(control, sc, 2000, 1000, 0, 0) == seL4_RangeError);
    CHECK_MR(env, 1, 1000);
    CHECK(env, seL4_SchedControl_Configure(control, sc, 1000, 1000, 1, 0) == seL4_RangeError);
    CHECK(env, seL4_SchedControl_Configure(control, seL4_CapInitThreadTCB, 1000, 1000, 0, 0) ==
                   seL4_InvalidCapability);
    /* The root thread already has a scheduling context. */
    CHECK(env, seL4_SchedContext_Bind(sc, seL4_CapInitThreadTCB) == seL4_IllegalOperation);
    seL4_SchedContext_Consumed_t consumed = seL4_SchedContext_Consumed(seL4_CapInitThreadSC);
    CHECK(env, consumed.error == seL4_NoError);
}
