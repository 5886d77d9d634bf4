/*
 * x86_64 syscall stubs (sel4-abi.md §2): SYSCALL with the number in rdx, the cap register in
 * rdi and the message info in rsi. SYSCALL clobbers rcx and r11; like upstream libsel4 the
 * stubs keep rsp in rbx across it, so rbx is clobbered too.
 */
#pragma once
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
