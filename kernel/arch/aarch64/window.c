/* The kernel's window onto physical memory: level-1 entries of kernel_l1_window (set up empty
 * by entry.S) hold 1 GiB blocks where a whole GiB is wanted, else level-2 tables of 2 MiB
 * blocks from a small static pool. Entries only ever go from invalid to valid, so no TLB
 * maintenance or break-before-make is needed. */
#include <arch.h>
#include <arch/page_table.h>
#include <arch/sysreg.h>
#include <arch/window.h>

#define GIB BIT(PT_L1_SHIFT)
#define BLOCK_2M BIT(PT_L2_SHIFT)
/* Enough for RAM that is not GiB-aligned at both ends, a device region and the DTB. */
#define WINDOW_L2_TABLES 8

static pte_t window_l2_pool[WINDOW_L2_TABLES][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static unsigned window_l2_used;

static pte_t *window_l2_of(pte_t l1_entry)
{
    paddr_t pool = arch_virt_to_phys(window_l2_pool);
    return window_l2_pool[(pte_address(l1_entry) - pool) / PAGE_SIZE];
}

/* The level-2 table under a level-1 entry, made if the entry is empty; NULL when the entry
 * is a 1 GiB block already or the pool is spent. */
static pte_t *window_l2_table(pte_t *l1_entry)
{
    if (pte_is_table(*l1_entry))
        return window_l2_of(*l1_entry);
    if (*l1_entry || window_l2_used == WINDOW_L2_TABLES)
        return NULL;
    pte_t *table = window_l2_pool[window_l2_used++];
    *l1_entry = arch_virt_to_phys(table) | PTE_TABLE;
    return table;
}

/* Map [start, end) (2 MiB-aligned) with block attributes `attributes`. */
static bool window_map(paddr_t start, paddr_t end, pte_t attributes)
{
    for (paddr_t p = start; p < end;) {
        pte_t *l1_entry = &kernel_l1_window[pt_index(p, PT_L1_SHIFT)];
        if (!*l1_entry && p % GIB == 0 && end - p >= GIB) {
            *l1_entry = p | PTE_BLOCK | attributes;
            p += GIB;
            continue;
        }
        pte_t *l2 = window_l2_table(l1_entry);
        if (!l2 && *l1_entry) {
            p = ROUND_DOWN(p, GIB) + GIB; /* a 1 GiB block maps all of it already */
            continue;
        }
        if (!l2)
            return false;
        pte_t *l2_entry = &l2[pt_index(p, PT_L2_SHIFT)];
        if (!*l2_entry)
            *l2_entry = p | PTE_BLOCK | attributes;
        p += BLOCK_2M;
    }
    dsb_ishst();
    isb();
    return true;
}

static bool window_map_range(paddr_t start, paddr_t end, pte_t attributes)
{
    if (end <= start || end > PHYS_WINDOW_SIZE)
        return false;
    return window_map(ROUND_DOWN(start, BLOCK_2M), ROUND_UP(end, BLOCK_2M), attributes);
}

bool window_map_memory(paddr_t start, paddr_t end)
{
    return window_map_range(start, end, PTE_KERNEL_NORMAL | PTE_PXN);
}

bool window_map_device(paddr_t start, paddr_t end)
{
    return window_map_range(start, end, PTE_KERNEL_DEVICE);
}

bool window_is_memory(paddr_t paddr)
{
    if (paddr >= PHYS_WINDOW_SIZE)
        return false;
    pte_t entry = kernel_l1_window[pt_index(paddr, PT_L1_SHIFT)];
    if (pte_is_table(entry))
        entry = window_l2_of(entry)[pt_index(paddr, PT_L2_SHIFT)];
    return (entry & PTE_VALID) &&
           (entry & PTE_ATTR_INDEX(MASK(3))) == PTE_ATTR_INDEX(MAIR_NORMAL);
}
