/* aarch64 syscall stubs (sel4-abi.md §2): svc #0 with the number in x7, the cap register x0.
 * The kernel restores every register on return, so only what a call returns is an output. */
#pragma once
#include <sel4/syscall_numbers.h>
#include <sel4/types.h>

/* A syscall that takes and returns the cap register only. */
static inline seL4_Word seL4_Aarch64SyscallCap(seL4_Word number, seL4_Word cap)
{
    register seL4_Word x0 __asm__("x0") = cap;
    register seL4_Word x7 __asm__("x7") = number;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x7) : "memory");
    return x0;
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
