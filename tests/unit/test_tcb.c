/* Host tests of TCB, SchedContext and SchedControl invocations and of the scheduler's ready
 * queues: priorities against the MCP, binding, round robin by budget, registers. */
#include "arch/fake_arch.h"
#include "fixture.h"
#include "unit.h"
#include <core/scheduler.h>
#include <object/frame.h>
#include <object/notification.h>
#include <object/sched_context.h>
#include <sel4/invocation_labels.h>
#include <sel4/object_type.h>

enum { SELF = 3, SCHED_CONTROL = 4, TCB_A = 10, TCB_B = 11, SC_A = 12, SC_B = 13, EMPTY = 99 };
enum { TCB_C = 40, TCB_D = 41, SC_C = 42, SC_D = 43 };

static struct tcb *tcb_in(cptr_t slot)
{
    return tcb_at(cap_object(root[slot].cap));
}

static struct reply tcb_call(cptr_t target, word_t label, const word_t *args, word_t n,
                             const cptr_t *caps, word_t ncaps)
{
    return call(target, label, args, n, caps, ncaps);
}

static struct reply configure_sc(cptr_t sc, word_t budget, word_t period, word_t extra)
{
    word_t args[] = {budget, period, extra, 7, 0};
    cptr_t caps[] = {sc};
    return call(SCHED_CONTROL, SchedControlConfigureFlags, args, 5, caps, 1);
}

static struct reply set_sched_params(cptr_t target, word_t mcp, word_t prio, cptr_t sc)
{
    word_t args[] = {mcp, prio};
    cptr_t caps[] = {SELF, sc, EMPTY};
    return tcb_call(target, TCBSetSchedParams, args, 2, caps, 3);
}

static void setup_threads(void)
{
    setup();
    thread->mcp = 255;
    cspace_insert_child(NULL, &root[SELF], cap_thread((paddr_t)thread), true);
    cspace_insert_child(NULL, &root[SCHED_CONTROL], cap_sched_control(0), true);
    CHECK_EQ(retype(seL4_TCBObject, 0, TCB_A, 2).label, seL4_NoError);
    CHECK_EQ(retype(seL4_SchedContextObject, 8, SC_A, 2).label, seL4_NoError);
}

static void test_sched_control_checks(void)
{
    struct reply r = configure_sc(SC_A, 10, 1000, 0);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 20 && r.mr[1] == 3600000000ul);
    r = configure_sc(SC_A, 2000, 1000, 0);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 20 && r.mr[1] == 1000);
    r = configure_sc(SC_A, 1000, 1000, 9);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 0 && r.mr[1] == 8);
    word_t args[] = {1000, 1000, 0, 0, 0};
    cptr_t not_sc[] = {TCB_A};
    CHECK_EQ(call(SCHED_CONTROL, SchedControlConfigureFlags, args, 5, not_sc, 1).label,
             seL4_InvalidCapability);
    CHECK_EQ(configure_sc(SC_A, 1000, 1000, 8).label, seL4_NoError);
    CHECK_EQ(configure_sc(SC_B, 1000, 1000, 0).label, seL4_NoError);
    CHECK_EQ(sched_context_at(cap_object(root[SC_A].cap))->badge, 7);
}

static void test_priorities_against_mcp(void)
{
    word_t prio[] = {300};
    cptr_t self[] = {SELF};
    struct reply r = tcb_call(TCB_A, TCBSetPriority, prio, 1, self, 1);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 0 && r.mr[1] == 255);
    prio[0] = 100;
    CHECK_EQ(tcb_call(TCB_A, TCBSetPriority, prio, 1, self, 1).label, seL4_NoError);
    CHECK_EQ(tcb_in(TCB_A)->priority, 100);
    /* TCB_A's MCP is 0, so as an authority it allows nothing above 0. */
    cptr_t weak[] = {TCB_A};
    r = tcb_call(TCB_B, TCBSetPriority, prio, 1, weak, 1);
    CHECK(r.label == seL4_RangeError && r.mr[1] == 0);
    cptr_t not_tcb[] = {SC_A};
    CHECK_EQ(tcb_call(TCB_B, TCBSetMCPriority, prio, 1, not_tcb, 1).label,
             seL4_InvalidCapability);
}

static void test_bind_and_run(void)
{
    CHECK_EQ(set_sched_params(TCB_A, 200, 100, SC_A).label, seL4_NoError);
    CHECK_EQ(set_sched_params(TCB_B, 200, 100, SC_A).label, seL4_IllegalOperation);
    CHECK_EQ(set_sched_params(TCB_B, 200, 100, SC_B).label, seL4_NoError);
    CHECK(scheduler_pick() == NULL); /* bound, but never started */
    CHECK_EQ(tcb_call(TCB_A, TCBResume, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(scheduler_choose() == tcb_in(TCB_A));
    /* Woken at the running thread's priority: behind it (§12.6 r4). */
    CHECK_EQ(tcb_call(TCB_B, TCBResume, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(scheduler_choose() == tcb_in(TCB_A));
    CHECK_EQ(fake_timer_deadline, fake_time_now + 1000); /* the end of A's round-robin slice */
    /* A's budget (1 ms, round robin) runs out: B's turn, then A's again. */
    fake_time_now += 980; /* MIN_BUDGET (20 us) left: A runs on */
    scheduler_interrupt_entry();
    CHECK(scheduler_pick() == tcb_in(TCB_A));
    fake_time_now += 1; /* less than MIN_BUDGET: the slice ends, A to the tail */
    scheduler_interrupt_entry();
    CHECK(scheduler_pick() == tcb_in(TCB_B));
    CHECK(scheduler_choose() == tcb_in(TCB_B));
    scheduler_yield(tcb_in(TCB_B));
    CHECK(scheduler_choose() == tcb_in(TCB_A));
    word_t prio[] = {150};
    cptr_t self[] = {SELF};
    CHECK_EQ(tcb_call(TCB_B, TCBSetPriority, prio, 1, self, 1).label, seL4_NoError);
    CHECK(scheduler_pick() == tcb_in(TCB_B));
    CHECK_EQ(tcb_call(TCB_B, TCBSuspend, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(scheduler_pick() == tcb_in(TCB_A));
    struct reply r = call(SC_A, SchedContextConsumed, 0, 0, 0, 0);
    CHECK(r.label == seL4_NoError && r.length == 1 && r.mr[0] == 981);
    CHECK_EQ(call(SC_A, SchedContextConsumed, 0, 0, 0, 0).mr[0], 0);
    cptr_t tcb_b[] = {TCB_B};
    CHECK_EQ(call(SC_A, SchedContextUnbindObject, 0, 0, tcb_b, 1).label, seL4_IllegalOperation);
    CHECK_EQ(call(SC_A, SchedContextUnbind, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(scheduler_pick() == NULL);
    /* A null context unbinds another thread's, never the caller's own (seL4 refuses). */
    CHECK_EQ(set_sched_params(SELF, 255, 255, EMPTY).label, seL4_IllegalOperation);
    CHECK_EQ(set_sched_params(TCB_B, 200, 100, EMPTY).label, seL4_NoError);
    CHECK(tcb_in(TCB_B)->sc == NULL);
}

/* A thread with a YieldTo pending is refused another (ABI §12.5 SC_YieldTo). A yielder runs
 * before its reply only through a BENCHMARK build's hardware-limit switch (kernel_exit
 * completes the YieldTo first), so the pending one is set here by hand. */
static void test_yield_to_refused_while_one_is_pending(void)
{
    CHECK_EQ(set_sched_params(TCB_B, 200, 100, SC_B).label, seL4_NoError);
    thread->yield_to = sched_context_at(cap_object(root[SC_A].cap));
    CHECK_EQ(call(SC_B, SchedContextYieldTo, 0, 0, 0, 0).label, seL4_IllegalOperation);
    thread->yield_to = NULL;
    struct reply r = call(SC_B, SchedContextYieldTo, 0, 0, 0, 0); /* B is suspended */
    CHECK(r.label == seL4_NoError && r.length == 1);
    CHECK_EQ(set_sched_params(TCB_B, 200, 100, EMPTY).label, seL4_NoError);
}

static void test_registers(void)
{
    word_t write[] = {0, 3, 0x1000, 0x2000, 0x3000};
    CHECK_EQ(tcb_call(TCB_A, TCBWriteRegisters, write, 5, 0, 0).label, seL4_NoError);
    word_t read[] = {0, 3};
    struct reply r = tcb_call(TCB_A, TCBReadRegisters, read, 2, 0, 0);
    CHECK(r.label == seL4_NoError && r.length == 3);
    CHECK(r.mr[0] == 0x1000 && r.mr[1] == 0x2000 && r.mr[2] == 0x3000);
    /* The reply is `count` words and nothing more: the caller's MR3 (a fourth message word
     * the decoder ignores) and, for a four-word reply, its buffer's msg[4] keep their values. */
    word_t write_four[] = {0, 4, 0x1000, 0x2000, 0x3000, 0x4000};
    CHECK_EQ(tcb_call(TCB_A, TCBWriteRegisters, write_four, 6, 0, 0).label, seL4_NoError);
    word_t read_three[] = {0, 3, 0, 0x5a5a};
    r = tcb_call(TCB_A, TCBReadRegisters, read_three, 4, 0, 0);
    CHECK(r.label == seL4_NoError && r.length == 3 && r.mr[2] == 0x3000 && r.mr[3] == 0x5a5a);
    buffer->msg[4] = 0x6b6b;
    word_t read_four[] = {0, 4};
    r = tcb_call(TCB_A, TCBReadRegisters, read_four, 2, 0, 0);
    CHECK(r.label == seL4_NoError && r.length == 4 && r.mr[3] == 0x4000 && r.mr[4] == 0x6b6b);
    read[1] = 0;
    r = tcb_call(TCB_A, TCBReadRegisters, read, 2, 0, 0);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 1 && r.mr[1] == ARCH_USER_CONTEXT_WORDS);
    read[1] = 1;
    CHECK_EQ(tcb_call(SELF, TCBReadRegisters, read, 2, 0, 0).label, seL4_IllegalOperation);
    word_t short_write[] = {0, 4, 1, 2};
    CHECK_EQ(tcb_call(TCB_A, TCBWriteRegisters, short_write, 4, 0, 0).label,
             seL4_TruncatedMessage);
    word_t copy[] = {4 | 8};
    cptr_t from_a[] = {TCB_A};
    CHECK_EQ(tcb_call(TCB_B, TCBCopyRegisters, copy, 1, from_a, 1).label, seL4_NoError);
    CHECK_EQ(arch_user_context_get(&tcb_in(TCB_B)->context, 2), 0x3000);
    word_t tls[] = {0xabc};
    CHECK_EQ(tcb_call(TCB_A, TCBSetTLSBase, tls, 1, 0, 0).label, seL4_NoError);
    CHECK_EQ(tcb_in(TCB_A)->context.tls_base, 0xabc);
    word_t flags[] = {0, 3};
    r = tcb_call(TCB_A, TCBSetFlags, flags, 2, 0, 0);
    CHECK(r.label == seL4_NoError && r.length == 1 && r.mr[0] == 1);
}

static void test_configure_and_buffer(void)
{
    cspace_insert_child(NULL, &root[20], cap_make(FAKE_CAP_VSPACE, 0x7000, 0), true);
    cspace_insert_child(NULL, &root[21], cap_frame((paddr_t)buffer, FRAME_4K, VM_RIGHTS_READ_WRITE, false), true);
    word_t args[] = {0, 0, 0x10400};
    cptr_t caps[] = {SLOT_ROOT, 20, 21};
    CHECK_EQ(tcb_call(TCB_A, TCBConfigure, args, 3, caps, 3).label, seL4_NoError);
    CHECK(tcb_in(TCB_A)->vspace_root == 0x7000 && tcb_in(TCB_A)->ipc_buffer == 0x10400);
    CHECK(cap_type(tcb_in(TCB_A)->slots[TCB_CTABLE].cap) == CAP_CNODE);
    args[2] = 0x10404;
    CHECK_EQ(tcb_call(TCB_A, TCBConfigure, args, 3, caps, 3).label, seL4_AlignmentError);
    cptr_t bad_vspace[] = {SLOT_ROOT, SLOT_ROOT, 21};
    args[2] = 0x10400;
    CHECK_EQ(tcb_call(TCB_A, TCBConfigure, args, 3, bad_vspace, 3).label,
             seL4_IllegalOperation);
    word_t buffer_args[] = {0x20000};
    cptr_t not_frame[] = {SC_A};
    CHECK_EQ(tcb_call(TCB_A, TCBSetIPCBuffer, buffer_args, 1, not_frame, 1).label,
             seL4_IllegalOperation);
    buffer_args[0] = 0;
    CHECK_EQ(tcb_call(TCB_A, TCBSetIPCBuffer, buffer_args, 1, not_frame, 1).label,
             seL4_NoError);
    CHECK(cap_is_null(tcb_in(TCB_A)->slots[TCB_BUFFER].cap));
}

static void test_bind_notification(void)
{
    CHECK_EQ(retype(seL4_NotificationObject, 0, 30, 1).label, seL4_NoError);
    word_t copy[] = {31, 64, 30, 64, CAP_RIGHT_WRITE};
    cptr_t root_caps[] = {SLOT_ROOT};
    CHECK_EQ(call(SLOT_ROOT, CNodeCopy, copy, 5, root_caps, 1).label, seL4_NoError);
    cptr_t write_only[] = {31}, ntfn[] = {30};
    /* No Read right: IllegalOperation, not InvalidCapability (sel4-abi.md §12.7 r4). */
    CHECK_EQ(tcb_call(TCB_B, TCBBindNotification, 0, 0, write_only, 1).label,
             seL4_IllegalOperation);
    CHECK_EQ(tcb_call(TCB_B, TCBBindNotification, 0, 0, ntfn, 1).label, seL4_NoError);
    CHECK_EQ(tcb_call(TCB_B, TCBBindNotification, 0, 0, ntfn, 1).label, seL4_IllegalOperation);
    CHECK_EQ(tcb_call(TCB_A, TCBBindNotification, 0, 0, ntfn, 1).label, seL4_IllegalOperation);
    CHECK_EQ(tcb_call(TCB_B, TCBUnbindNotification, 0, 0, 0, 0).label, seL4_NoError);
    CHECK_EQ(tcb_call(TCB_B, TCBUnbindNotification, 0, 0, 0, 0).label, seL4_IllegalOperation);
    CHECK_EQ(tcb_call(TCB_A, TCBBindNotification, 0, 0, ntfn, 1).label, seL4_NoError);
    /* Deleting the thread lets go of the notification. */
    word_t del[] = {TCB_A, 64};
    CHECK_EQ(call(SLOT_ROOT, CNodeDelete, del, 2, root_caps, 1).label, seL4_NoError);
    CHECK(notification_at(cap_object(root[30].cap))->bound_tcb == NULL);
}

/* D gives way to C at the same instant, both with a fresh 1 ms budget: C's deadline equals
 * the one armed for D. A switch of scheduling context reprograms the timer all the same (as
 * seL4's ksReprogram): skipped whenever the two deadlines happened to be equal, a path's
 * length depended on the clock's phase (sel4bench's UnknownSyscall round trip on riscv64). */
static void test_context_switch_reprograms_timer(void)
{
    CHECK_EQ(retype(seL4_TCBObject, 0, TCB_C, 2).label, seL4_NoError);
    CHECK_EQ(retype(seL4_SchedContextObject, 8, SC_C, 2).label, seL4_NoError);
    CHECK_EQ(configure_sc(SC_C, 1000, 1000, 0).label, seL4_NoError);
    CHECK_EQ(configure_sc(SC_D, 1000, 1000, 0).label, seL4_NoError);
    CHECK_EQ(set_sched_params(TCB_C, 255, 250, SC_C).label, seL4_NoError);
    CHECK_EQ(set_sched_params(TCB_D, 255, 250, SC_D).label, seL4_NoError);
    CHECK_EQ(tcb_call(TCB_C, TCBResume, 0, 0, 0, 0).label, seL4_NoError);
    CHECK_EQ(tcb_call(TCB_D, TCBResume, 0, 0, 0, 0).label, seL4_NoError);
    /* The last one resumed runs first (seL4's scheduler action puts it at the queue's head). */
    CHECK(scheduler_choose() == tcb_in(TCB_D));
    CHECK_EQ(fake_timer_deadline, fake_time_now + 1000);
    fake_timer_deadline = 0; /* what the timer holds is no longer the kernel's to assume */
    CHECK_EQ(tcb_call(TCB_D, TCBSuspend, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(scheduler_choose() == tcb_in(TCB_C));
    CHECK_EQ(fake_timer_deadline, fake_time_now + 1000);
}

int main(void)
{
    setup_threads();
    test_sched_control_checks();
    test_priorities_against_mcp();
    test_bind_and_run();
    test_yield_to_refused_while_one_is_pending();
    test_registers();
    test_configure_and_buffer();
    test_bind_notification();
    test_context_switch_reprograms_timer();
    teardown();
    return unit_report("test_tcb");
}
