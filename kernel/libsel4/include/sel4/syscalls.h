/*
 * The syscall stubs, with upstream libsel4's names and signatures, written once over the
 * ABI's register set (sel4-abi.md §2): each arch supplies only seL4_ArchSyscall, which puts
 * struct seL4_SyscallRegs in its registers, traps, and reads them back as the kernel left them
 * (<sel4/arch/syscalls.h>).
 */
#pragma once
#include <sel4/functions.h>
#include <sel4/message_info.h>
#include <sel4/syscall_numbers.h>
#include <sel4/types.h>

/* The registers of one syscall: cap (badge on return), message info, MR0-MR3, the MCS
 * reply object, and NBSendRecv's send destination. */
struct seL4_SyscallRegs {
    seL4_Word cap, info, mr[4], reply, dest;
};

#include <sel4/arch/syscalls.h>

static inline struct seL4_SyscallRegs seL4_SyscallRegsFromBuffer(seL4_CPtr dest,
                                                                 seL4_MessageInfo_t info)
{
    struct seL4_SyscallRegs regs = {dest, info.words[0], {0, 0, 0, 0}, 0, 0};
    for (int i = 0; i < 4; i++)
        regs.mr[i] = seL4_GetMR(i);
    return regs;
}

static inline seL4_Word seL4_SyscallCapOnly(seL4_Word number, seL4_Word cap)
{
    struct seL4_SyscallRegs regs = {cap, 0, {0, 0, 0, 0}, 0, 0};
    seL4_ArchSyscall(number, &regs);
    return regs.cap;
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct seL4_SyscallRegs regs = seL4_SyscallRegsFromBuffer(dest, info);
    seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct seL4_SyscallRegs regs = seL4_SyscallRegsFromBuffer(dest, info);
    seL4_ArchSyscall((seL4_Word)seL4_SysNBSend, &regs);
}

/* Call: MR0-3 go from the IPC buffer's msg[0..3] and the reply's come back there. */
static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct seL4_SyscallRegs regs = seL4_SyscallRegsFromBuffer(dest, info);
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs.mr[i]);
    return (seL4_MessageInfo_t){{regs.info}};
}

/* Call with MR0-3 from and back to the caller's variables: *mr<i> (when not NULL) is sent for
 * i < the message's length, and receives the reply's MR<i>. */
static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info,
                                                  seL4_Word *mr0, seL4_Word *mr1,
                                                  seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *mrs[4] = {mr0, mr1, mr2, mr3};
    struct seL4_SyscallRegs regs = {dest, info.words[0], {0, 0, 0, 0}, 0, 0};
    seL4_Word length = seL4_MessageInfo_get_length(info);
    for (seL4_Word i = 0; i < 4; i++) {
        if (mrs[i] && i < length)
            regs.mr[i] = *mrs[i];
    }
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
    for (int i = 0; i < 4; i++) {
        if (mrs[i])
            *mrs[i] = regs.mr[i];
    }
    return (seL4_MessageInfo_t){{regs.info}};
}

/* Signal a notification: a Send with an empty message. */
static inline void seL4_Signal(seL4_CPtr dest)
{
    struct seL4_SyscallRegs regs = {dest, seL4_MessageInfo_new(0, 0, 0, 0).words[0], {0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
}

/* Wait on a notification (MCS: no reply object): MR0-3 to the IPC buffer, the badge to
 * *sender when it is not NULL. */
static inline seL4_MessageInfo_t seL4_WaitSyscall(seL4_Word number, seL4_CPtr src,
                                                  seL4_Word *sender)
{
    struct seL4_SyscallRegs regs = {src, 0, {0, 0, 0, 0}, 0, 0};
    seL4_ArchSyscall(number, &regs);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs.mr[i]);
    if (sender)
        *sender = regs.cap;
    return (seL4_MessageInfo_t){{regs.info}};
}

static inline seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_WaitSyscall((seL4_Word)seL4_SysWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_WaitSyscall((seL4_Word)seL4_SysNBWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

/* A receive-type syscall's results: MR0-3 to the IPC buffer, the badge to *sender when it
 * is not NULL, the message info returned. */
static inline seL4_MessageInfo_t seL4_ReceiveResult(const struct seL4_SyscallRegs *regs,
                                                    seL4_Word *sender)
{
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs->mr[i]);
    if (sender)
        *sender = regs->cap;
    return (seL4_MessageInfo_t){{regs->info}};
}

/* Recv / NBRecv on `src` with the reply object `reply` (MCS). */
static inline seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    struct seL4_SyscallRegs regs = {src, 0, {0, 0, 0, 0}, reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    return seL4_ReceiveResult(&regs, sender);
}

static inline seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender,
                                             seL4_CPtr reply)
{
    struct seL4_SyscallRegs regs = {src, 0, {0, 0, 0, 0}, reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysNBRecv, &regs);
    return seL4_ReceiveResult(&regs, sender);
}

/* Reply through `reply` with `info` and MR0-3 from the IPC buffer, then Recv on `src`. */
static inline seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info,
                                                seL4_Word *sender, seL4_CPtr reply)
{
    struct seL4_SyscallRegs regs = seL4_SyscallRegsFromBuffer(src, info);
    regs.reply = reply;
    seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    return seL4_ReceiveResult(&regs, sender);
}

/* NBSend to `dest`, then Recv on `src` with `reply`. */
static inline seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t info,
                                                 seL4_CPtr src, seL4_Word *sender,
                                                 seL4_CPtr reply)
{
    struct seL4_SyscallRegs regs = seL4_SyscallRegsFromBuffer(src, info);
    regs.reply = reply;
    regs.dest = dest;
    seL4_ArchSyscall((seL4_Word)seL4_SysNBSendRecv, &regs);
    return seL4_ReceiveResult(&regs, sender);
}

/* NBSend to `dest` (which travels in the reply register), then Wait on `src`. */
static inline seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t info,
                                                 seL4_CPtr src, seL4_Word *sender)
{
    struct seL4_SyscallRegs regs = seL4_SyscallRegsFromBuffer(src, info);
    regs.reply = dest;
    seL4_ArchSyscall((seL4_Word)seL4_SysNBSendWait, &regs);
    return seL4_ReceiveResult(&regs, sender);
}

/* Give up the rest of this time slice to threads of the same priority. */
static inline void seL4_Yield(void)
{
    seL4_SyscallCapOnly((seL4_Word)seL4_SysYield, 0);
}

static inline void seL4_DebugPutChar(char c)
{
    seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

static inline void seL4_DebugHalt(void)
{
    seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugHalt, 0);
}

/* DebugHalt with the run's exit status in the cap register (this kernel's extension). */
static inline void seL4_DebugHaltWithStatus(seL4_Word status)
{
    seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugHalt, status);
}

/* A syscall that does nothing (BENCHMARK builds): the cost of entering and leaving. */
static inline void seL4_BenchmarkNullSyscall(void)
{
    seL4_SyscallCapOnly((seL4_Word)seL4_SysBenchmarkNullSyscall, 0);
}

/* The hardware-limit switch of a BENCHMARK build (this kernel's, not upstream's): with a TCB
 * capability, pair that thread with the caller; with 0, switch to the caller's partner. */
static inline void seL4_BenchmarkHardwareLimit(seL4_CPtr partner_tcb)
{
    seL4_SyscallCapOnly((seL4_Word)seL4_SysBenchmarkHardwareLimit, partner_tcb);
}

/* The kernel's type tag of the capability at `cap` (0 if the slot is empty). */
static inline seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugCapIdentify, cap);
}
