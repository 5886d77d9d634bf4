/*
 * x86_64 virtual memory layout. The kernel image runs at KERNEL_IMAGE_OFFSET + its physical
 * address (linker.ld); all RAM, the low megabyte and the APIC registers are also mapped at
 * KERNEL_WINDOW_BASE + physical address (vspace.c). User space is the lower canonical half.
 */
#pragma once

#define KERNEL_IMAGE_OFFSET 0xffffffff80000000
#define KERNEL_WINDOW_BASE 0xffff800000000000

#ifndef __ASSEMBLER__
#include <types.h>

#define ARCH_ELF_MACHINE 62 /* EM_X86_64 */
#define ARCH_USER_TOP 0x00007ffffffff000ul
/* Physical address bits the kernel supports: QEMU's default for its x86 CPU models (CPUID
 * 0x80000008 reports 40 for Nehalem). Device untypeds cover what RAM leaves of 2^40. */
#define ARCH_PADDR_BITS 40
/* Interrupt numbers as seL4's pc99 (arch/irq.h): irq = IDT vector - 0x20; the user's are 16-123
 * (GetIOAPIC/GetMSI), and the highest, 125 (vector 157), is seL4's timer number. */
#define ARCH_MAX_IRQ 125
#define KERNEL_WINDOW_SIZE 0x400000000000ul /* 64 TiB of physical addresses */
#define LOW_MEMORY_END 0x100000ul /* BIOS data, EBDA, option ROMs, the loader's own tables */

static inline void *arch_phys_to_virt(paddr_t paddr)
{
    return (void *)(paddr + KERNEL_WINDOW_BASE);
}

/* Also accepts addresses in the kernel image, such as statically allocated tables. */
static inline paddr_t arch_virt_to_phys(const void *vaddr)
{
    word_t v = (word_t)vaddr;
    return v >= KERNEL_IMAGE_OFFSET ? v - KERNEL_IMAGE_OFFSET : v - KERNEL_WINDOW_BASE;
}
#endif
