/* riscv64 syscall stubs (sel4-abi.md §2): ecall with the syscall number in a7, the cap
 * register a0 (the badge comes back there), msginfo a1, MR0-3 a2-a5, the MCS reply cptr a6.
 * The kernel saves and restores every other user register, so only a0-a5 change. */
#pragma once
#include <sel4/functions.h>
#include <sel4/message_info.h>
#include <sel4/syscall_numbers.h>
#include <sel4/types.h>

/* The registers of one syscall: in before the ecall, out after it. */
struct riscv_syscall_regs {
    seL4_Word cap, info, mr[4];
};

static inline void riscv_syscall(seL4_Word syscall, struct riscv_syscall_regs *regs)
{
    register seL4_Word a0 __asm__("a0") = regs->cap;
    register seL4_Word a1 __asm__("a1") = regs->info;
    register seL4_Word a2 __asm__("a2") = regs->mr[0];
    register seL4_Word a3 __asm__("a3") = regs->mr[1];
    register seL4_Word a4 __asm__("a4") = regs->mr[2];
    register seL4_Word a5 __asm__("a5") = regs->mr[3];
    register seL4_Word a6 __asm__("a6") = 0;
    register seL4_Word a7 __asm__("a7") = syscall;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a6), "r"(a7)
                     : "memory");
    *regs = (struct riscv_syscall_regs){a0, a1, {a2, a3, a4, a5}};
}

/* A syscall whose only argument is the cap register; returns what the kernel left there. */
static inline seL4_Word riscv_sys_cap_only(seL4_Word syscall, seL4_Word cap)
{
    struct riscv_syscall_regs regs = {cap, 0, {0, 0, 0, 0}};
    riscv_syscall(syscall, &regs);
    return regs.cap;
}

/* Send-like syscalls: MR0-3 from the IPC buffer. */
static inline void riscv_sys_send(seL4_Word syscall, seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct riscv_syscall_regs regs = {dest, info.words[0], {0, 0, 0, 0}};
    for (int i = 0; i < 4; i++)
        regs.mr[i] = seL4_GetMR(i);
    riscv_syscall(syscall, &regs);
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    riscv_sys_send((seL4_Word)seL4_SysSend, dest, info);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    riscv_sys_send((seL4_Word)seL4_SysNBSend, dest, info);
}

/* Call: MR0-3 go from the IPC buffer's msg[0..3] and the reply's come back there. */
static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct riscv_syscall_regs regs = {dest, info.words[0], {0, 0, 0, 0}};
    for (int i = 0; i < 4; i++)
        regs.mr[i] = seL4_GetMR(i);
    riscv_syscall((seL4_Word)seL4_SysCall, &regs);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs.mr[i]);
    return (seL4_MessageInfo_t){{regs.info}};
}

/* Call with MR0-3 from and back to the caller's variables: mr<i> (when not NULL) is sent
 * for i < the message's length, and receives the reply's MR<i>. */
static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info,
                                                  seL4_Word *mr0, seL4_Word *mr1,
                                                  seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *mrs[4] = {mr0, mr1, mr2, mr3};
    struct riscv_syscall_regs regs = {dest, info.words[0], {0, 0, 0, 0}};
    seL4_Word length = seL4_MessageInfo_get_length(info);
    for (seL4_Word i = 0; i < 4; i++) {
        if (mrs[i] && i < length)
            regs.mr[i] = *mrs[i];
    }
    riscv_syscall((seL4_Word)seL4_SysCall, &regs);
    for (int i = 0; i < 4; i++) {
        if (mrs[i])
            *mrs[i] = regs.mr[i];
    }
    return (seL4_MessageInfo_t){{regs.info}};
}

/* Signal a notification: a Send with an empty message. */
static inline void seL4_Signal(seL4_CPtr dest)
{
    struct riscv_syscall_regs regs = {dest, seL4_MessageInfo_new(0, 0, 0, 0).words[0], {0}};
    riscv_syscall((seL4_Word)seL4_SysSend, &regs);
}

/* Wait on a notification (MCS: no reply object); MR0-3 go to the IPC buffer and the badge
 * to *sender when it is not NULL. */
static inline seL4_MessageInfo_t riscv_sys_wait(seL4_Word syscall, seL4_CPtr src,
                                                seL4_Word *sender)
{
    struct riscv_syscall_regs regs = {src, 0, {0, 0, 0, 0}};
    riscv_syscall(syscall, &regs);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs.mr[i]);
    if (sender)
        *sender = regs.cap;
    return (seL4_MessageInfo_t){{regs.info}};
}

static inline seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return riscv_sys_wait((seL4_Word)seL4_SysWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return riscv_sys_wait((seL4_Word)seL4_SysNBWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

/* Give up the rest of this time slice to threads of the same priority. */
static inline void seL4_Yield(void)
{
    riscv_sys_cap_only((seL4_Word)seL4_SysYield, 0);
}

static inline void seL4_DebugPutChar(char c)
{
    riscv_sys_cap_only((seL4_Word)seL4_SysDebugPutChar, (seL4_Word)c);
}

static inline void seL4_DebugHalt(void)
{
    riscv_sys_cap_only((seL4_Word)seL4_SysDebugHalt, 0);
}

/* DebugHalt with the run's exit status in the cap register (our extension). */
static inline void seL4_DebugHaltWithStatus(seL4_Word status)
{
    riscv_sys_cap_only((seL4_Word)seL4_SysDebugHalt, status);
}

/* The kernel's type tag of the capability at `cap` (0 for an empty slot). */
static inline seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)riscv_sys_cap_only((seL4_Word)seL4_SysDebugCapIdentify, cap);
}
