/* aarch64 syscalls (sel4-abi.md §2): svc #0 with the number in x7, the cap register x0,
 * msginfo x1, MR0-3 x2-x5, the MCS reply register x6 and NBSendRecv's destination x8. The kernel may write x0-x5 on the way
 * back (badge, msginfo, MRs). Included by <sel4/syscalls.h>, which defines
 * struct seL4_SyscallRegs and the stubs over this one function. */
#pragma once

static inline void seL4_ArchSyscall(seL4_Word number, struct seL4_SyscallRegs *regs)
{
    register seL4_Word x0 __asm__("x0") = regs->cap;
    register seL4_Word x1 __asm__("x1") = regs->info;
    register seL4_Word x2 __asm__("x2") = regs->mr[0];
    register seL4_Word x3 __asm__("x3") = regs->mr[1];
    register seL4_Word x4 __asm__("x4") = regs->mr[2];
    register seL4_Word x5 __asm__("x5") = regs->mr[3];
    register seL4_Word x6 __asm__("x6") = regs->reply;
    register seL4_Word x7 __asm__("x7") = number;
    register seL4_Word x8 __asm__("x8") = regs->dest;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x6), "r"(x7), "r"(x8)
                     : "memory");
    regs->cap = x0;
    regs->info = x1;
    regs->mr[0] = x2;
    regs->mr[1] = x3;
    regs->mr[2] = x4;
    regs->mr[3] = x5;
}
