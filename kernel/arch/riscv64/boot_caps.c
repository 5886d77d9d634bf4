/*
 * The capabilities the boot hands the root task for what arch code made: the first ASID
 * pool, the VSpace root (ASID 1, as seL4's IT_ASID), ASID control, the frames the boot mapped
 * and the page tables below the root that map user addresses.
 */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cap.h>
#include <arch/vspace.h>
#include <core/boot.h>
#include <lib/printf.h>

#define ROOT_TASK_ASID 1ul

struct cap arch_boot_asid_pool_cap(paddr_t vspace)
{
    paddr_t pool = boot_alloc_frame();
    if (!pool)
        kernel_panic("boot: out of memory for the ASID pool");
    return asid_boot_pool(pool, vspace, ROOT_TASK_ASID);
}

struct cap arch_boot_vspace_cap(paddr_t vspace)
{
    return cap_page_table_with_mapping(cap_page_table(vspace), ROOT_TASK_ASID, 0);
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
    (void)vspace; /* the root task's, which has ROOT_TASK_ASID */
    struct cap frame = cap_frame(paddr, FRAME_4K, VM_RIGHTS_READ_WRITE, false);
    return cap_frame_with_mapping(frame, ROOT_TASK_ASID, vaddr);
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
    struct cap table = cap_page_table(pte_paddr(entry));
    out->caps[out->count++] = cap_page_table_with_mapping(table, ROOT_TASK_ASID, vaddr);
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
