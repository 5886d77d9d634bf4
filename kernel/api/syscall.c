/* Syscall entry: dispatch on the syscall number. Call and Send on a kernel object invoke it;
 * IPC on endpoints, Recv and the rest arrive with the IPC issue and until then are reported
 * as unknown syscalls. */
#include <api/invocation.h>
#include <api/syscall.h>
#include <arch.h>
#include <config.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>
#include <object/notification.h>
#include <sel4/syscall_numbers.h>

static _Noreturn void stop_faulting_thread(void)
{
    arch_context_print(&current_thread->context);
    tcb_suspend(current_thread);
    kernel_exit();
}

_Noreturn void unknown_syscall(sword_t number)
{
    struct tcb *thread = current_thread;
    kprintf("fault: thread '%s': unknown syscall %ld at ip %lx\n", thread->name, number,
            arch_user_reg_get(&thread->context, REG_FAULT_IP));
    stop_faulting_thread();
}

/* A capability that did not look up, with no fault handler to send the CapFault to. */
static _Noreturn void cap_fault(cptr_t cptr, const struct lookup_fault *fault)
{
    struct tcb *thread = current_thread;
    kprintf("fault: thread '%s': CapFault ip %lx cptr %lx type %u bits left %lu\n",
            thread->name, arch_user_reg_get(&thread->context, REG_FAULT_IP), cptr,
            (unsigned)fault->type, fault->bits_left);
    stop_faulting_thread();
}

static void handle_invocation(bool is_call, bool is_blocking)
{
    struct invocation inv;
    struct lookup_fault fault = {LOOKUP_MISSING_CAPABILITY, 0, 0, 0};
    cptr_t failed;
    if (!invocation_read(&inv, current_thread, &fault, &failed)) {
        if (is_blocking)
            cap_fault(failed, &fault);
        return;
    }
    invocation_perform(&inv, is_call);
}

/* NBWait (seL4_Poll) on a notification: its pending word in the badge register, or 0. */
static void handle_poll(struct tcb *thread)
{
    struct lookup_fault fault = {LOOKUP_MISSING_CAPABILITY, 0, 0, 0};
    cptr_t cptr = arch_user_reg_get(&thread->context, REG_CAP);
    word_t bits_left;
    struct cte *slot = cspace_resolve(thread->slots[TCB_CTABLE].cap, cptr, seL4_WordBits,
                                      &bits_left, &fault);
    if (!slot || cap_type(slot->cap) != CAP_NOTIFICATION ||
        !(cap_rights(slot->cap) & CAP_RIGHT_READ))
        cap_fault(cptr, &fault);
    word_t word = notification_poll(notification_at(cap_object(slot->cap)));
    arch_user_reg_set(&thread->context, REG_CAP, word);
    arch_user_reg_set(&thread->context, REG_MSGINFO, 0);
}

void syscall_handle(void)
{
    struct arch_context *context = &current_thread->context;
    sword_t number = (sword_t)arch_user_reg_get(context, REG_SYSCALL);
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
    case seL4_SysNBWait:
        handle_poll(current_thread);
        break;
    case seL4_SysSetTLSBase:
        if (!ARCH_SET_TLS_BASE_SYSCALL)
            unknown_syscall(number);
        arch_set_tls_base(context, arch_user_reg_get(context, REG_CAP));
        break;
    default:
        if (!debug_syscall(current_thread, number))
            unknown_syscall(number);
        break;
    }
    kernel_exit();
}
