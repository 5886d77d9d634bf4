/* Sv39 page-table entries and tables (privileged spec 1.12 §4.4): three levels of 512
 * entries; level 2 is the root. A valid entry with none of R, W, X points at the next
 * table; any of them makes it a leaf. Arch-private. */
#pragma once
#include <arch/machine.h>
#include <types.h>

typedef uint64_t pte_t;

#define PTE_V BIT(0)
#define PTE_R BIT(1)
#define PTE_W BIT(2)
#define PTE_X BIT(3)
#define PTE_U BIT(4)
#define PTE_G BIT(5)
#define PTE_A BIT(6)
#define PTE_D BIT(7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_BITS 44
#define PT_INDEX_BITS 9
#define PTES_PER_TABLE BIT(PT_INDEX_BITS)
#define SV39_LEVELS 3
#define KERNEL_HALF_FIRST 256 /* root entries 256..511 map the kernel's upper half */

_Static_assert(PTES_PER_TABLE * sizeof(pte_t) == PAGE_SIZE, "a table is one page");

static inline pte_t pte_make(paddr_t paddr, word_t flags)
{
    return ((paddr >> PAGE_BITS) << PTE_PPN_SHIFT) | flags;
}

static inline paddr_t pte_paddr(pte_t pte)
{
    return ((pte >> PTE_PPN_SHIFT) & MASK(PTE_PPN_BITS)) << PAGE_BITS;
}

static inline bool pte_is_valid(pte_t pte)
{
    return pte & PTE_V;
}

/* A valid entry pointing at a next-level table. */
static inline bool pte_is_table(pte_t pte)
{
    return (pte & PTE_V) && !(pte & PTE_LEAF);
}

/* The entry for `vaddr` in a table of `level` (0 maps 4 KiB pages, 2 is the root). */
static inline unsigned pte_index(vaddr_t vaddr, int level)
{
    return (vaddr >> (PAGE_BITS + PT_INDEX_BITS * level)) & (PTES_PER_TABLE - 1);
}

/* log2 bytes one entry of a `level` table maps. */
static inline word_t pte_level_bits(int level)
{
    return PAGE_BITS + PT_INDEX_BITS * (word_t)level;
}

static inline pte_t *page_table_at(paddr_t table)
{
    return arch_phys_to_virt(table);
}
