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
    /* The buffer capability is derived first: an untyped with children cannot be. */
    env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0x1000, env->untyped) == seL4_RevokeFirst);
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
    CHECK(env, seL4_TCB_BindNotification(tcb, write_only) == seL4_IllegalOperation);
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

/* A TCB invocation with too few words or too few capabilities. */
static void check_truncated(struct env *env, seL4_CPtr tcb, seL4_Word label, seL4_Word length,
                            const seL4_CPtr *caps, seL4_Word ncaps)
{
    static const seL4_Word words[4] = {0, 1, 0, 0};
    CHECK_REPLY(env, env_invoke(tcb, label, words, length, caps, ncaps), seL4_TruncatedMessage);
}

void test_tcb_truncated_messages(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    const seL4_CPtr init[3] = {seL4_CapInitThreadTCB, 0, 0};
    const seL4_CPtr space[3] = {ROOT, seL4_CapInitThreadVSpace, 0};
    const seL4_CPtr handler_space[3] = {0, ROOT, seL4_CapInitThreadVSpace};
    check_truncated(env, tcb, TCBReadRegisters, 1, 0, 0);
    check_truncated(env, tcb, TCBWriteRegisters, 1, 0, 0);
    /* WriteRegisters of count 1 with no register word after the flags and count. */
    check_truncated(env, tcb, TCBWriteRegisters, 2, 0, 0);
    check_truncated(env, tcb, TCBCopyRegisters, 0, init, 1);
    check_truncated(env, tcb, TCBCopyRegisters, 1, init, 0);
    check_truncated(env, tcb, TCBConfigure, 2, space, 3);
    check_truncated(env, tcb, TCBConfigure, 3, space, 2);
    check_truncated(env, tcb, TCBSetPriority, 0, init, 1);
    check_truncated(env, tcb, TCBSetPriority, 1, init, 0);
    check_truncated(env, tcb, TCBSetMCPriority, 0, init, 1);
    check_truncated(env, tcb, TCBSetMCPriority, 1, init, 0);
    check_truncated(env, tcb, TCBSetSchedParams, 1, init, 3);
    check_truncated(env, tcb, TCBSetSchedParams, 2, init, 2);
    check_truncated(env, tcb, TCBSetTimeoutEndpoint, 0, init, 0);
    check_truncated(env, tcb, TCBSetIPCBuffer, 0, init, 1);
    check_truncated(env, tcb, TCBSetIPCBuffer, 1, init, 0);
    check_truncated(env, tcb, TCBSetSpace, 1, handler_space, 3);
    check_truncated(env, tcb, TCBSetSpace, 2, handler_space, 2);
    check_truncated(env, tcb, TCBSetTLSBase, 0, 0, 0);
    check_truncated(env, tcb, TCBSetFlags, 1, 0, 0);
    check_truncated(env, tcb, TCBBindNotification, 0, &ntfn, 0);
    /* None of them changed anything: the thread is still unbound and at MCP 0. */
    CHECK_ERR(env, seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, tcb, 1), seL4_RangeError, 0, 0);
}

/* SetSchedParams checks the new MCP and priority against the authority's MCP, the scheduling
 * context's type and binding, and the fault handler: an endpoint cap with Write and Grant or
 * GrantReply, or null (ABI §12.6, §5.6). */
void test_tcb_sched_params_checks(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr authority = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr no_write = env_copy(env, ep, seL4_NoWrite);
    seL4_CPtr no_grant = env_copy(env, ep, seL4_ReadWrite);
    seL4_CPtr write_grant_reply = env_copy(env, ep, seL4_CapRights_new(1, 0, 0, 1));
    seL4_CPtr write_grant = env_copy(env, ep, seL4_CapRights_new(0, 1, 0, 1));
    CHECK_ERR(env, seL4_TCB_SetMCPriority(authority, seL4_CapInitThreadTCB, 100), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 101, 50, 0, 0), seL4_RangeError, 0,
              100);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 50, 101, 0, 0), seL4_RangeError, 0,
              100);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, ROOT, 0, 0, 0, 0), seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, ep, 0),
              seL4_InvalidCapability, 2);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, sc, ntfn),
              seL4_InvalidCapability, 3);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, sc, no_write),
              seL4_InvalidCapability, 3);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, sc, no_grant),
              seL4_InvalidCapability, 3);
    /* The fault handler is checked last: an earlier error is the one replied. */
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 50, 101, sc, ntfn), seL4_RangeError,
              0, 100);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, ep, ntfn),
              seL4_InvalidCapability, 2);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, 0, write_grant),
              seL4_NoError);
    /* Accepted at the authority's MCP: the target's new MCP is then an authority of 100. */
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 100, 100, sc, write_grant_reply),
              seL4_NoError);
    CHECK_ERR(env, seL4_TCB_SetPriority(other, tcb, 100), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_SetPriority(other, tcb, 101), seL4_RangeError, 0, 100);
    /* The context is bound to `tcb` now: not to another thread; `tcb` keeps it. */
    CHECK_ERR(env, seL4_TCB_SetSchedParams(other, authority, 0, 0, sc, 0),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, other), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, sc, 0), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, tcb), seL4_NoError);
    /* A thread with a context of its own cannot take another. */
    CHECK_ERR(env, seL4_TCB_SetSchedParams(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                           seL4_MaxPrio, seL4_MaxPrio, sc, 0),
              seL4_IllegalOperation);
    /* A null context unbinds, except from the calling thread itself. */
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, tcb), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(tcb, authority, 0, 0, 0, 0), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, other), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_SetSchedParams(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                           seL4_MaxPrio, seL4_MaxPrio, 0, 0),
              seL4_IllegalOperation);
}

void test_tcb_register_errors(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_UserContext context = {0};
    CHECK_ERR(env, seL4_TCB_ReadRegisters(tcb, 0, 0, 0, &context), seL4_RangeError, 1,
              seL4_UserContextWords);
    CHECK_ERR(env, seL4_TCB_ReadRegisters(tcb, 0, 0, seL4_UserContextWords + 1, &context),
              seL4_RangeError, 1, seL4_UserContextWords);
    CHECK_ERR(env, seL4_TCB_ReadRegisters(tcb, 0, 0, seL4_UserContextWords, &context),
              seL4_NoError);
    CHECK_ERR(env, seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 1, &context),
              seL4_IllegalOperation);
    /* Writing the calling thread's own registers is refused (count 0: harmless if not). */
    CHECK_ERR(env, seL4_TCB_WriteRegisters(seL4_CapInitThreadTCB, 0, 0, 0, &context),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_WriteRegisters(tcb, 0, 0, 0, &context), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_CopyRegisters(tcb, ROOT, 0, 0, 1, 1, 0), seL4_InvalidCapability, 1);
    /* A read of one register returns one word. */
    const seL4_Word read_one[2] = {0, 1};
    CHECK(env, seL4_MessageInfo_get_length(env_invoke(tcb, TCBReadRegisters, read_one, 2, 0,
                                                      0)) == 1);
    /* ... and writes nothing past it: the caller's MR1-3 (the count, then two words the
     * decoder ignores) and, after a four-word reply, its buffer's msg[4] are as it left them
     * (ABI §12.2 r4: words past the length are not touched). */
    const seL4_Word read_one_more[4] = {0, 1, 0x5a5a, 0x6b6b};
    seL4_MessageInfo_t info = env_invoke(tcb, TCBReadRegisters, read_one_more, 4, 0, 0);
    CHECK(env, seL4_MessageInfo_get_label(info) == seL4_NoError &&
                   seL4_MessageInfo_get_length(info) == 1);
    CHECK_MR(env, 1, 1);
    CHECK_MR(env, 2, 0x5a5a);
    CHECK_MR(env, 3, 0x6b6b);
    const seL4_Word read_four[2] = {0, 4};
    seL4_SetMR(4, 0x7c7c);
    info = env_invoke(tcb, TCBReadRegisters, read_four, 2, 0, 0);
    CHECK(env, seL4_MessageInfo_get_label(info) == seL4_NoError &&
                   seL4_MessageInfo_get_length(info) == 4);
    CHECK_MR(env, 4, 0x7c7c);
}

void test_tcb_handler_and_binding_errors(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr no_write = env_copy(env, ep, seL4_NoWrite);
    seL4_CPtr write_only = env_copy(env, ntfn, seL4_CanWrite);
    CHECK_ERR(env, seL4_TCB_SetTimeoutEndpoint(tcb, no_write), seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_TCB_SetTimeoutEndpoint(tcb, ntfn), seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_TCB_SetTimeoutEndpoint(tcb, 0), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_SetSpace(tcb, no_write, ROOT, 0, seL4_CapInitThreadVSpace, 0),
              seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_TCB_SetSpace(tcb, 0, ROOT, 0, ROOT, 0), seL4_IllegalOperation);
    /* Deriving an untyped with children fails first, with its own error. */
    CHECK_ERR(env, seL4_TCB_SetSpace(tcb, 0, env->untyped, 0, seL4_CapInitThreadVSpace, 0),
              seL4_RevokeFirst);
    CHECK_ERR(env, seL4_TCB_SetSpace(tcb, 0, ROOT, 0, env->untyped, 0), seL4_RevokeFirst);
    /* A guard that with the root's radix exceeds a word makes no CNode. */
    CHECK_ERR(env, seL4_TCB_SetSpace(tcb, 0, ROOT, seL4_CNode_CapData_new(0, 60),
                                     seL4_CapInitThreadVSpace, 0),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_SetSpace(tcb, 0, ROOT, 0, seL4_CapInitThreadVSpace, 0), seL4_NoError);
    /* Not a notification, or no Read: IllegalOperation, not InvalidCapability (§12.7 r4). */
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, ep), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, write_only), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, ntfn), seL4_NoError);
    /* A bound thread takes no second notification; a bound notification no second thread. */
    seL4_CPtr second = env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, second), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_BindNotification(other, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_BindNotification(tcb, ntfn), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_TCB_UnbindNotification(tcb), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_BindNotification(other, ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_UnbindNotification(other), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_UnbindNotification(other), seL4_IllegalOperation);
    /* Labels that are not TCB invocations. */
    CHECK_REPLY(env, env_invoke(tcb, UntypedRetype, 0, 0, 0, 0), seL4_IllegalOperation);
    CHECK_REPLY(env, env_invoke(tcb, CNodeCopy, 0, 0, 0, 0), seL4_IllegalOperation);
}

/* WriteRegisters changes exactly the `count` first words (compared with what the thread held
 * before, as the arch may sanitise some words, e.g. x86_64's rflags). */
void test_tcb_write_registers_partial(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_UserContext all = {0}, before = {0}, after = {0}, one = {0};
    for (seL4_Word i = 0; i < seL4_UserContextWords; i++)
        ((seL4_Word *)&all)[i] = 0x100 + i;
    CHECK_ERR(env, seL4_TCB_WriteRegisters(tcb, 0, 0, seL4_UserContextWords, &all), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_ReadRegisters(tcb, 0, 0, seL4_UserContextWords, &before),
              seL4_NoError);
    ((seL4_Word *)&one)[0] = 0x2000;
    CHECK_ERR(env, seL4_TCB_WriteRegisters(tcb, 0, 0, 1, &one), seL4_NoError);
    CHECK_ERR(env, seL4_TCB_ReadRegisters(tcb, 0, 0, seL4_UserContextWords, &after),
              seL4_NoError);
    CHECK(env, ((seL4_Word *)&after)[0] == 0x2000 && ((seL4_Word *)&before)[0] == 0x100);
    for (seL4_Word i = 1; i < seL4_UserContextWords; i++)
        CHECK(env, ((seL4_Word *)&after)[i] == ((seL4_Word *)&before)[i]);
}

/* DebugNameThread keeps at most 15 bytes of a longer name and ends it there: nothing past the
 * name field is written. Here the name's end (byte 23) would fall on the type byte of the
 * thread's CSpace capability, the first of the TCB's slots, which follow the name; a thread
 * whose CSpace stays intact can still invoke its capabilities (Signal returns). */
struct named {
    seL4_CPtr ntfn;
    volatile seL4_Word signalled;
};

static struct named named;

static void signal_then_stop(void *arg)
{
    (void)arg;
    seL4_Signal(named.ntfn);
    named.signalled = 1;
    for (;;)
        seL4_Yield();
}

void test_tcb_debug_name_thread_long_name(struct env *env)
{
    static const char name[] = "a-thread-name-23-bytes!";
    _Static_assert(sizeof(name) == 24, "the name ends at byte 23");
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    named = (struct named){env_retype(env, seL4_NotificationObject, 0, 1), 0};
    char *to = (char *)&seL4_GetIPCBuffer()->msg[0];
    for (seL4_Word i = 0; i < sizeof(name); i++)
        to[i] = name[i];
    seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugNameThread, tcb);
    env_thread_start(env, tcb, signal_then_stop, 0);
    env_yield_until(&named.signalled);
    CHECK(env, named.signalled == 1);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A Send of an invocation wants no reply: results it has (here ReadRegisters') are written
 * nowhere, not even to the IPC buffer's message words past the registers. */
void test_tcb_send_invocation_writes_no_results(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_SetMR(0, 0);
    seL4_SetMR(1, seL4_UserContextWords);
    for (seL4_Word i = 2; i < seL4_UserContextWords; i++)
        seL4_SetMR(i, 0xa5a5 + i);
    seL4_Send(tcb, seL4_MessageInfo_new(TCBReadRegisters, 0, 0, 2));
    for (seL4_Word i = 2; i < seL4_UserContextWords; i++)
        CHECK(env, seL4_GetMR(i) == 0xa5a5 + i);
}
