/* Page table objects: one type for levels 1 to 3, placed at whichever level the VSpace's
 * existing tables leave free for the address (seL4 since 12.0). Map links a table into an
 * assigned VSpace, Unmap takes it out again and clears it. */
#include <arch.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/sysreg.h>
#include <arch/vspace.h>
#include <core/cspace.h>
#include <lib/string.h>
#include <sel4/arch/invocation_labels.h>

/* PageTable_Map's message words (ABI §5.6); the VSpace comes as extra capability. The
 * attributes do not apply to a table entry. */
struct page_table_map_args {
    word_t vaddr, attributes;
};

static struct syscall_error page_table_decode_map(struct invocation *inv)
{
    struct page_table_map_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    struct cap cap = inv->cap;
    if (cap_table_is_mapped(cap))
        return error_invalid_capability(0);
    vaddr_t vaddr = args.vaddr;
    struct cap vspace = inv->extra[0]->cap;
    if (!arch_vspace_root(vspace))
        return error_invalid_capability(1);
    if (vaddr > USER_TOP_LAST)
        return error_invalid_argument(0);
    paddr_t root;
    word_t asid;
    struct syscall_error error = vspace_check_cap(vspace, 1, &root, &asid);
    if (!error_is_none(error))
        return error;
    struct pt_slot slot = vspace_lookup_slot(root, vaddr);
    if (slot.bits_left == PAGE_BITS || pte_is_valid(*slot.entry))
        return error_plain(seL4_DeleteFirst);
    inv->slot->cap = cap_table_mapped(cap, asid, ROUND_DOWN(vaddr, BIT(slot.bits_left)));
    *slot.entry = cap_object(cap) | PTE_TABLE;
    dsb_ishst();
    return error_none();
}

/* Only the last capability to a table may unmap it: copies would keep a stale mapping. */
static struct syscall_error page_table_decode_unmap(struct invocation *inv)
{
    struct cap cap = inv->cap;
    if (!cspace_is_final(inv->slot))
        return error_plain(seL4_RevokeFirst);
    if (cap_table_is_mapped(cap)) {
        vspace_unmap_table(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_object(cap));
        memset(arch_phys_to_virt(cap_object(cap)), 0, BIT(seL4_PageTableBits));
    }
    inv->slot->cap = cap_table_unmapped(cap);
    return error_none();
}

struct syscall_error page_table_decode(struct invocation *inv)
{
    switch (inv->label) {
    case ARMPageTableMap:
        return page_table_decode_map(inv);
    case ARMPageTableUnmap:
        return page_table_decode_unmap(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
