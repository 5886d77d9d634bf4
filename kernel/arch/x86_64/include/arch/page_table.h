/*
 * x86_64 4-level paging entries (PML4, PDPT, PD, PT; 512 eight-byte entries per table) and the
 * walks the user-memory invocations share (vspace.c): find an entry without allocating, and
 * flush what a change to a live address space leaves in the TLB.
 */
#pragma once
#include <arch/machine.h>
#include <types.h>

typedef uint64_t pte_t;

#define PTE_PRESENT BIT(0)
#define PTE_WRITE BIT(1)
#define PTE_USER BIT(2)
#define PTE_WRITE_THROUGH BIT(3)
#define PTE_CACHE_DISABLE BIT(4)
#define PTE_LARGE BIT(7) /* PD and PDPT entries: a 2 MiB / 1 GiB page, not a table */
#define PTE_PAT_4K BIT(7)
#define PTE_GLOBAL BIT(8)
#define PTE_PAT_LARGE BIT(12)
#define PTE_NX BIT(63)
#define PTE_ADDRESS 0x000ffffffffff000ul

#define TABLE_INDEX_BITS 9
#define TABLE_ENTRIES BIT(TABLE_INDEX_BITS)
/* Levels by the table an entry lies in; an entry at level L maps 2^(12 + 9L) bytes. */
#define LEVEL_PT 0
#define LEVEL_PD 1
#define LEVEL_PDPT 2
#define LEVEL_PML4 3

/* The highest user address (seL4's USER_TOP): the last page below 2^47 stays unmapped, so
 * nothing ends right at the non-canonical hole. */
#define USER_TOP 0x00007ffffffffffful

static inline word_t level_shift(unsigned level)
{
    return PAGE_BITS + TABLE_INDEX_BITS * level;
}

static inline unsigned table_index(vaddr_t vaddr, unsigned level)
{
    return vaddr >> level_shift(level) & (TABLE_ENTRIES - 1);
}

static inline pte_t *table_at(paddr_t table)
{
    return arch_phys_to_virt(table);
}

/* A present entry that points at a table: a PML4 entry, or a PDPT or PD entry without PS
 * (page-table entries map pages; their bit 7 is the PAT bit). */
static inline bool pte_is_table(pte_t entry, unsigned level)
{
    return (entry & PTE_PRESENT) && level != LEVEL_PT &&
           (level == LEVEL_PML4 || !(entry & PTE_LARGE));
}

/* The frame a page entry at `level` maps (above level 0, bit 12 is the PAT bit). */
static inline paddr_t pte_page_address(pte_t entry, unsigned level)
{
    return entry & PTE_ADDRESS & ~MASK(level_shift(level));
}
