/* The capabilities the boot gives the root task to what aarch64's boot made for it (arch.h,
 * core/boot_cspace.c): the boot ASID pool with the root task's VSpace at ASID_BOOT, its
 * VSpace, ASID control, its mapped frames, and the page tables under its VSpace. */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cap.h>
#include <arch/page_table.h>
#include <core/memory.h>
#include <lib/printf.h>

struct cap arch_boot_asid_pool_cap(paddr_t vspace)
{
    paddr_t pool = boot_alloc_pages(1);
    if (!pool)
        kernel_panic("boot: out of memory for the ASID pool");
    asid_pool_install(0, pool);
    asid_assign(ASID_BOOT, vspace);
    return cap_asid_pool(pool, 0);
}

struct cap arch_boot_vspace_cap(paddr_t vspace)
{
    return cap_vspace_assigned(cap_vspace(vspace), ASID_BOOT);
}

struct cap arch_boot_asid_control_cap(void)
{
    return cap_asid_control();
}

struct cap arch_boot_io_port_control_cap(void)
{
    return cap_null();
}

struct cap arch_boot_frame_cap(paddr_t paddr, vaddr_t vaddr, paddr_t vspace)
{
    (void)vspace; /* the boot maps only into the root task's VSpace, at ASID_BOOT */
    struct cap cap = cap_frame(paddr, PAGE_BITS, VM_RIGHTS_READ_WRITE, false);
    return cap_with_mapping(cap, ASID_BOOT, vaddr);
}

/* Append capabilities to the tables `table` (at the level whose entries map 2^shift bytes,
 * covering from `base`) links to, level by level as seL4 lists them. */
static word_t add_tables_below(paddr_t table, vaddr_t base, word_t shift, struct cap *caps,
                               word_t count, word_t max)
{
    const pte_t *entries = arch_phys_to_virt(table);
    for (word_t i = 0; i < PT_ENTRIES && count < max; i++) {
        if (pte_is_table(entries[i]))
            caps[count++] = cap_page_table_mapped(cap_page_table(pte_address(entries[i])),
                                                  ASID_BOOT, base + (i << shift));
    }
    return count;
}

word_t arch_boot_paging_caps(paddr_t vspace, struct cap *caps, word_t max)
{
    word_t count = add_tables_below(vspace, 0, PT_L0_SHIFT, caps, 0, max);
    /* Each pass adds the tables one level further down, below the previous level's. */
    for (word_t level_start = 0, shift = PT_L1_SHIFT; shift > PT_L3_SHIFT;
         shift -= PT_INDEX_BITS) {
        word_t level_end = count;
        for (word_t i = level_start; i < level_end; i++)
            count = add_tables_below(cap_object(caps[i]), cap_mapped_vaddr(caps[i]), shift,
                                     caps, count, max);
        level_start = level_end;
    }
    return count;
}
