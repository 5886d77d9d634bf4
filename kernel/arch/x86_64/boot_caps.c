/*
 * The root task's x86_64 capabilities at boot (core/boot_cspace.c): I/O port control, and
 * its PDPTs, page directories and page tables, listed by level as seL4 lists them.
 */
#include <arch.h>
#include <arch/objects.h>
#include <arch/page_table.h>
#include <object/asid_pool.h>

struct cap arch_boot_io_port_control_cap(void)
{
    io_port_reserve_kernel();
    return cap_io_port_control();
}

struct paging_walk {
    struct cap *caps;
    word_t count, max;
};

/* Capabilities to the tables that the entries of `table` (at `level`, covering `base`) point
 * to, when `level` is the one wanted; else the walk goes down. */
static void collect(struct paging_walk *walk, paddr_t table, unsigned level, vaddr_t base,
                    unsigned wanted)
{
    static const word_t types[] = {[LEVEL_PD] = CAP_PAGE_TABLE,
                                   [LEVEL_PDPT] = CAP_PAGE_DIRECTORY,
                                   [LEVEL_PML4] = CAP_PDPT};
    word_t entries = level == LEVEL_PML4 ? TABLE_ENTRIES / 2 : TABLE_ENTRIES; /* user half */
    for (word_t i = 0; i < entries; i++) {
        pte_t entry = table_at(table)[i];
        vaddr_t vaddr = base + (i << level_shift(level));
        if (!pte_is_table(entry, level))
            continue;
        if (level > wanted) {
            collect(walk, entry & PTE_ADDRESS, level - 1, vaddr, wanted);
        } else if (walk->count < walk->max) {
            struct cap cap = cap_table(types[level], entry & PTE_ADDRESS);
            walk->caps[walk->count++] = cap_table_mapped(cap, ASID_BOOT, vaddr);
        }
    }
}

word_t arch_boot_paging_caps(paddr_t vspace, struct cap *caps, word_t max)
{
    struct paging_walk walk = {caps, 0, max};
    for (unsigned wanted = LEVEL_PML4; wanted >= LEVEL_PD; wanted--)
        collect(&walk, vspace, LEVEL_PML4, 0, wanted);
    return walk.count;
}
