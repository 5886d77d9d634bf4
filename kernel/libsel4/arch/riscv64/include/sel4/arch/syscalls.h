/* riscv64 syscalls (sel4-abi.md §2): ecall with the number in a7, the cap register a0 (the
 * badge comes back there), msginfo a1, MR0-3 a2-a5, the MCS reply cptr a6, NBSendRecv's destination t0. The kernel saves
 * and restores every other user register, so only a0-a5 change. Included by <sel4/syscalls.h>,
 * which defines struct seL4_SyscallRegs and the stubs over this one function. */
#pragma once

static inline void seL4_ArchSyscall(seL4_Word number, struct seL4_SyscallRegs *regs)
{
    register seL4_Word a0 __asm__("a0") = regs->cap;
    register seL4_Word a1 __asm__("a1") = regs->info;
    register seL4_Word a2 __asm__("a2") = regs->mr[0];
    register seL4_Word a3 __asm__("a3") = regs->mr[1];
    register seL4_Word a4 __asm__("a4") = regs->mr[2];
    register seL4_Word a5 __asm__("a5") = regs->mr[3];
    register seL4_Word a6 __asm__("a6") = regs->reply;
    register seL4_Word a7 __asm__("a7") = number;
    register seL4_Word t0 __asm__("t0") = regs->dest;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a6), "r"(a7), "r"(t0)
                     : "memory");
    regs->cap = a0;
    regs->info = a1;
    regs->mr[0] = a2;
    regs->mr[1] = a3;
    regs->mr[2] = a4;
    regs->mr[3] = a5;
}
