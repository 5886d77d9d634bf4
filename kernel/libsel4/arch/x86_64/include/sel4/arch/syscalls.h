/*
 * x86_64 syscall stubs (sel4-abi.md §2): SYSCALL with the number in rdx, the cap register in
 * rdi, the message info in rsi, MR0-MR3 in r10, r8, r9, r15 and the MCS reply register r12.
 * SYSCALL clobbers rcx and r11; like upstream libsel4 the stubs keep rsp in rbx across it, so
 * rbx is clobbered too. The kernel returns every other register as it left it. Besides the
 * stubs every arch has, x86_64 has seL4_SetTLSBase.
 */
#pragma once
#include <sel4/functions.h>
#include <sel4/message_info.h>
#include <sel4/syscall_numbers.h>
#include <sel4/types.h>

/* One syscall with the cap and info registers; returns the cap register as the kernel left it.
 * Every other register of the ABI's set comes back unchanged. */
static inline seL4_Word x86_64_sys_cap_info(seL4_Word number, seL4_Word cap, seL4_Word info)
{
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp"
                     : "+D"(cap), "+S"(info), "+d"(number)
                     :
                     : "rcx", "r11", "rbx", "memory");
    return cap;
}

/* The full register set: cap and info in and out (badge and reply info), MR0-MR3 in and out,
 * the reply cap register in. */
struct x86_64_sys_regs {
    seL4_Word cap, info, mr[4], reply;
};

static inline void x86_64_sys_send_recv(seL4_Word number, struct x86_64_sys_regs *regs)
{
    register seL4_Word r10 __asm__("r10") = regs->mr[0];
    register seL4_Word r8 __asm__("r8") = regs->mr[1];
    register seL4_Word r9 __asm__("r9") = regs->mr[2];
    register seL4_Word r15 __asm__("r15") = regs->mr[3];
    register seL4_Word r12 __asm__("r12") = regs->reply;
    seL4_Word cap = regs->cap, info = regs->info;
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp"
                     : "+D"(cap), "+S"(info), "+d"(number), "+r"(r10), "+r"(r8), "+r"(r9),
                       "+r"(r15)
                     : "r"(r12)
                     : "rcx", "r11", "rbx", "memory");
    regs->cap = cap;
    regs->info = info;
    regs->mr[0] = r10;
    regs->mr[1] = r8;
    regs->mr[2] = r9;
    regs->mr[3] = r15;
}

/* Call with MR0-MR3 taken from and returned to the IPC buffer's msg[0..3]. */
static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct x86_64_sys_regs regs = {dest, info.words[0], {0, 0, 0, 0}, 0};
    for (int i = 0; i < 4; i++)
        regs.mr[i] = seL4_GetMR(i);
    x86_64_sys_send_recv((seL4_Word)seL4_SysCall, &regs);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs.mr[i]);
    seL4_MessageInfo_t reply = {{regs.info}};
    return reply;
}

/* Call with MR0-MR3 in registers: each non-null pointer below the message length is sent,
 * and every non-null pointer receives the reply's register. */
static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info,
                                                  seL4_Word *mr0, seL4_Word *mr1,
                                                  seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *mrs[4] = {mr0, mr1, mr2, mr3};
    seL4_Word length = seL4_MessageInfo_get_length(info);
    struct x86_64_sys_regs regs = {dest, info.words[0], {0, 0, 0, 0}, 0};
    for (seL4_Word i = 0; i < 4; i++) {
        if (mrs[i] && i < length)
            regs.mr[i] = *mrs[i];
    }
    x86_64_sys_send_recv((seL4_Word)seL4_SysCall, &regs);
    for (int i = 0; i < 4; i++) {
        if (mrs[i])
            *mrs[i] = regs.mr[i];
    }
    seL4_MessageInfo_t reply = {{regs.info}};
    return reply;
}

static inline void x86_64_sys_send(seL4_Word number, seL4_CPtr dest, seL4_MessageInfo_t info)
{
    struct x86_64_sys_regs regs = {dest, info.words[0], {0, 0, 0, 0}, 0};
    for (int i = 0; i < 4; i++)
        regs.mr[i] = seL4_GetMR(i);
    x86_64_sys_send_recv(number, &regs);
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    x86_64_sys_send((seL4_Word)seL4_SysSend, dest, info);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    x86_64_sys_send((seL4_Word)seL4_SysNBSend, dest, info);
}

/* Signal a notification: a Send with an empty message. */
static inline void seL4_Signal(seL4_CPtr dest)
{
    x86_64_sys_cap_info((seL4_Word)seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 0).words[0]);
}

/* Wait on a notification (MCS: no reply object); MR0-3 go to the IPC buffer and the badge
 * to *sender when it is not NULL. */
static inline seL4_MessageInfo_t x86_64_sys_wait(seL4_Word number, seL4_CPtr src,
                                                 seL4_Word *sender)
{
    struct x86_64_sys_regs regs = {src, 0, {0, 0, 0, 0}, 0};
    x86_64_sys_send_recv(number, &regs);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, regs.mr[i]);
    if (sender)
        *sender = regs.cap;
    seL4_MessageInfo_t info = {{regs.info}};
    return info;
}

static inline seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return x86_64_sys_wait((seL4_Word)seL4_SysWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return x86_64_sys_wait((seL4_Word)seL4_SysNBWait, src, sender);
}

static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

/* Give up the rest of this time slice to threads of the same priority. */
static inline void seL4_Yield(void)
{
    x86_64_sys_cap_info((seL4_Word)seL4_SysYield, 0, 0);
}

/* Without FSGSBASE the TLS base (FS base) is set through the kernel (ABI §1.2). */
static inline void seL4_SetTLSBase(seL4_Word tls_base)
{
    x86_64_sys_cap_info((seL4_Word)seL4_SysSetTLSBase, tls_base, 0);
}

static inline void seL4_DebugPutChar(char c)
{
    x86_64_sys_cap_info((seL4_Word)seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c, 0);
}

/* Our extension: the status travels in the cap register (upstream DebugHalt takes none). */
static inline void seL4_DebugHaltWithStatus(seL4_Word status)
{
    x86_64_sys_cap_info((seL4_Word)seL4_SysDebugHalt, status, 0);
}

static inline void seL4_DebugHalt(void)
{
    seL4_DebugHaltWithStatus(0);
}

/* The kernel's type tag of the capability at `cap` (0 for an empty slot). */
static inline seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)x86_64_sys_cap_info((seL4_Word)seL4_SysDebugCapIdentify, cap, 0);
}
