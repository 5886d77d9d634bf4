/* Sv39 address spaces: the kernel's own tables for boot, and the table walk and user entries
 * the frame and page-table invocations use. Arch-private. */
#pragma once
#include <api/invocation.h>
#include <arch/page_table.h>
#include <types.h>

/* Build the kernel's tables -- the physical window over [0, window_end) in gigapages and the
 * kernel image in 4 KiB pages with W^X permissions -- and switch to them. Runs once, on the
 * boot table from head.S. */
void vspace_init_kernel(paddr_t window_end);
/* Give the root table at `root` the kernel's upper-half entries. */
void vspace_copy_kernel_mappings(paddr_t root);

/* Where a walk for a mapping stopped (seL4's lookupPTSlot): the entry, and log2 of the bytes
 * an entry at that level maps (12, 21 or 30). */
struct pt_slot {
    pte_t *pte;
    word_t bits_left;
};

/* Walk from `root` towards `vaddr` through valid table entries, as deep as they go. */
struct pt_slot vspace_lookup_slot(paddr_t root, vaddr_t vaddr);
/* The leaf entry mapping `frame` for user mode with `vm_rights` (enum vm_rights); 0 (no
 * mapping) when that grants nothing. */
pte_t vspace_user_pte(paddr_t frame, word_t vm_rights, bool executable);
/* Drop every cached translation: after any entry is removed or changed. */
void vspace_flush_tlb(void);
