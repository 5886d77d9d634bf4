/*
 * x86_64 syscalls (sel4-abi.md §2): SYSCALL with the number in rdx, the cap register in rdi,
 * the message info in rsi, MR0-MR3 in r10, r8, r9, r15, the MCS reply register r12 and NBSendRecv's destination r13.
 * SYSCALL clobbers rcx and r11; like upstream libsel4 the stub keeps rsp in rbx across it, so
 * rbx is clobbered too. The kernel returns every other register as it left it. Included by
 * <sel4/syscalls.h>, which defines struct seL4_SyscallRegs and the stubs over this function.
 */
#pragma once

static inline void seL4_ArchSyscall(seL4_Word number, struct seL4_SyscallRegs *regs)
{
    register seL4_Word r10 __asm__("r10") = regs->mr[0];
    register seL4_Word r8 __asm__("r8") = regs->mr[1];
    register seL4_Word r9 __asm__("r9") = regs->mr[2];
    register seL4_Word r15 __asm__("r15") = regs->mr[3];
    register seL4_Word r12 __asm__("r12") = regs->reply;
    register seL4_Word r13 __asm__("r13") = regs->dest;
    seL4_Word cap = regs->cap, info = regs->info;
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp"
                     : "+D"(cap), "+S"(info), "+d"(number), "+r"(r10), "+r"(r8), "+r"(r9),
                       "+r"(r15)
                     : "r"(r12), "r"(r13)
                     : "rcx", "r11", "rbx", "memory");
    regs->cap = cap;
    regs->info = info;
    regs->mr[0] = r10;
    regs->mr[1] = r8;
    regs->mr[2] = r9;
    regs->mr[3] = r15;
}

/* The TLS base (FS base): without FSGSBASE user code cannot set it, so the kernel does. */
static inline void seL4_SetTLSBase(seL4_Word tls_base)
{
    struct seL4_SyscallRegs regs = {tls_base, 0, {0, 0, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysSetTLSBase, &regs);
}
