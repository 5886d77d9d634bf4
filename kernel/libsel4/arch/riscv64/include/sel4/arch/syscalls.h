/* riscv64 syscall stubs (sel4-abi.md §2): ecall with the syscall number in a7, the cap
 * register a0, msginfo a1, MR0-3 a2-a5, reply a6. Only the debug calls exist so far. */
#pragma once
#include <sel4/syscall_numbers.h>
#include <sel4/types.h>

/* A syscall whose only argument is the cap register; the kernel may write it back. */
static inline seL4_Word riscv_sys_cap_only(seL4_Word syscall, seL4_Word cap)
{
    register seL4_Word a0 __asm__("a0") = cap;
    register seL4_Word a7 __asm__("a7") = syscall;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    return a0;
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
