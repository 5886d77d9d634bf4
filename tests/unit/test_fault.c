/* Host tests of fault messages and replies (api/fault.c, sel4-abi.md §7): the stand-in
 * arch's UnknownSyscall message carries two context words and then the next IP, as aarch64's
 * carries it in its "LR" word; a reply writes back the context words and never the next IP
 * (the thread restarts at FaultIP). */
#include "arch/fake_arch.h"
#include "fixture.h"
#include "unit.h"
#include <api/fault.h>
#include <object/tcb.h>
#include <sel4/object_type.h>

enum { TCB_A = 10 };
#define SYSCALL_NUMBER ((word_t)-42)

static struct tcb *faulted(void)
{
    struct tcb *tcb = tcb_at(cap_object(root[TCB_A].cap));
    arch_user_context_set(&tcb->context, 0, 0x100);
    arch_user_context_set(&tcb->context, 1, 0x200);
    arch_user_reg_set(&tcb->context, REG_FAULT_IP, 0x4000);
    arch_user_reg_set(&tcb->context, REG_NEXT_IP, 0x4004);
    tcb->fault = (struct fault){FAULT_UNKNOWN_SYSCALL, {SYSCALL_NUMBER, 0, 0},
                                lookup_fault_none()};
    return tcb;
}

static void test_unknown_syscall_message_has_the_next_ip(void)
{
    word_t words[8] = {0};
    CHECK_EQ(fault_message(faulted(), words), 4);
    CHECK_EQ(words[0], 0x100);
    CHECK_EQ(words[1], 0x200);
    CHECK_EQ(words[2], 0x4004);
    CHECK_EQ(words[3], SYSCALL_NUMBER);
}

static void test_reply_leaves_the_next_ip(void)
{
    struct tcb *tcb = faulted();
    arch_user_reg_set(&thread->context, REG_MSGINFO, 3); /* label 0, three words */
    arch_user_reg_set(&thread->context, REG_MR0, 0x111);
    arch_user_reg_set(&thread->context, REG_MR1, 0x222);
    arch_user_reg_set(&thread->context, REG_MR2, 0x333);
    fault_reply(tcb, thread);
    CHECK_EQ(arch_user_context_get(&tcb->context, 0), 0x111);
    CHECK_EQ(arch_user_context_get(&tcb->context, 1), 0x222);
    CHECK_EQ(arch_user_reg_get(&tcb->context, REG_NEXT_IP), 0x4004);
    CHECK_EQ(tcb->fault.type, FAULT_NULL);
    CHECK_EQ(tcb->state, THREAD_RESTART);
}

int main(void)
{
    setup();
    CHECK_EQ(retype(seL4_TCBObject, 0, TCB_A, 1).label, seL4_NoError);
    test_unknown_syscall_message_has_the_next_ip();
    test_reply_leaves_the_next_ip();
    teardown();
    return unit_report("test_fault");
}
