/* System tests of rights on invoked capabilities: a capability that looks up but lacks the
 * right its invocation needs is an error reply, never a fault (ABI §11 row 1). A Call gets
 * InvalidCapability with MR0 = 0; a Send does nothing and returns. The root task makes these
 * calls itself, so a fault would stop the whole test run. */
#include "tests.h"

/* A Call on `cap` with one word whose reply must be InvalidCapability(0), length 1. */
static void check_call_is_invalid_capability_0(struct env *env, seL4_CPtr cap)
{
    seL4_SetMR(0, 0x5a5a);
    seL4_MessageInfo_t reply = seL4_Call(cap, seL4_MessageInfo_new(0, 0, 0, 1));
    CHECK(env, seL4_MessageInfo_get_label(reply) == seL4_InvalidCapability);
    CHECK(env, seL4_MessageInfo_get_length(reply) == 1);
    CHECK(env, seL4_GetMR(0) == 0);
}

void test_rights_notification_without_write(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr read_only = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, read_only, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_CanRead, 0x4) == seL4_NoError);
    check_call_is_invalid_capability_0(env, read_only);
    seL4_Signal(read_only);
    seL4_NBSend(read_only, seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word badge = 99;
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0);
}

void test_rights_endpoint_without_write(struct env *env)
{
    seL4_CPtr endpoint = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr read_only = env_copy(env, endpoint, seL4_CanRead);
    seL4_CPtr no_rights = env_copy(env, endpoint, seL4_NoRights);
    check_call_is_invalid_capability_0(env, read_only);
    check_call_is_invalid_capability_0(env, no_rights);
    seL4_Send(read_only, seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_NBSend(no_rights, seL4_MessageInfo_new(0, 0, 0, 0));
}

/* An IPC buffer frame is accepted whatever its rights, as in seL4 (checkValidIPCBuffer looks
 * at the type, device bit and alignment only); the rights matter only when the kernel reads
 * or writes the buffer. */
void test_rights_ipc_buffer_frame_any_rights(struct env *env)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr no_rights = env_copy(env, seL4_CapInitThreadIPCBuffer, seL4_NoRights);
    seL4_CPtr read_only = env_copy(env, seL4_CapInitThreadIPCBuffer, seL4_CanRead);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0x1000, no_rights) == seL4_NoError);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0x2000, read_only) == seL4_NoError);
    CHECK(env, seL4_TCB_Configure(tcb, ROOT, 0, seL4_CapInitThreadVSpace, 0, 0x1000,
                                  no_rights) == seL4_NoError);
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, 0x1001, no_rights) == seL4_AlignmentError);
}

/* The kernel reads a read-only IPC buffer but never writes it (seL4's lookupIPCBuffer): the
 * root task's own buffer, through a read-only copy of its capability for a while. A 6-word
 * Retype needs MR4-5 read from the buffer; a 10-register ReadRegisters reply is cut to MR0-3
 * when the buffer cannot be written. (A buffer without rights cannot be tried this way: the
 * root task could not name the capability to restore its own buffer.) */
void test_rights_ipc_buffer_read_only(struct env *env)
{
    seL4_Word buffer = (seL4_Word)seL4_GetIPCBuffer();
    seL4_CPtr read_only = env_copy(env, seL4_CapInitThreadIPCBuffer, seL4_CanRead);
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio - 1), slot = env_slot(env);
    const seL4_Word read_registers[] = {0, 10};
    CHECK(env, seL4_TCB_SetIPCBuffer(seL4_CapInitThreadTCB, buffer, read_only) == seL4_NoError);
    seL4_Error retype = seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0,
                                            slot, 1);
    seL4_MessageInfo_t registers = env_invoke(tcb, TCBReadRegisters, read_registers, 2, 0, 0);
    CHECK(env, seL4_TCB_SetIPCBuffer(seL4_CapInitThreadTCB, buffer,
                                     seL4_CapInitThreadIPCBuffer) == seL4_NoError);
    CHECK(env, retype == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(slot) != 0);
    CHECK(env, seL4_MessageInfo_get_label(registers) == 0);
    CHECK(env, seL4_MessageInfo_get_length(registers) == 4);
}
