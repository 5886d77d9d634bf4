/* riscv64 (Sv39) address-space facts generic code needs: the ELF machine, the top of user
 * space and the kernel's two mappings of physical memory -- the window onto all of it, and the
 * kernel image, linked at KERNEL_IMAGE_VIRT + (physical - KERNEL_RAM_BASE). */
#pragma once
#include <types.h>

#define ARCH_ELF_MACHINE 243 /* EM_RISCV */
/* Physical addresses the kernel hands out: Sv39 PTEs hold 56, but as in seL4 (its
 * PADDR_USER_DEVICE_TOP for three levels) device untypeds stop at 2^39. */
#define ARCH_PADDR_BITS 39
/* The highest interrupt number IRQControl knows (ABI sheet §10): the kernel's timer, just
 * above the PLIC's last source (board.h numbers, which boot.c checks). It is reserved, so
 * Get(96) is RevokeFirst; user handlers take PLIC sources 1..95. */
#define ARCH_MAX_IRQ 96
/* Sv39 user space is the lower 256 GiB; like seL4_UserTop, the very last page stays unused. */
#define ARCH_USER_TOP 0x0000003ffffff000ul

#define KERNEL_WINDOW_BASE 0xffffffc000000000ul /* physical 0 in the window */
#define KERNEL_WINDOW_SIZE (254ul << 30)        /* up to the kernel image's gigabyte */
#define KERNEL_IMAGE_VIRT 0xffffffff80000000ul
#define KERNEL_RAM_BASE 0x80000000ul /* the board's RAM base; boot.c checks it */

static inline void *arch_phys_to_virt(paddr_t paddr)
{
    return (void *)(paddr + KERNEL_WINDOW_BASE);
}

/* Precondition: `vaddr` is in the window or in the kernel image. */
static inline paddr_t arch_virt_to_phys(const void *vaddr)
{
    word_t v = (word_t)vaddr;
    if (v >= KERNEL_IMAGE_VIRT)
        return v - KERNEL_IMAGE_VIRT + KERNEL_RAM_BASE;
    return v - KERNEL_WINDOW_BASE;
}
