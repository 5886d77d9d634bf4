/* The kernel's own page tables (vspace.c): built once at boot, shared by every address space;
 * and the walks and TLB flushes over any PML4 that frame.c, page_table.c and object.c use. */
#pragma once
#include <arch/page_table.h>
#include <core/boot.h>

/* seL4_X86_VMAttributes bits (Page_Map; the table maps take the first two). */
#define VM_ATTR_WRITE_THROUGH BIT(0)
#define VM_ATTR_CACHE_DISABLED BIT(1)
#define VM_ATTR_PAT BIT(2)

/* The kernel image's parts (linker.ld), at their upper-half addresses; each is page-aligned. */
extern char kernel_image_start[], kernel_text_start[], kernel_rodata_start[],
    kernel_data_start[], kernel_image_end[];

/* Build the kernel image mapping and the physical window over `params`' RAM, the low megabyte
 * and the APIC registers, then switch to them. The boot page tables are dropped. */
void vspace_init_kernel(const struct boot_params *params);

/* The entry at `level` for `vaddr` under the PML4 `root`, walking only present tables.
 * NULL when a table on the way is missing (or a large page stands in its place); then
 * *bits_left is seL4's lookup-fault detail: the bits the missing table would translate
 * (39 without a PDPT, 30 without a page directory, 21 without a page table). */
pte_t *vspace_lookup(paddr_t root, vaddr_t vaddr, unsigned level, word_t *bits_left);
/* After removing or changing the mapping of `vaddr` in `root`: drop it from the TLB if `root`
 * is the live address space (without PCID, switching address spaces flushes the rest). */
void vspace_flush_page(paddr_t root, vaddr_t vaddr);
/* After unlinking a table from `root`: flush the TLB and paging-structure caches if live. */
void vspace_flush_all(paddr_t root);
/* A new PML4 shares the kernel's half: copy its upper 256 entries into `root`. */
void vspace_copy_kernel(paddr_t root);
