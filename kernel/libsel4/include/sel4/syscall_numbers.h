/* Syscall numbers, MCS, seL4 16.0.0 (ABI sheet §1). The kernel and the stubs share them. */
#pragma once

enum seL4_Syscall_ID {
    seL4_SysCall = -1,
    seL4_SysReplyRecv = -2,
    seL4_SysNBSendRecv = -3,
    seL4_SysNBSendWait = -4,
    seL4_SysSend = -5,
    seL4_SysNBSend = -6,
    seL4_SysRecv = -7,
    seL4_SysNBRecv = -8,
    seL4_SysWait = -9,
    seL4_SysNBWait = -10,
    seL4_SysYield = -11,
    seL4_SysDebugPutChar = -12,
    seL4_SysDebugDumpScheduler = -13,
    seL4_SysDebugHalt = -14,
    seL4_SysDebugCapIdentify = -15,
    seL4_SysDebugSnapshot = -16,
    seL4_SysDebugNameThread = -17,
    seL4_SysBenchmarkFlushCaches = -21,
    seL4_SysBenchmarkResetLog = -22,
    seL4_SysBenchmarkFinalizeLog = -23,
    seL4_SysBenchmarkSetLogBuffer = -24,
    seL4_SysBenchmarkNullSyscall = -25,
    seL4_SysSetTLSBase = -33,
    /* This kernel's own, outside the ABI's numbers, in BENCHMARK builds only: kernel entry,
     * a switch to the partner thread's address space, kernel exit (sel4bench hw_limit). */
    seL4_SysBenchmarkHardwareLimit = -64,
};

#define seL4_SysApiMin seL4_SysYield /* API syscalls are seL4_SysApiMin..-1 */
