/*
 * System tests of interrupts with an I/O APIC: the generic IRQControl Get is refused; GetIOAPIC
 * and GetMSI check their arguments in seL4's order; and a real interrupt, the CMOS RTC's
 * periodic one (ISA IRQ 8, I/O APIC pin 8 on q35), reaches a notification through its handler,
 * stays masked until Ack and comes again after it.
 */
#include "x86_tests.h"

#define USER_VECTORS 108 /* GetIOAPIC/GetMSI vectors 0-107: IRQs 16-123 */
#define IOAPIC_PINS 24
#define RTC_PIN 8
#define RTC_VECTOR 5
#define RTC_BADGE 0x80
#define RTC_REGISTER_A 0x0a
#define RTC_REGISTER_B 0x0b
#define RTC_REGISTER_C 0x0c
#define RTC_A_1024_HZ 0x26 /* 32.768 kHz time base, periodic rate 6 */
#define RTC_B_PERIODIC 0x40
#define RTC_C_PERIODIC 0x40
#define POLL_LIMIT 1000000

static seL4_Error get_ioapic(seL4_CPtr slot, seL4_Word pin, seL4_Word level,
                             seL4_Word polarity, seL4_Word vector)
{
    return seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, ROOT, slot, ROOT_DEPTH, 0, pin, level,
                                     polarity, vector);
}

static seL4_Error get_msi(seL4_CPtr slot, seL4_Word bus, seL4_Word dev, seL4_Word func,
                          seL4_Word vector)
{
    return seL4_IRQControl_GetMSI(seL4_CapIRQControl, ROOT, slot, ROOT_DEPTH, bus, dev, func,
                                  0, vector);
}

static void check_range(struct env *env, seL4_Error error, seL4_Word min, seL4_Word max)
{
    CHECK(env, error == seL4_RangeError);
    CHECK_MR(env, 0, min);
    CHECK_MR(env, 1, max);
}

void test_irq_control_errors(struct env *env)
{
    seL4_CPtr slot = env_slot(env), other = env_slot(env), busy = seL4_CapInitThreadTCB;
    CHECK(env, seL4_IRQControl_Get(seL4_CapIRQControl, RTC_PIN, ROOT, slot, ROOT_DEPTH) ==
                   seL4_IllegalOperation);
    seL4_Word words[] = {slot, ROOT_DEPTH, 0, RTC_PIN, 0, 0, 0};
    seL4_SetCap(0, ROOT);
    CHECK(env, seL4_InvokeWords(seL4_CapIRQControl, X86IRQIssueIRQHandlerIOAPIC, words, 6, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(seL4_CapIRQControl, X86IRQIssueIRQHandlerMSI, words, 7, 0) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(seL4_CapIRQControl, X86IOPortControlIssue, words, 7, 1) ==
                   seL4_IllegalOperation);
    /* The vector, then the slot, then the I/O APIC's or the PCI function's arguments. */
    check_range(env, get_ioapic(busy, IOAPIC_PINS, 0, 0, USER_VECTORS), 0, USER_VECTORS - 1);
    CHECK(env, get_ioapic(busy, IOAPIC_PINS, 0, 0, 0) == seL4_DeleteFirst);
    CHECK(env, seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, ROOT, slot, 0, 0, RTC_PIN, 0, 0,
                                         0) == seL4_RangeError);
    check_range(env, seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, ROOT, slot, ROOT_DEPTH, 1,
                                               RTC_PIN, 0, 0, 0), 0, 0);
    check_range(env, get_ioapic(slot, IOAPIC_PINS, 0, 0, 0), 0, IOAPIC_PINS - 1);
    check_range(env, get_ioapic(slot, RTC_PIN, 2, 0, 0), 0, 1);
    check_range(env, get_ioapic(slot, RTC_PIN, 0, 2, 0), 0, 1);
    check_range(env, get_msi(slot, 256, 0, 0, 0), 0, 255);
    check_range(env, get_msi(slot, 0, 32, 0, 0), 0, 31);
    check_range(env, get_msi(slot, 0, 0, 8, 0), 0, 7);
    /* The largest of each is accepted (pin 23 is idle: level-triggered, active low). */
    CHECK(env, get_ioapic(slot, IOAPIC_PINS - 1, 1, 1, 1) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, get_msi(slot, 255, 31, 7, 1) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    /* Issued once per vector, until the handler capability goes. */
    CHECK(env, get_ioapic(slot, RTC_PIN, 0, 0, USER_VECTORS - 1) == seL4_NoError);
    CHECK(env, get_ioapic(busy, IOAPIC_PINS, 0, 0, USER_VECTORS - 1) == seL4_RevokeFirst);
    CHECK(env, get_msi(other, 0, 3, 0, USER_VECTORS - 1) == seL4_RevokeFirst);
    CHECK(env, get_msi(other, 0, 3, 0, 0) == seL4_NoError);
    CHECK(env, seL4_IRQHandler_Ack(other) == seL4_NoError);
    CHECK(env, seL4_IRQHandler_Ack(slot) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, other, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, get_msi(slot, 0, 3, 0, USER_VECTORS - 1) == seL4_NoError);
}

static seL4_Word rtc_read(struct env *env, seL4_CPtr port, seL4_Word reg)
{
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, reg) == seL4_NoError);
    seL4_X86_IOPort_In8_t in = seL4_X86_IOPort_In8(port, CMOS_DATA);
    CHECK(env, in.error == seL4_NoError);
    return in.result;
}

static void rtc_write(struct env *env, seL4_CPtr port, seL4_Word reg, seL4_Word value)
{
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, reg) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_DATA, value) == seL4_NoError);
}

/* Poll `notification` (yielding in between, up to `limit` times) until a badge arrives. */
static seL4_Word poll_badge(seL4_CPtr notification, int limit)
{
    seL4_Word badge = 0;
    for (int i = 0; i < limit && !badge; i++) {
        seL4_Poll(notification, &badge);
        if (!badge)
            seL4_Yield();
    }
    return badge;
}

/* The RTC's periodic interrupt at 1024 Hz. Reading register C lowers its line, so that the
 * next period gives the edge an edge-triggered pin needs. */
void test_irq_rtc_interrupt(struct env *env)
{
    seL4_CPtr port = env_slot(env), handler = env_slot(env), badged = env_slot(env);
    seL4_CPtr notification = retype(env, seL4_NotificationObject);
    CHECK(env, issue_io_ports(CMOS_INDEX, CMOS_DATA, port) == seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, notification, ROOT_DEPTH,
                               seL4_AllRights, RTC_BADGE) == seL4_NoError);
    CHECK(env, get_ioapic(handler, RTC_PIN, 0, 0, RTC_VECTOR) == seL4_NoError);
    CHECK(env, seL4_IRQHandler_SetNotification(handler, badged) == seL4_NoError);
    seL4_Word register_b = rtc_read(env, port, RTC_REGISTER_B);
    rtc_write(env, port, RTC_REGISTER_A, RTC_A_1024_HZ);
    rtc_read(env, port, RTC_REGISTER_C);
    rtc_write(env, port, RTC_REGISTER_B, register_b | RTC_B_PERIODIC);
    CHECK(env, poll_badge(notification, POLL_LIMIT) == RTC_BADGE);
    CHECK(env, rtc_read(env, port, RTC_REGISTER_C) & RTC_C_PERIODIC);
    /* Masked until Ack: the next periods (some 800 polls apart) raise the line for nothing.
     * After the Ack, reading C lowers it, so that the next period's edge gets through. */
    CHECK(env, poll_badge(notification, 4000) == 0);
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
    rtc_read(env, port, RTC_REGISTER_C);
    CHECK(env, poll_badge(notification, POLL_LIMIT) == RTC_BADGE);
    rtc_write(env, port, RTC_REGISTER_B, register_b & ~RTC_B_PERIODIC);
    rtc_read(env, port, RTC_REGISTER_C);
    CHECK(env, seL4_IRQHandler_Ack(handler) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, handler, ROOT_DEPTH) == seL4_NoError);
}
