/*
 * The root task's x86_64 capabilities at boot (core/boot_cspace.c): the initial ASID pool with
 * the root task's PML4 at ASID 1, the PML4 itself, ASID and I/O port control, its frames
 * (mapped read-write, as seL4 records them), and its PDPTs, page directories and page tables,
 * listed by level as seL4 lists them.
 */
#include <arch.h>
#include <arch/objects.h>
#include <arch/page_table.h>

struct cap arch_boot_asid_pool_cap(paddr_t vspace)
{
    return asid_boot_pool(vspace);
}

struct cap arch_boot_vspace_cap(paddr_t vspace)
{
    return cap_paging_mapped(cap_paging(CAP_PML4, vspace), BOOT_ASID, 0);
}

struct cap arch_boot_asid_control_cap(void)
{
    return cap_asid_control();
}

struct cap arch_boot_io_port_control_cap(void)
{
    io_port_reserve_kernel();
    return cap_io_port_control();
}

struct cap arch_boot_frame_cap(paddr_t paddr, vaddr_t vaddr, paddr_t vspace)
{
    (void)vspace;
    return cap_with_mapping(cap_frame(paddr, FRAME_4K, VM_READ_WRITE, false), BOOT_ASID, vaddr);
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
            struct cap cap = cap_paging(types[level], entry & PTE_ADDRESS);
            walk->caps[walk->count++] = cap_paging_mapped(cap, BOOT_ASID, vaddr);
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
