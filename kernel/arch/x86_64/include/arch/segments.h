/*
 * The GDT selectors and the TSS (gdt.c). SYSCALL and SYSRET derive their selectors from STAR,
 * which fixes the order: kernel code, kernel data, then user data before user code.
 */
#pragma once

#define SEL_KERNEL_CODE 0x08
#define SEL_KERNEL_DATA 0x10
#define SEL_USER_DATA (0x18 | 3)
#define SEL_USER_CODE (0x20 | 3)
#define SEL_TSS 0x28

#define TSS_RSP0 4 /* byte offset of rsp0 in the TSS, for entry.S */
#define IST_EMERGENCY 1 /* the stack for NMI, double fault and machine check */

#ifndef __ASSEMBLER__
#include <types.h>

/* Load the kernel's GDT and TSS. */
void gdt_init(void);
/* Where the CPU saves user state on the next trap from user mode (TSS.rsp0). */
void tss_set_user_frame_end(word_t address);
#endif
