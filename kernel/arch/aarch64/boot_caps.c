/* The capabilities the boot gives the root task to what aarch64's boot made for it (arch.h,
 * core/boot_cspace.c): no I/O port control, and the page tables under its VSpace. */
#include <arch.h>
#include <arch/cap.h>
#include <arch/page_table.h>
#include <object/asid_pool.h>

struct cap arch_boot_io_port_control_cap(void)
{
    return cap_null();
}

/* Append capabilities to the tables `table` (at the level whose entries map 2^shift bytes,
 * covering from `base`) links to, level by level as seL4 lists them. */
static word_t add_tables_below(paddr_t table, vaddr_t base, word_t shift, struct cap *caps,
                               word_t count, word_t max)
{
    const pte_t *entries = arch_phys_to_virt(table);
    for (word_t i = 0; i < PT_ENTRIES && count < max; i++) {
        if (pte_is_table(entries[i]))
            caps[count++] = cap_table_mapped(cap_table(CAP_PAGE_TABLE, pte_address(entries[i])),
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
