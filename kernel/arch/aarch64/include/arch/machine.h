/* The aarch64 kernel's address layout: the kernel image high in TTBR1 at its link address, a
 * window onto all of physical memory below it, and user space in TTBR0. Shared with entry.S,
 * so the C parts are fenced off from the assembler. */
#pragma once

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##ul
#endif

#define ARCH_ELF_MACHINE 183 /* EM_AARCH64 */
/* TTBR0 covers 48 bits; user space stops at 47 bits as on the other 64-bit arches. */
#define ARCH_USER_TOP UL(0x0000800000000000)
/* Physical addresses the kernel hands out as untyped memory: 1 TiB, which covers QEMU virt's
 * RAM and its high PCIe window and is within the Cortex-A57/A72's 44 bits. */
#define ARCH_PADDR_BITS 40
/* The highest interrupt number user handlers may take: QEMU virt's last GIC line, as seL4's
 * maxIRQ for qemu-arm-virt (the ABI's RangeError bound). A literal, as on the other arches, so
 * that no board header reaches generic code; gic.c checks it against board.h. */
#define ARCH_MAX_IRQ 159

/* Physical address p is at PHYS_WINDOW_VBASE + p; one level-0 entry, so p < 512 GiB. */
#define PHYS_WINDOW_VBASE UL(0xffff800000000000)
#define PHYS_WINDOW_SIZE (UL(1) << 39)
/* The board's RAM base is mapped here; the image is linked KERNEL_TEXT_OFFSET above it. */
#define KERNEL_IMAGE_VBASE UL(0xffffffff80000000)
#define KERNEL_TEXT_OFFSET UL(0x80000)

#ifndef __ASSEMBLER__
#include <types.h>

/* Kernel image virtual address minus its physical address (set by entry.S). */
extern word_t kernel_image_virt_offset;

static inline void *arch_phys_to_virt(paddr_t paddr)
{
    return (void *)(paddr + PHYS_WINDOW_VBASE);
}

/* Window addresses and kernel image addresses both translate. */
static inline paddr_t arch_virt_to_phys(const void *vaddr)
{
    word_t v = (word_t)vaddr;
    if (v >= KERNEL_IMAGE_VBASE)
        return v - kernel_image_virt_offset;
    return v - PHYS_WINDOW_VBASE;
}
#endif
