/* aarch64 syscall stubs (sel4-abi.md §2): svc #0 with the number in x7, the cap register x0,
 * msginfo x1, MR0-3 x2-x5, the MCS reply register x6. The kernel may write x0-x5 on the
 * way back (badge, msginfo, MRs), so every stub treats them as outputs. */
#pragma once
#include <sel4/functions.h>
#include <sel4/message_info.h>
#include <sel4/syscall_numbers.h>
#include <sel4/types.h>

/* The message part of a syscall: cap, msginfo and MR0-3 go in, and come back as the kernel
 * left them. */
struct seL4_Aarch64Message {
    seL4_Word cap, info, mr[4];
};

static inline void seL4_Aarch64Syscall(seL4_Word number, struct seL4_Aarch64Message *m)
{
    register seL4_Word x0 __asm__("x0") = m->cap;
    register seL4_Word x1 __asm__("x1") = m->info;
    register seL4_Word x2 __asm__("x2") = m->mr[0];
    register seL4_Word x3 __asm__("x3") = m->mr[1];
    register seL4_Word x4 __asm__("x4") = m->mr[2];
    register seL4_Word x5 __asm__("x5") = m->mr[3];
    register seL4_Word x6 __asm__("x6") = 0; /* reply: none for these calls */
    register seL4_Word x7 __asm__("x7") = number;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x6), "r"(x7)
                     : "memory");
    *m = (struct seL4_Aarch64Message){x0, x1, {x2, x3, x4, x5}};
}

/* A syscall that takes and returns the cap register only. */
static inline seL4_Word seL4_Aarch64SyscallCap(seL4_Word number, seL4_Word cap)
{
    register seL4_Word x0 __asm__("x0") = cap;
    register seL4_Word x7 __asm__("x7") = number;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x7) : "memory");
    return x0;
}

/* MR0-3 from the IPC buffer, as seL4_Call and seL4_Send take them. */
static inline struct seL4_Aarch64Message seL4_Aarch64BufferMessage(seL4_CPtr dest,
                                                                    seL4_MessageInfo_t info)
{
    return (struct seL4_Aarch64Message){
        dest, info.words[0], {seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3)}};
}

static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    struct seL4_Aarch64Message m = seL4_Aarch64BufferMessage(dest, msgInfo);
    seL4_Aarch64Syscall((seL4_Word)seL4_SysCall, &m);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, m.mr[i]);
    return (seL4_MessageInfo_t){{m.info}};
}

/* MR0-3 travel through *mr0..*mr3: loaded for i < length, all stored back afterwards. */
static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                  seL4_Word *mr0, seL4_Word *mr1,
                                                  seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *mrs[4] = {mr0, mr1, mr2, mr3};
    struct seL4_Aarch64Message m = {dest, msgInfo.words[0], {0, 0, 0, 0}};
    for (seL4_Word i = 0; i < 4; i++) {
        if (mrs[i] && i < seL4_MessageInfo_get_length(msgInfo))
            m.mr[i] = *mrs[i];
    }
    seL4_Aarch64Syscall((seL4_Word)seL4_SysCall, &m);
    for (int i = 0; i < 4; i++) {
        if (mrs[i])
            *mrs[i] = m.mr[i];
    }
    return (seL4_MessageInfo_t){{m.info}};
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    struct seL4_Aarch64Message m = seL4_Aarch64BufferMessage(dest, msgInfo);
    seL4_Aarch64Syscall((seL4_Word)seL4_SysSend, &m);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    struct seL4_Aarch64Message m = seL4_Aarch64BufferMessage(dest, msgInfo);
    seL4_Aarch64Syscall((seL4_Word)seL4_SysNBSend, &m);
}

/* Signal a notification (Send with no message). */
static inline void seL4_Signal(seL4_CPtr dest)
{
    struct seL4_Aarch64Message m = {dest, seL4_MessageInfo_new(0, 0, 0, 1).words[0], {0}};
    seL4_Aarch64Syscall((seL4_Word)seL4_SysSend, &m);
}

/* Wait on a notification (blocking, or not for NBWait/Poll); the badge goes to *sender. */
static inline seL4_MessageInfo_t seL4_Aarch64Wait(seL4_Word number, seL4_CPtr src,
                                                  seL4_Word *sender)
{
    struct seL4_Aarch64Message m = {src, 0, {0}};
    seL4_Aarch64Syscall(number, &m);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, m.mr[i]);
    if (sender)
        *sender = m.cap;
    return (seL4_MessageInfo_t){{m.info}};
}

static inline seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_Aarch64Wait((seL4_Word)seL4_SysWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_Aarch64Wait((seL4_Word)seL4_SysNBWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

static inline void seL4_Yield(void)
{
    register seL4_Word x7 __asm__("x7") = (seL4_Word)seL4_SysYield;
    __asm__ volatile("svc #0" : : "r"(x7) : "memory");
}

static inline void seL4_DebugPutChar(char c)
{
    seL4_Aarch64SyscallCap((seL4_Word)seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

/* Upstream passes nothing: the status is whatever x0 holds. */
static inline void seL4_DebugHalt(void)
{
    register seL4_Word x7 __asm__("x7") = (seL4_Word)seL4_SysDebugHalt;
    __asm__ volatile("svc #0" : : "r"(x7) : "memory");
}

/* Our extension: DebugHalt with the run's exit status in the cap register. */
static inline void seL4_DebugHaltWithStatus(seL4_Word status)
{
    seL4_Aarch64SyscallCap((seL4_Word)seL4_SysDebugHalt, status);
}

/* The kernel's type tag of the capability at `cap` (0 for an empty slot). */
static inline seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)seL4_Aarch64SyscallCap((seL4_Word)seL4_SysDebugCapIdentify, cap);
}
