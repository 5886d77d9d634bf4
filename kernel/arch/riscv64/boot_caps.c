/*
 * The capabilities the boot hands the root task for what riscv64 code made: no I/O port
 * control, and the page tables below the root that map user addresses.
 */
#include <arch.h>
#include <arch/cap.h>
#include <arch/vspace.h>
#include <core/stop.h>
#include <object/asid_pool.h>

struct cap arch_boot_io_port_control_cap(void)
{
    return cap_null();
}

struct paging_caps {
    struct cap *caps;
    word_t count, max;
};

static void add_table(struct paging_caps *out, pte_t entry, vaddr_t vaddr)
{
    if (!pte_is_table(entry))
        return;
    if (out->count == out->max)
        kernel_panic("boot: more than %lu page tables for the root task", out->max);
    struct cap table = cap_table(CAP_PAGE_TABLE, pte_paddr(entry));
    out->caps[out->count++] = cap_table_mapped(table, ASID_BOOT, vaddr);
}

/* As seL4 lists them: the tables of the middle level first, then the leaf tables. */
word_t arch_boot_paging_caps(paddr_t vspace, struct cap *caps, word_t max)
{
    struct paging_caps out = {caps, 0, max};
    const pte_t *root = page_table_at(vspace);
    for (word_t i = 0; i < KERNEL_HALF_FIRST; i++)
        add_table(&out, root[i], i << pte_level_bits(2));
    for (word_t i = 0; i < KERNEL_HALF_FIRST; i++) {
        if (!pte_is_table(root[i]))
            continue;
        const pte_t *middle = page_table_at(pte_paddr(root[i]));
        for (word_t j = 0; j < PTES_PER_TABLE; j++)
            add_table(&out, middle[j], (i << pte_level_bits(2)) | (j << pte_level_bits(1)));
    }
    return out.count;
}
