/*
 * Page tables (seL4 manual §7.1.2): Map puts an unmapped table into a VSpace at the first
 * level the walk for the address finds empty; Unmap takes it out again and clears it, so the
 * mappings inside go with it. The same object type becomes a VSpace root by ASIDPool Assign.
 */
#include <arch.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/vspace.h>
#include <lib/string.h>
#include <object/asid_pool.h>
#include <sel4/arch/invocation_labels.h>

/* Take the table `target` out of the VSpace `asid` names, if it is still at `vaddr`. */
static void page_table_unmap(word_t asid, vaddr_t vaddr, paddr_t target)
{
    paddr_t table = asid_find_vspace(asid);
    pte_t *slot = 0;
    if (!table)
        return;
    for (int level = SV39_LEVELS - 1; level > 0 && table != target; level--) {
        slot = &page_table_at(table)[pte_index(vaddr, level)];
        if (!pte_is_table(*slot))
            return;
        table = pte_paddr(*slot);
    }
    if (table != target || !slot)
        return;
    *slot = 0;
    vspace_flush_tlb();
}

void page_table_finalise(struct cap cap)
{
    if (!cap_table_is_mapped(cap))
        return;
    word_t asid = cap_mapped_asid(cap);
    if (asid_find_vspace(asid) == cap_object(cap))
        asid_finalise_vspace(cap);
    else
        page_table_unmap(asid, cap_mapped_vaddr(cap), cap_object(cap));
}

/* Unmap: only the last capability, and never a VSpace root that still has its ASID. */
static struct syscall_error page_table_decode_unmap(struct invocation *inv)
{
    struct cap cap = inv->cap;
    if (!cspace_is_final(inv->slot))
        return error_plain(seL4_RevokeFirst);
    if (cap_table_is_mapped(cap) &&
        asid_find_vspace(cap_mapped_asid(cap)) == cap_object(cap))
        return error_plain(seL4_RevokeFirst);
    if (cap_table_is_mapped(cap)) {
        page_table_unmap(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_object(cap));
        memset(page_table_at(cap_object(cap)), 0, PAGE_SIZE);
    }
    inv->slot->cap = cap_table_unmapped(cap);
    return error_none();
}

static void page_table_map(struct cte *slot, struct pt_slot at, word_t asid, vaddr_t vaddr)
{
    vaddr_t base = vaddr & ~MASK(at.bits_left);
    slot->cap = cap_table_mapped(slot->cap, asid, base);
    *at.pte = pte_make(cap_object(slot->cap), PTE_V);
    vspace_flush_tlb();
}

/* PageTable_Map's message words (ABI §5.6); the VSpace comes as extra capability. The
 * attributes do not apply to a table entry. */
struct page_table_map_args {
    word_t vaddr, attributes;
};

/* Checked in seL4's order. */
static struct syscall_error page_table_decode_map(struct invocation *inv)
{
    struct page_table_map_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    if (cap_table_is_mapped(inv->cap))
        return error_invalid_capability(0);
    vaddr_t vaddr = args.vaddr;
    struct cap vspace = inv->extra[0]->cap;
    paddr_t root = arch_vspace_root(vspace);
    word_t asid = cap_mapped_asid(vspace);
    if (!root)
        return error_invalid_capability(1);
    if (vaddr >= ARCH_USER_TOP)
        return error_invalid_argument(0);
    struct syscall_error error = asid_check_vspace(root, asid, 1);
    if (!error_is_none(error))
        return error;
    struct pt_slot at = vspace_lookup_slot(root, vaddr);
    if (at.bits_left == PAGE_BITS || pte_is_valid(*at.pte))
        return error_plain(seL4_DeleteFirst);
    page_table_map(inv->slot, at, asid, vaddr);
    return error_none();
}

struct syscall_error page_table_decode(struct invocation *inv)
{
    switch (inv->label) {
    case RISCVPageTableUnmap:
        return page_table_decode_unmap(inv);
    case RISCVPageTableMap:
        return page_table_decode_map(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
