/* x86_64 seL4_UserContext (ABI §3.7): the order of TCB Read/WriteRegisters words. */
#pragma once
#include <sel4/types.h>

typedef struct seL4_UserContext_ {
    seL4_Word rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi, rbp;
    seL4_Word r8, r9, r10, r11, r12, r13, r14, r15, fs_base, gs_base;
} seL4_UserContext;

_Static_assert(sizeof(seL4_UserContext) == 20 * sizeof(seL4_Word), "ABI §3.7");
