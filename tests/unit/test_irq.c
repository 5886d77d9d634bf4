/* Host tests of IRQControl, IRQHandler and notifications: handing out each interrupt once,
 * the timer reserved, the handler's notification, Ack unmasking, and Signal's badge bits. */
#include "arch/fake_arch.h"
#include "fixture.h"
#include "unit.h"
#include <core/interrupt.h>
#include <object/notification.h>
#include <sel4/invocation_labels.h>
#include <sel4/object_type.h>

enum { IRQ_CONTROL = 3, HANDLER = 10, NTFN = 11, BADGED = 12, READ_ONLY = 13 };

static struct reply get_irq(word_t irq, word_t dest)
{
    word_t args[] = {irq, dest, 64};
    cptr_t caps[] = {SLOT_ROOT};
    return call(IRQ_CONTROL, IRQIssueIRQHandler, args, 3, caps, 1);
}

static void test_get(void)
{
    struct reply r = get_irq(0, HANDLER);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 1 && r.mr[1] == ARCH_MAX_IRQ);
    CHECK_EQ(get_irq(FAKE_TIMER_IRQ, HANDLER).label, seL4_RevokeFirst);
    CHECK_EQ(get_irq(5, SLOT_ROOT).label, seL4_DeleteFirst);
    CHECK_EQ(interrupt_state(5), IRQ_INACTIVE);
    CHECK_EQ(get_irq(5, HANDLER).label, seL4_NoError);
    CHECK_EQ(cap_type(root[HANDLER].cap), CAP_IRQ_HANDLER);
    CHECK_EQ(get_irq(5, HANDLER + 20).label, seL4_RevokeFirst);
    word_t short_args[] = {5, 0};
    cptr_t caps[] = {SLOT_ROOT};
    CHECK_EQ(call(IRQ_CONTROL, IRQIssueIRQHandler, short_args, 2, caps, 1).label,
             seL4_TruncatedMessage);
}

static void test_handler(void)
{
    cptr_t not_ntfn[] = {SLOT_ROOT}, ntfn[] = {BADGED}, read_only[] = {READ_ONLY};
    struct reply r = call(HANDLER, IRQSetIRQHandler, 0, 0, not_ntfn, 1);
    CHECK(r.label == seL4_InvalidCapability && r.mr[0] == 0);
    CHECK_EQ(call(HANDLER, IRQSetIRQHandler, 0, 0, read_only, 1).label,
             seL4_InvalidCapability);
    CHECK_EQ(call(HANDLER, IRQSetIRQHandler, 0, 0, ntfn, 1).label, seL4_NoError);
    CHECK_EQ(cap_badge(interrupt_slot(5)->cap), 0x30);
    fake_irq_masked[5] = true;
    CHECK_EQ(call(HANDLER, IRQAckIRQ, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(!fake_irq_masked[5]);
    CHECK_EQ(call(HANDLER, IRQClearIRQHandler, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(cap_is_null(interrupt_slot(5)->cap));
    CHECK_EQ(call(HANDLER, IRQSetIRQHandler, 0, 0, ntfn, 1).label, seL4_NoError);
    /* Deleting the handler masks the interrupt, drops its notification, frees the number. */
    word_t del[] = {HANDLER, 64};
    cptr_t root_cap[] = {SLOT_ROOT};
    CHECK_EQ(call(SLOT_ROOT, CNodeDelete, del, 2, root_cap, 1).label, seL4_NoError);
    CHECK(fake_irq_masked[5] && cap_is_null(interrupt_slot(5)->cap));
    CHECK_EQ(interrupt_state(5), IRQ_INACTIVE);
    CHECK_EQ(get_irq(5, HANDLER).label, seL4_NoError);
}

static void test_signal(void)
{
    struct notification *n = notification_at(cap_object(root[NTFN].cap));
    CHECK_EQ(call(BADGED, 0, 0, 0, 0, 0).label, seL4_NoError);
    word_t mint[] = {14, 64, NTFN, 64, CAP_RIGHTS_ALL, 0x03};
    cptr_t caps[] = {SLOT_ROOT};
    CHECK_EQ(call(SLOT_ROOT, CNodeMint, mint, 6, caps, 1).label, seL4_NoError);
    CHECK_EQ(call(14, 0, 0, 0, 0, 0).label, seL4_NoError);
    CHECK_EQ(notification_poll(n), 0x33);
    CHECK_EQ(notification_poll(n), 0);
    /* Without the write right a Call is InvalidCapability(0), not a fault, and a Send (a
     * Signal) does nothing (ABI §11 row 1). */
    CHECK_EQ(call(BADGED, 0, 0, 0, 0, 0).label, seL4_NoError);
    struct reply r = call(READ_ONLY, 0, 0, 0, 0, 0);
    CHECK_EQ(r.label, seL4_InvalidCapability);
    CHECK_EQ(r.length, 1);
    CHECK_EQ(r.mr[0], 0);
    struct invocation inv;
    struct lookup_fault fault;
    cptr_t failed;
    arch_user_reg_set(&thread->context, REG_CAP, READ_ONLY);
    arch_user_reg_set(&thread->context, REG_MSGINFO, 0);
    CHECK(invocation_read(&inv, thread, &fault, &failed));
    invocation_perform(&inv, false);
    CHECK_EQ(notification_poll(n), 0x30);
}

/* Whether an interrupt may still wake someone (else an idle kernel with nothing to release
 * stops): a handled number with a notification may, until it is signalled and waits for its
 * Ack; a number handed out again starts afresh, not waiting. */
static void test_may_signal(void)
{
    cptr_t ntfn[] = {BADGED}, root_cap[] = {SLOT_ROOT};
    word_t del[] = {HANDLER, 64};
    CHECK(!interrupt_may_signal()); /* test_handler's last Get: no notification yet */
    CHECK_EQ(call(HANDLER, IRQSetIRQHandler, 0, 0, ntfn, 1).label, seL4_NoError);
    CHECK(interrupt_may_signal());
    interrupt_await_ack(5);
    CHECK(!interrupt_may_signal());
    CHECK_EQ(call(HANDLER, IRQAckIRQ, 0, 0, 0, 0).label, seL4_NoError);
    CHECK(interrupt_may_signal());
    interrupt_await_ack(5);
    CHECK_EQ(call(SLOT_ROOT, CNodeDelete, del, 2, root_cap, 1).label, seL4_NoError);
    CHECK(!interrupt_may_signal());
    CHECK_EQ(get_irq(5, HANDLER).label, seL4_NoError);
    CHECK(!interrupt_may_signal()); /* no notification yet */
    CHECK_EQ(call(HANDLER, IRQSetIRQHandler, 0, 0, ntfn, 1).label, seL4_NoError);
    CHECK(interrupt_may_signal());
}

/* A handler issued by IRQControl is the parent of its copies (seL4's isMDBParentOf: it is
 * revocable, a copy of it is not, so a copy of a copy is no child of it): revoking a copy
 * deletes nothing, revoking the handler deletes every copy and leaves it and its interrupt
 * as they were. */
static void test_revoke_handler_deletes_copies(void)
{
    enum { COPY = 40, COPY_OF_COPY = 41 };
    cptr_t root_cap[] = {SLOT_ROOT};
    word_t copy[] = {COPY, 64, HANDLER, 64, CAP_RIGHTS_ALL};
    CHECK_EQ(call(SLOT_ROOT, CNodeCopy, copy, 5, root_cap, 1).label, seL4_NoError);
    word_t copy_again[] = {COPY_OF_COPY, 64, COPY, 64, CAP_RIGHTS_ALL};
    CHECK_EQ(call(SLOT_ROOT, CNodeCopy, copy_again, 5, root_cap, 1).label, seL4_NoError);
    word_t revoke_copy[] = {COPY, 64};
    CHECK_EQ(call(SLOT_ROOT, CNodeRevoke, revoke_copy, 2, root_cap, 1).label, seL4_NoError);
    CHECK_EQ(cap_type(root[COPY_OF_COPY].cap), CAP_IRQ_HANDLER);
    word_t revoke[] = {HANDLER, 64};
    CHECK_EQ(call(SLOT_ROOT, CNodeRevoke, revoke, 2, root_cap, 1).label, seL4_NoError);
    CHECK(cap_is_null(root[COPY].cap) && cap_is_null(root[COPY_OF_COPY].cap));
    CHECK_EQ(cap_type(root[HANDLER].cap), CAP_IRQ_HANDLER);
    CHECK_EQ(interrupt_state(5), IRQ_SIGNAL);
}

int main(void)
{
    setup();
    interrupt_init();
    cspace_insert_child(NULL, &root[IRQ_CONTROL], cap_irq_control(), true);
    CHECK_EQ(retype(seL4_NotificationObject, 0, NTFN, 1).label, seL4_NoError);
    word_t mint[] = {BADGED, 64, NTFN, 64, CAP_RIGHTS_ALL, 0x30};
    word_t copy[] = {READ_ONLY, 64, NTFN, 64, CAP_RIGHT_READ};
    cptr_t caps[] = {SLOT_ROOT};
    CHECK_EQ(call(SLOT_ROOT, CNodeMint, mint, 6, caps, 1).label, seL4_NoError);
    CHECK_EQ(call(SLOT_ROOT, CNodeCopy, copy, 5, caps, 1).label, seL4_NoError);
    test_get();
    test_handler();
    test_signal();
    test_may_signal();
    test_revoke_handler_deletes_copies();
    teardown();
    return unit_report("test_irq");
}
