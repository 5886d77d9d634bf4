/* The kernel's own page tables (vspace.c): built once at boot, shared by every address space. */
#pragma once
#include <core/boot.h>

/* The kernel image's parts (linker.ld), at their upper-half addresses; each is page-aligned. */
extern char kernel_image_start[], kernel_text_start[], kernel_rodata_start[],
    kernel_data_start[], kernel_image_end[];

/* Build the kernel image mapping and the physical window over `params`' RAM, the low megabyte
 * and the APIC registers, then switch to them. The boot page tables are dropped. */
void vspace_init_kernel(const struct boot_params *params);
