/* System tests of threads: creating and starting one from the root task, priorities and the
 * MCP, round robin through Yield, registers, and the TCB and scheduling error paths. */
#include "tests.h"

struct child {
    volatile seL4_Word ran;
    seL4_CPtr tcb;
};

static struct child child;

/* The child thread: note that it ran, then stop itself. */
static void child_main(void *arg)
{
    struct child *c = arg;
    c->ran++;
    seL4_TCB_Suspend(c->tcb);
}

static void start_child(struct env *env, seL4_CPtr tcb)
{
    child = (struct child){0, tcb};
    env_thread_start(env, tcb, child_main, &child);
}

static void yield_until_ran(void)
{
    env_yield_until(&child.ran);
}

void test_tcb_start_thread(struct env *env)
{
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
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
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio - 1);
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

void test_domain_set(struct env *env)
{
    CHECK(env, seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadTCB) == seL4_NoError);
    CHECK(env, seL4_DomainSet_Set(seL4_CapDomain, 1, seL4_CapInitThreadTCB) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadCNode) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
}

void test_tcb_handlers_and_space(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr no_grant = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, no_grant, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH,
                               seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_TCB_SetTimeoutEndpoint(tcb, ep) == seL4_NoError);
    CHECK(env, seL4_TCB_SetTimeoutEndpoint(tcb, no_grant) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_TCB_SetTimeoutEndpoint(tcb, seL4_CapInitThreadTCB) ==
                   seL4_InvalidCapability);
    CHECK(env, seL4_TCB_SetSpace(tcb, ep, ROOT, 0, seL4_CapInitThreadVSpace, 0) ==
                   seL4_NoError);
    CHECK(env, seL4_TCB_SetSpace(tcb, no_grant, ROOT, 0, seL4_CapInitThreadVSpace, 0) ==
                   seL4_InvalidCapability);
    CHECK(env, seL4_TCB_SetSpace(tcb, 0, ep, 0, seL4_CapInitThreadVSpace, 0) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0x1000, seL4_CapInitThreadIPCBuffer) == seL4_NoError);
}

void test_tcb_registers_flags_tls(struct env *env)
{
    seL4_CPtr a = env_retype(env, seL4_TCBObject, 0, 1), b = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_UserContext in = {0}, out = {0};
    for (seL4_Word i = 3; i < seL4_UserContextWords; i++)
        ((seL4_Word *)&in)[i] = 0x1000 + i;
    CHECK(env, seL4_TCB_WriteRegisters(a, 0, 0, seL4_UserContextWords, &in) == seL4_NoError);
    CHECK(env, seL4_TCB_CopyRegisters(b, a, 0, 0, 1, 1, 0) == seL4_NoError);
    CHECK(env, seL4_TCB_ReadRegisters(b, 0, 0, seL4_UserContextWords, &out) == seL4_NoError);
    CHECK(env, ((seL4_Word *)&out)[seL4_UserContextWords - 3] ==
                   0x1000 + seL4_UserContextWords - 3);
    CHECK(env, seL4_TCB_CopyRegisters(b, seL4_CapInitThreadCNode, 0, 0, 1, 1, 0) ==
                   seL4_InvalidCapability);
    seL4_TCB_SetFlags_t flags = seL4_TCB_SetFlags(a, 0, seL4_TCBFlag_fpuDisabled | 0x80);
    CHECK(env, flags.error == seL4_NoError && flags.flags == seL4_TCBFlag_fpuDisabled);
    flags = seL4_TCB_SetFlags(a, seL4_TCBFlag_fpuDisabled, 0);
    CHECK(env, flags.error == seL4_NoError && flags.flags == 0);
    CHECK(env, seL4_TCB_SetTLSBase(a, 0x12340) == seL4_NoError);
    CHECK(env, seL4_TCB_SetMCPriority(a, seL4_CapInitThreadTCB, 100) == seL4_NoError);
    CHECK(env, seL4_TCB_SetPriority(b, a, 100) == seL4_NoError);
    CHECK(env, seL4_TCB_SetPriority(b, a, 101) == seL4_RangeError);
    CHECK_MR(env, 1, 100);
}

void test_tcb_bind_notification(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr write_only = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, write_only, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_CanWrite) == seL4_NoError);
    CHECK(env, seL4_TCB_BindNotification(tcb, write_only) == seL4_InvalidCapability);
    CHECK(env, seL4_TCB_BindNotification(tcb, ntfn) == seL4_NoError);
    CHECK(env, seL4_TCB_BindNotification(tcb, ntfn) == seL4_IllegalOperation);
    CHECK(env, seL4_TCB_BindNotification(seL4_CapInitThreadTCB, ntfn) == seL4_IllegalOperation);
    CHECK(env, seL4_TCB_UnbindNotification(tcb) == seL4_NoError);
    CHECK(env, seL4_TCB_UnbindNotification(tcb) == seL4_IllegalOperation);
}

void test_sched_context_bind_unbind(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK(env, seL4_SchedContext_Bind(sc, tcb) == seL4_NoError);
    CHECK(env, seL4_SchedContext_Bind(sc, tcb) == seL4_IllegalOperation);
    CHECK(env, seL4_SchedContext_Bind(sc, seL4_CapInitThreadCNode) == seL4_InvalidCapability);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, seL4_CapInitThreadTCB) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_SchedContext_UnbindObject(sc, tcb) == seL4_NoError);
    CHECK(env, seL4_SchedContext_Bind(sc, tcb) == seL4_NoError);
    CHECK(env, seL4_SchedContext_Unbind(sc) == seL4_NoError);
    seL4_SchedContext_Consumed_t consumed = seL4_SchedContext_Consumed(sc);
    CHECK(env, consumed.error == seL4_NoError && consumed.consumed == 0);
}
