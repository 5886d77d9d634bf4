/* User address spaces (TTBR0) beyond what arch.h asks for: walking a VSpace's tables,
 * building and removing user mappings, TLB maintenance, and switching address space. The
 * invocations (frame.c, page_table.c, vspace_root.c) validate, then call these. */
#pragma once
#include <arch/page_table.h>
#include <types.h>

struct tcb;

/* The last user address (seL4's USER_TOP on aarch64). */
#define USER_TOP_LAST (ARCH_USER_TOP - 1)

/* seL4_ARM_VMAttributes bits. */
#define VM_ATTR_CACHEABLE BIT(0)
#define VM_ATTR_EXECUTE_NEVER BIT(2)

/* The entry a walk for a virtual address stopped at: the first one that is not a table, or
 * the level-3 entry. `bits_left` is log2 of what the entry maps: 39, 30, 21 or 12. */
struct pt_slot {
    pte_t *entry;
    word_t bits_left;
};

/* Walk the VSpace with root table `root` towards `vaddr` (seL4's lookupPTSlot). */
struct pt_slot vspace_lookup_slot(paddr_t root, vaddr_t vaddr);
/* The leaf entry mapping the frame at `frame` of 2^size_bits bytes for user access. */
pte_t vspace_page_pte(paddr_t frame, word_t size_bits, word_t vm_rights, word_t attributes);
/* The VM rights a user leaf entry grants (VM_RIGHTS_* of arch/cap.h). */
word_t vspace_pte_vm_rights(pte_t pte);
/* Write `pte` into `entry`, which maps `vaddr`; a valid old entry is removed first and its
 * TLB entries flushed (break before make). */
void vspace_set_entry(pte_t *entry, pte_t pte, vaddr_t vaddr);
/* Remove the mapping of the frame `frame` (2^size_bits bytes) at `vaddr` under `root`, if
 * the tables still hold exactly that mapping. */
void vspace_unmap_page(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t size_bits);
/* Unlink the page table `table` from the VSpace of `asid`, where it maps `vaddr`, if it is
 * still linked there. */
void vspace_unmap_table(word_t asid, vaddr_t vaddr, paddr_t table);

/* TLB maintenance for user mappings (all of them carry ASID 0 in the TLB). */
void tlb_flush_page(vaddr_t vaddr);
void tlb_flush_all(void);

static inline bool pte_is_valid(pte_t pte)
{
    return pte & PTE_VALID;
}
