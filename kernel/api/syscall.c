/* Syscall entry: dispatch on the syscall number (sel4-abi.md §12.1). Send, NBSend and Call
 * invoke a capability; the receives check their source and reply object; ReplyRecv,
 * NBSendRecv and NBSendWait are a silent non-blocking send, then a receive. The fault
 * entries (a bad syscall, a failed lookup, the arch's VM and user exceptions) raise a fault
 * to the thread's handler (api/fault.c). */
#include <api/benchmark.h>
#include <api/fault.h>
#include <api/invocation.h>
#include <api/syscall.h>
#include <arch.h>
#include <config.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/reply.h>
#include <sel4/syscall_numbers.h>

_Noreturn void unknown_syscall(sword_t number)
{
    struct fault fault = {FAULT_UNKNOWN_SYSCALL, {(word_t)number, 0, 0}, lookup_fault_none()};
    fault_raise(current_thread, &fault);
    kernel_exit();
}

/* A CapFault (§7.2) to the thread's fault handler. `in_receive_phase` says whether the
 * receive side's capability failed. */
static _Noreturn void cap_fault(cptr_t cptr, bool in_receive_phase,
                                const struct lookup_fault *lookup)
{
    struct fault fault = {FAULT_CAP, {cptr, in_receive_phase, 0}, *lookup};
    fault_raise(current_thread, &fault);
    kernel_exit();
}

void fault_handle_vm(vaddr_t address, bool instruction_fetch, word_t status)
{
    if (!scheduler_entry(current_thread))
        kernel_exit(); /* out of budget: the instruction faults again when it next runs */
    struct fault fault = {FAULT_VM, {address, instruction_fetch, status}, lookup_fault_none()};
    fault_raise(current_thread, &fault);
    kernel_exit();
}

void fault_handle_user_exception(word_t number, word_t code)
{
    if (!scheduler_entry(current_thread))
        kernel_exit();
    struct fault fault = {FAULT_USER_EXCEPTION, {number, code, 0}, lookup_fault_none()};
    fault_raise(current_thread, &fault);
    kernel_exit();
}

/* A capability that looked up but is the wrong type or lacks a right: MissingCapability
 * with no bits left (§12.1, "wrong type/right" on the receive side). */
static _Noreturn void cap_fault_unusable(cptr_t cptr)
{
    struct lookup_fault missing = lookup_fault_missing_capability(0);
    cap_fault(cptr, true, &missing);
}

/* Send, NBSend and Call (§12.1): a failed lookup is a CapFault for Send and Call, and
 * silently nothing for NBSend. */
static void handle_invocation(bool is_call, bool is_blocking)
{
    struct invocation inv;
    struct lookup_fault fault = lookup_fault_missing_capability(0);
    cptr_t failed;
    if (!invocation_read(&inv, current_thread, &fault, &failed)) {
        if (is_blocking)
            cap_fault(failed, false, &fault);
        return;
    }
    inv.is_blocking = is_blocking;
    inv.can_donate = is_call;
    invocation_perform(&inv, is_call);
}

/* Objects phase 1 does not invoke (§12.1 r3). */
static bool first_phase_refuses(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_THREAD:
    case CAP_CNODE:
    case CAP_DOMAIN:
    case CAP_SCHED_CONTROL:
    case CAP_SCHED_CONTEXT:
        return true;
    default:
        return false;
    }
}

/* Phase 1 of ReplyRecv, NBSendRecv and NBSendWait (§12.1 r3): a non-blocking send, which
 * may donate, to the capability in `dest`; every failure is silent. */
static void handle_first_phase(enum user_reg dest)
{
    struct invocation inv;
    struct lookup_fault fault;
    cptr_t failed;
    cptr_t cptr = arch_user_reg_get(&current_thread->context, dest);
    if (!invocation_read_cap(&inv, current_thread, cptr, &fault, &failed) ||
        first_phase_refuses(inv.cap))
        return;
    inv.can_donate = true;
    invocation_perform(&inv, false);
}

/* The reply object named by the reply register (seL4's lookupReply): anything but a reply
 * capability there is a CapFault of the receive phase. */
static struct reply *lookup_reply(struct tcb *thread)
{
    struct lookup_fault fault;
    word_t bits_left;
    cptr_t cptr = arch_user_reg_get(&thread->context, REG_REPLY);
    struct cte *slot = cspace_resolve(thread->slots[TCB_CTABLE].cap, cptr, seL4_WordBits,
                                      &bits_left, &fault);
    if (!slot)
        cap_fault(cptr, true, &fault);
    if (cap_type(slot->cap) != CAP_REPLY)
        cap_fault_unusable(cptr);
    return reply_at(cap_object(slot->cap));
}

/* Recv, NBRecv, Wait, NBWait and phase 2 (§12.1 r1): the source's lookup, type and Read
 * right (for a notification, also no other thread bound to it), then the reply object. */
static void handle_receive(bool blocking, bool with_reply)
{
    struct tcb *thread = current_thread;
    struct lookup_fault fault;
    word_t bits_left;
    cptr_t cptr = arch_user_reg_get(&thread->context, REG_CAP);
    struct cte *slot = cspace_resolve(thread->slots[TCB_CTABLE].cap, cptr, seL4_WordBits,
                                      &bits_left, &fault);
    if (!slot)
        cap_fault(cptr, true, &fault);
    struct cap cap = slot->cap;
    bool can_read = cap_rights(cap) & CAP_RIGHT_READ;
    if (cap_type(cap) == CAP_ENDPOINT && can_read) {
        struct reply *reply = with_reply ? lookup_reply(thread) : 0;
        endpoint_receive(endpoint_at(cap_object(cap)), thread, reply, blocking);
    } else if (cap_type(cap) == CAP_NOTIFICATION && can_read) {
        struct notification *ntfn = notification_at(cap_object(cap));
        if (ntfn->bound_tcb && ntfn->bound_tcb != thread)
            cap_fault_unusable(cptr);
        notification_wait(ntfn, thread, blocking);
    } else {
        cap_fault_unusable(cptr);
    }
}

void syscall_handle(void)
{
    struct arch_context *context = &current_thread->context;
    sword_t number = (sword_t)arch_user_reg_get(context, REG_SYSCALL);
    /* The hardware floor is entry, address-space switch and exit: nothing else, not even the
     * budget accounting every other entry does. It returns to user itself, in the partner. */
    if (CONFIG_BENCHMARK && number == seL4_SysBenchmarkHardwareLimit)
        benchmark_hardware_limit(current_thread, number);
    if (!scheduler_entry(current_thread))
        kernel_exit(); /* out of budget: the syscall is redone when the thread next runs */
    switch (number) {
    case seL4_SysCall:
        handle_invocation(true, true);
        break;
    case seL4_SysSend:
        handle_invocation(false, true);
        break;
    case seL4_SysNBSend:
        handle_invocation(false, false);
        break;
    case seL4_SysYield:
        scheduler_yield(current_thread);
        break;
    case seL4_SysRecv:
        handle_receive(true, true);
        break;
    case seL4_SysNBRecv:
        handle_receive(false, true);
        break;
    case seL4_SysWait:
        handle_receive(true, false);
        break;
    case seL4_SysNBWait:
        handle_receive(false, false);
        break;
    case seL4_SysReplyRecv:
        handle_first_phase(REG_REPLY);
        handle_receive(true, true);
        break;
    case seL4_SysNBSendRecv:
        handle_first_phase(REG_NBSEND_DEST);
        handle_receive(true, true);
        break;
    case seL4_SysNBSendWait:
        handle_first_phase(REG_REPLY);
        handle_receive(true, false);
        break;
    case seL4_SysSetTLSBase:
        if (!ARCH_SET_TLS_BASE_SYSCALL)
            unknown_syscall(number);
        arch_set_tls_base(context, arch_user_reg_get(context, REG_CAP));
        break;
    default:
        if (!debug_syscall(current_thread, number) &&
            !benchmark_syscall(current_thread, number))
            unknown_syscall(number);
        break;
    }
    kernel_exit();
}
