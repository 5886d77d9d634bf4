/* System tests of I/O ports: IOPortControl Issue and IOPort In/Out, through the CMOS RTC's
 * ports (its RAM byte 0x7e is unused by the firmware), and the console's COM1, which user level
 * may own (tests/system/test_system.py looks for the line printed through it). */
#include "x86_tests.h"

#define CMOS_SCRATCH 0x7e

void test_io_port_control(struct env *env)
{
    seL4_CPtr port = env_slot(env), slot = env_slot(env);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapIOPortControl) == TAG_IO_PORT_CONTROL);
    seL4_Word words[] = {CMOS_INDEX, CMOS_DATA, port, ROOT_DEPTH};
    seL4_SetCap(0, ROOT);
    CHECK(env, seL4_InvokeWords(seL4_CapIOPortControl, X86IOPortControlIssue, words, 3, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(seL4_CapIOPortControl, X86IOPortControlIssue, words, 4, 0) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(seL4_CapIOPortControl, X86IOPortIn8, words, 4, 1) ==
                   seL4_IllegalOperation);
    CHECK(env, issue_io_ports(CMOS_DATA, CMOS_INDEX, port) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    CHECK(env, issue_io_ports(0x60, 0x61, port) == seL4_RevokeFirst); /* the kernel's port 0x61 */
    CHECK(env, issue_io_ports(CMOS_INDEX, CMOS_DATA, seL4_CapInitThreadTCB) ==
                   seL4_DeleteFirst);
    CHECK(env, seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_INDEX, CMOS_DATA, ROOT,
                                            port, 0) == seL4_RangeError);
    CHECK(env, issue_io_ports(CMOS_INDEX, CMOS_DATA, port) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(port) == TAG_IO_PORT);
    CHECK(env, issue_io_ports(CMOS_DATA, CMOS_DATA + 1, slot) == seL4_RevokeFirst);
    /* I/O port control cannot be copied; an I/O port can, and its range stays taken until
     * the last capability to it goes. */
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, seL4_CapIOPortControl, ROOT_DEPTH,
                               seL4_AllRights) == seL4_IllegalOperation);
    seL4_CPtr port_copy = env_copy(env, port, seL4_AllRights);
    /* Only the issued capability is an original (seL4's Arch_isCapRevocable): a copy has no
     * children, so revoking it leaves a copy of the copy, which revoking the issued one takes. */
    seL4_CPtr copy_of_copy = env_copy(env, port_copy, seL4_AllRights);
    CHECK(env, seL4_CNode_Revoke(ROOT, port_copy, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(copy_of_copy) == TAG_IO_PORT);
    CHECK(env, seL4_CNode_Revoke(ROOT, port, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(copy_of_copy) == 0);
    CHECK(env, seL4_DebugCapIdentify(port_copy) == 0);
    port_copy = env_copy(env, port, seL4_AllRights);
    CHECK(env, seL4_CNode_Delete(ROOT, port, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, issue_io_ports(CMOS_INDEX, CMOS_INDEX, port) == seL4_RevokeFirst);
    CHECK(env, seL4_CNode_Delete(ROOT, port_copy, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, issue_io_ports(CMOS_INDEX, CMOS_INDEX, port) == seL4_NoError);
}

/* In and Out reach ports inside the issued range only, every byte of the access. */
void test_io_port_in_out(struct env *env)
{
    seL4_CPtr port = env_slot(env);
    CHECK(env, issue_io_ports(CMOS_INDEX, CMOS_DATA, port) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_DATA, 0xa5) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    seL4_X86_IOPort_In8_t in = seL4_X86_IOPort_In8(port, CMOS_DATA);
    CHECK(env, in.error == seL4_NoError && in.result == 0xa5);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_DATA, 0x5a) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_In8(port, CMOS_DATA).result == 0x5a);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    /* 16 bits: the index port's byte, then the data port's, and nothing above them. */
    seL4_X86_IOPort_In16_t in16 = seL4_X86_IOPort_In16(port, CMOS_INDEX);
    CHECK(env, in16.error == seL4_NoError && in16.result >> 8 == 0x5a);
    CHECK(env, seL4_X86_IOPort_In8(port, CMOS_DATA + 1).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_In8(port, CMOS_INDEX - 1).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_In16(port, CMOS_DATA).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_In32(port, CMOS_INDEX).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_Out16(port, CMOS_DATA, 0) == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_Out32(port, CMOS_INDEX, 0) == seL4_IllegalOperation);
    seL4_Word words[] = {CMOS_INDEX, 0};
    CHECK(env, seL4_InvokeWords(port, X86IOPortOut8, words, 1, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(port, X86IOPortIn8, words, 0, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(port, X86IOPortControlIssue, words, 2, 0) ==
                   seL4_IllegalOperation);
    /* Nor are the labels after Out32 (an Out8 of the scratch index, were they taken as one). */
    const seL4_Word scratch_index[2] = {CMOS_INDEX, CMOS_SCRATCH};
    CHECK_REPLY(env, env_invoke(port, X86IRQIssueIRQHandlerIOAPIC, scratch_index, 2, 0, 0),
                seL4_IllegalOperation);
    CHECK_REPLY(env, env_invoke(port, X86IRQIssueIRQHandlerMSI, scratch_index, 2, 0, 0),
                seL4_IllegalOperation);
}

#define COM1 0x3f8
#define COM1_LAST 0x3ff
#define UART_MODEM_CONTROL 4
#define UART_LINE_STATUS 5
#define UART_SCRATCH 7
#define LINE_STATUS_THR_EMPTY 0x20
#define COM1_LINE "system-test: hello from user-level COM1\n"

static void com1_print(struct env *env, seL4_CPtr port, const char *text)
{
    for (; *text; text++) {
        seL4_X86_IOPort_In8_t status;
        do {
            status = seL4_X86_IOPort_In8(port, COM1 + UART_LINE_STATUS);
        } while (status.error == seL4_NoError && !(status.result & LINE_STATUS_THR_EMPTY));
        CHECK(env, status.error == seL4_NoError);
        CHECK(env, seL4_X86_IOPort_Out8(port, COM1, (seL4_Uint8)*text) == seL4_NoError);
    }
}

/* The console UART is user level's to take (upstream keeps only its debug printing on it): the
 * whole of COM1 issues, a range overlapping it is RevokeFirst until the capability goes, and a
 * line written through it reaches the console. */
void test_io_port_console_uart(struct env *env)
{
    seL4_CPtr port = env_slot(env), other = env_slot(env);
    CHECK(env, issue_io_ports(COM1, COM1_LAST, port) == seL4_NoError);
    CHECK(env, issue_io_ports(COM1_LAST, COM1_LAST + 1, other) == seL4_RevokeFirst);
    CHECK(env, issue_io_ports(COM1 - 1, COM1, other) == seL4_RevokeFirst);
    com1_print(env, port, COM1_LINE);
    /* Each width reads that many ports: MCR, LSR, MSR, then the scratch register. */
    CHECK(env, seL4_X86_IOPort_Out8(port, COM1 + UART_SCRATCH, 0x5a) == seL4_NoError);
    seL4_X86_IOPort_In16_t in16 = seL4_X86_IOPort_In16(port, COM1 + UART_MODEM_CONTROL);
    CHECK(env, in16.error == seL4_NoError && in16.result <= 0xffff);
    seL4_X86_IOPort_In32_t in32 = seL4_X86_IOPort_In32(port, COM1 + UART_MODEM_CONTROL);
    CHECK(env, in32.error == seL4_NoError && in32.result >> 24 == 0x5a);
    /* and so does each width of Out: Out16 stops short of the scratch register, Out32
     * reaches it (MCR written back as it was; LSR and MSR ignore writes). */
    seL4_Word modem_control = in32.result & 0xff;
    CHECK(env, seL4_X86_IOPort_Out8(port, COM1 + UART_SCRATCH, 0) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out16(port, COM1 + UART_MODEM_CONTROL, modem_control) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_IOPort_In8(port, COM1 + UART_SCRATCH).result == 0);
    CHECK(env, seL4_X86_IOPort_Out32(port, COM1 + UART_MODEM_CONTROL,
                                     0x5a000000 | modem_control) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_In8(port, COM1 + UART_SCRATCH).result == 0x5a);
    CHECK(env, seL4_CNode_Delete(ROOT, port, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, issue_io_ports(COM1 + UART_LINE_STATUS, COM1_LAST + 1, other) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, other, ROOT_DEPTH) == seL4_NoError);
}
