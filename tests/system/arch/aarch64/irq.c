/*
 * aarch64 system tests of interrupts: IRQControl's Arm labels (IssueIRQHandlerTrigger,
 * IssueSGISignal) and their errors, an SGI raised through an SGI signal capability, and a
 * device interrupt end to end: QEMU virt's PL031 RTC (SPI 2 = interrupt 34) signals a
 * notification, level-triggered and then edge-triggered.
 */
#include "arch_tests.h"

#define IRQ_CONTROL seL4_CapIRQControl
#define MAX_IRQ 159
#define TIMER_IRQ 27
#define SPARE_SPI 100 /* a GICv2m MSI line on QEMU virt: nothing raises it here */
#define SGI 5
#define CAP_TYPE_SGI_SIGNAL 27
#define BADGE 0x40
#define WAIT_LIMIT 1000

/* QEMU virt's PL031 (hw/arm/virt.c: VIRT_RTC, irq 2) and its registers (32-bit). */
#define RTC_PADDR 0x09010000ul
#define RTC_IRQ 34
#define RTC_DR 0x00   /* the count, in seconds */
#define RTC_MR 0x04   /* match: the interrupt is raised when the count equals it */
#define RTC_IMSC 0x10 /* interrupt mask: 1 lets it through */
#define RTC_RIS 0x14  /* raw interrupt status */
#define RTC_ICR 0x1c  /* write 1: clear the interrupt */
#define RTC_PERIPH_ID0 0xfe0
#define RTC_VADDR 0x10000000000ul /* 1 TiB: a level-0 entry the boot leaves empty */

static seL4_Error irq_get(seL4_Word irq, seL4_CPtr slot)
{
    return seL4_IRQControl_Get(IRQ_CONTROL, irq, ROOT, slot, ROOT_DEPTH);
}

static seL4_Error irq_get_trigger(seL4_Word irq, seL4_Word edge, seL4_CPtr slot)
{
    return seL4_IRQControl_GetTrigger(IRQ_CONTROL, irq, edge, ROOT, slot, ROOT_DEPTH);
}

static seL4_Error issue_sgi(seL4_Word irq, seL4_Word target, seL4_CPtr slot)
{
    return seL4_IRQControl_IssueSGISignal(IRQ_CONTROL, irq, target, ROOT, slot, ROOT_DEPTH);
}

/* A notification whose capability carries BADGE; the handler signals it, then Ack unmasks. */
static void handler_connect(struct env *env, seL4_CPtr handler, seL4_CPtr ntfn)
{
    CHECK(env, seL4_IRQHandler_SetNotification(handler, ntfn) == seL4_NoError);
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
}

static seL4_CPtr badged_notification(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1), badged = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights, BADGE) == seL4_NoError);
    return badged;
}

/* Poll, yielding in between, until the notification has a badge; 0 if none came. */
static seL4_Word wait_for_badge(seL4_CPtr ntfn, int limit)
{
    seL4_Word badge = 0;
    for (int i = 0; i < limit && !badge; i++) {
        seL4_Poll(ntfn, &badge);
        if (!badge)
            seL4_Yield();
    }
    return badge;
}

static seL4_Error irq_invoke_raw(seL4_CPtr cap, seL4_Word label, seL4_Word length, seL4_Word caps)
{
    seL4_SetCap(0, ROOT);
    seL4_Word words[4] = {SPARE_SPI, 0, 0, ROOT_DEPTH};
    return seL4_InvokeWords(cap, label, words, length, caps);
}

void test_irq_control_trigger(struct env *env)
{
    seL4_CPtr slot = env_slot(env);
    CHECK(env, irq_get_trigger(MAX_IRQ + 1, 0, slot) == seL4_RangeError);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, MAX_IRQ);
    CHECK(env, irq_get_trigger(MAX_IRQ, 0, slot) == seL4_NoError); /* the last line */
    CHECK(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, irq_get_trigger(TIMER_IRQ, 0, slot) == seL4_RevokeFirst);
    CHECK(env, irq_get_trigger(SPARE_SPI, 1, seL4_CapInitThreadTCB) == seL4_DeleteFirst);
    CHECK(env, irq_invoke_raw(IRQ_CONTROL, ARMIRQIssueIRQHandlerTrigger, 3, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, irq_invoke_raw(IRQ_CONTROL, ARMIRQIssueIRQHandlerTrigger, 4, 0) ==
                   seL4_TruncatedMessage);
    CHECK(env, irq_invoke_raw(IRQ_CONTROL, ARMPageMap, 4, 1) == seL4_IllegalOperation);
    CHECK(env, irq_get_trigger(SPARE_SPI, 1, slot) == seL4_NoError);
    CHECK(env, irq_get_trigger(SPARE_SPI, 0, env_slot(env)) == seL4_RevokeFirst);
    CHECK(env, irq_get(SPARE_SPI, env_slot(env)) == seL4_RevokeFirst);
    /* With its handler capability gone the interrupt can be taken again. */
    CHECK(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, irq_get_trigger(SPARE_SPI, 0, slot) == seL4_NoError);
}

/* An SGI to this CPU (interface 0) arrives like any interrupt, through its handler. */
void test_irq_sgi_signal(struct env *env)
{
    seL4_CPtr sgi = env_slot(env), handler = env_slot(env), ntfn = badged_notification(env);
    CHECK(env, issue_sgi(16, 0, sgi) == seL4_RangeError);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, 15);
    CHECK(env, issue_sgi(SGI, 8, sgi) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    CHECK(env, issue_sgi(SGI, 0, seL4_CapInitThreadTCB) == seL4_DeleteFirst);
    CHECK(env, irq_invoke_raw(IRQ_CONTROL, ARMIRQIssueSGISignal, 3, 1) == seL4_TruncatedMessage);
    CHECK(env, irq_invoke_raw(IRQ_CONTROL, ARMIRQIssueSGISignal, 4, 0) == seL4_TruncatedMessage);
    CHECK(env, issue_sgi(SGI, 0, sgi) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(sgi) == CAP_TYPE_SGI_SIGNAL);
    CHECK(env, irq_get(SGI, handler) == seL4_NoError);
    handler_connect(env, handler, ntfn);
    seL4_Word badge = 1;
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0);
    seL4_Signal(sgi);
    CHECK(env, wait_for_badge(ntfn, WAIT_LIMIT) == BADGE);
    /* A copy raises it too, whatever the label of the call. */
    seL4_CPtr copy = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, ROOT, sgi, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
    CHECK(env, seL4_InvokeWords(copy, ARMPageMap, 0, 0, 0) == seL4_NoError);
    CHECK(env, wait_for_badge(ntfn, WAIT_LIMIT) == BADGE);
}

/* The SGI signal capability IRQControl issues is the original (seL4's isCapRevocable): its
 * copies are its children, so revoking it deletes them; a copy is not, so revoking a copy
 * leaves the other copies alone. */
void test_irq_sgi_signal_revoke(struct env *env)
{
    seL4_CPtr sgi = env_slot(env), copy = env_slot(env), copy_of_copy = env_slot(env);
    CHECK(env, issue_sgi(SGI, 0, sgi) == seL4_NoError);
    CHECK(env, seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, ROOT, sgi, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_CNode_Copy(ROOT, copy_of_copy, ROOT_DEPTH, ROOT, copy, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, copy, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(copy) == CAP_TYPE_SGI_SIGNAL);
    CHECK(env, seL4_DebugCapIdentify(copy_of_copy) == CAP_TYPE_SGI_SIGNAL);
    CHECK(env, seL4_CNode_Revoke(ROOT, sgi, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(sgi) == CAP_TYPE_SGI_SIGNAL);
    CHECK(env, seL4_DebugCapIdentify(copy) == 0);
    CHECK(env, seL4_DebugCapIdentify(copy_of_copy) == 0);
    CHECK(env, seL4_CNode_Delete(ROOT, sgi, ROOT_DEPTH) == seL4_NoError);
}

/* The device untyped that covers `paddr`, and its base and size. */
static seL4_CPtr device_untyped_at(struct env *env, seL4_Word paddr, seL4_Word *base,
                                   seL4_Word *bits)
{
    seL4_BootInfo *bi = env->bootinfo;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (desc->isDevice && paddr - desc->paddr < (1ul << desc->sizeBits)) {
            *base = desc->paddr;
            *bits = desc->sizeBits;
            return slot;
        }
    }
    return 0;
}

/* The 4 KiB device frame at `paddr`: untypeds of decreasing size fill the untyped up to it
 * (retype hands out memory in order), then the frame comes next. */
static seL4_CPtr device_frame_at(struct env *env, seL4_CPtr untyped, seL4_Word base,
                                 seL4_Word bits, seL4_Word paddr)
{
    seL4_Word offset = paddr - base;
    for (seL4_Word size = bits; size-- > seL4_PageBits;) {
        if (offset & (1ul << size))
            CHECK(env, seL4_Untyped_Retype(untyped, seL4_UntypedObject, size, ROOT, 0, 0,
                                           env_slot(env), 1) == seL4_NoError);
    }
    seL4_CPtr frame = env_slot(env);
    CHECK(env, seL4_Untyped_Retype(untyped, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, frame,
                                   1) == seL4_NoError);
    seL4_ARM_Page_GetAddress_t address = seL4_ARM_Page_GetAddress(frame);
    CHECK(env, address.error == seL4_NoError && address.paddr == paddr);
    return frame;
}

/* The RTC's registers mapped uncached at RTC_VADDR, through tables of this test. */
static volatile uint32_t *rtc_map(struct env *env, seL4_CPtr frame)
{
    for (int level = 1; level <= 3; level++) {
        seL4_CPtr table = env_retype(env, seL4_ARM_PageTableObject, 0, 1);
        CHECK(env, seL4_ARM_PageTable_Map(table, seL4_CapInitThreadVSpace, RTC_VADDR,
                                          seL4_ARM_Default_VMAttributes) == seL4_NoError);
    }
    CHECK(env, seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, RTC_VADDR, seL4_ReadWrite,
                                 seL4_ARM_ExecuteNever) == seL4_NoError);
    return (volatile uint32_t *)RTC_VADDR;
}

/* Raise the match interrupt now: a match register equal to the count fires at once (the
 * count is QEMU's RTC clock, host time by default even under icount, so "soon" could be a
 * whole second). A second boundary between reading and writing misses; then try again. */
static void rtc_raise(volatile uint32_t *rtc)
{
    for (int i = 0; i < 3 && !(rtc[RTC_RIS / 4] & 1); i++)
        rtc[RTC_MR / 4] = rtc[RTC_DR / 4];
}

static void rtc_take_interrupt(struct env *env, seL4_CPtr handler, seL4_CPtr ntfn,
                               seL4_Word edge)
{
    CHECK(env, irq_get_trigger(RTC_IRQ, edge, handler) == seL4_NoError);
    handler_connect(env, handler, ntfn);
}

/* Level: the handled interrupt stays masked until Ack, and comes again after Ack while the
 * device still asserts it. Edge: Ack alone brings nothing back. */
void test_irq_rtc_device(struct env *env)
{
    seL4_Word base, bits;
    seL4_CPtr untyped = device_untyped_at(env, RTC_PADDR, &base, &bits);
    CHECK(env, untyped != 0);
    if (!untyped)
        return;
    volatile uint32_t *rtc = rtc_map(env, device_frame_at(env, untyped, base, bits, RTC_PADDR));
    CHECK(env, rtc[RTC_PERIPH_ID0 / 4] == 0x31 && rtc[RTC_PERIPH_ID0 / 4 + 1] == 0x10);
    seL4_CPtr handler = env_slot(env), ntfn = badged_notification(env);
    rtc_take_interrupt(env, handler, ntfn, 0);
    rtc[RTC_IMSC / 4] = 1;
    rtc_raise(rtc);
    CHECK(env, rtc[RTC_RIS / 4] & 1);
    CHECK(env, wait_for_badge(ntfn, WAIT_LIMIT) == BADGE);
    CHECK(env, wait_for_badge(ntfn, 10) == 0);
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
    CHECK(env, wait_for_badge(ntfn, WAIT_LIMIT) == BADGE);
    rtc[RTC_ICR / 4] = 1;
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
    CHECK(env, wait_for_badge(ntfn, 10) == 0);

    CHECK(env, seL4_CNode_Delete(ROOT, handler, ROOT_DEPTH) == seL4_NoError);
    rtc_take_interrupt(env, handler, ntfn, 1);
    rtc_raise(rtc);
    CHECK(env, wait_for_badge(ntfn, WAIT_LIMIT) == BADGE);
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
    CHECK(env, wait_for_badge(ntfn, 10) == 0);
    rtc[RTC_ICR / 4] = 1;
    rtc[RTC_IMSC / 4] = 0;
    CHECK(env, seL4_CNode_Delete(ROOT, handler, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, untyped, ROOT_DEPTH) == seL4_NoError);
}
