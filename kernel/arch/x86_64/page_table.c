/*
 * The paging structures below the PML4 (seL4 x86_64 PageTable, PageDirectory and PDPT
 * invocations): each is mapped into one entry of the level above, recorded in its capability
 * as (ASID, vaddr). Map checks in seL4's order; Unmap needs the last capability and leaves the
 * table empty; deleting the last capability unlinks it. The PML4 itself has no invocations.
 */
#include <arch.h>
#include <arch/objects.h>
#include <arch/page_table.h>
#include <arch/vspace.h>
#include <core/cspace.h>
#include <lib/string.h>
#include <object/asid_pool.h>
#include <sel4/arch/invocation_labels.h>

struct table_kind {
    word_t map, unmap; /* invocation labels */
    unsigned parent_level;
};

static struct table_kind table_kind(word_t type)
{
    switch (type) {
    case CAP_PAGE_TABLE:
        return (struct table_kind){X86PageTableMap, X86PageTableUnmap, LEVEL_PD};
    case CAP_PAGE_DIRECTORY:
        return (struct table_kind){X86PageDirectoryMap, X86PageDirectoryUnmap, LEVEL_PDPT};
    default:
        return (struct table_kind){X86PDPTMap, X86PDPTUnmap, LEVEL_PML4};
    }
}

/* The level of the entry that maps a paging structure of cap type `type`. */
static unsigned page_table_parent_level(word_t type)
{
    return table_kind(type).parent_level;
}

/* A table entry as seL4 makes it: user, writable, caching from the attributes' PWT and PCD. */
static pte_t table_entry(paddr_t table, word_t attributes)
{
    return table | PTE_PRESENT | PTE_WRITE | PTE_USER |
           (attributes & VM_ATTR_WRITE_THROUGH ? PTE_WRITE_THROUGH : 0) |
           (attributes & VM_ATTR_CACHE_DISABLED ? PTE_CACHE_DISABLE : 0);
}

void page_table_unmap(struct cap cap)
{
    unsigned level = page_table_parent_level(cap_type(cap));
    word_t bits_left;
    paddr_t root = asid_find_vspace(cap_mapped_asid(cap));
    if (!cap_table_is_mapped(cap) || !root)
        return;
    pte_t *slot = vspace_lookup(root, cap_mapped_vaddr(cap), level, &bits_left);
    if (!slot || !pte_is_table(*slot, level) || (*slot & PTE_ADDRESS) != cap_object(cap))
        return;
    *slot = 0;
    vspace_flush_all(root);
}

/* Unmap: only through the last capability; the table comes back empty, as seL4 leaves it. */
static struct syscall_error page_table_decode_unmap(struct invocation *inv)
{
    if (!cspace_is_final(inv->slot))
        return error_plain(seL4_RevokeFirst);
    if (cap_table_is_mapped(inv->cap)) {
        page_table_unmap(inv->cap);
        memset(table_at(cap_object(inv->cap)), 0, PAGE_SIZE);
    }
    inv->slot->cap = cap_table_unmapped(inv->cap);
    return error_none();
}

/* The entry a Map would fill, after the checks seL4 makes between the VSpace and it. */
static struct syscall_error page_table_find_slot(paddr_t root, vaddr_t vaddr, unsigned level,
                                                 pte_t **slot)
{
    word_t bits_left;
    *slot = vspace_lookup(root, vaddr, level, &bits_left);
    if (!*slot) {
        struct lookup_fault fault = lookup_fault_missing_capability(bits_left);
        return error_failed_lookup(false, &fault);
    }
    if (**slot & PTE_PRESENT)
        return error_plain(seL4_DeleteFirst);
    return error_none();
}

/* PDPT_Map's, PageDirectory_Map's and PageTable_Map's message words (ABI §5.6); the VSpace
 * comes as extra capability. */
struct page_table_map_args {
    word_t vaddr, attributes;
};

static struct syscall_error page_table_decode_map(struct invocation *inv, unsigned level)
{
    struct page_table_map_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    if (cap_table_is_mapped(inv->cap))
        return error_invalid_capability(0);
    vaddr_t vaddr = args.vaddr & ~MASK(level_shift(level));
    struct cap vspace = inv->extra[0]->cap;
    paddr_t root = arch_vspace_root(vspace);
    word_t asid = cap_mapped_asid(vspace);
    pte_t *slot;
    if (!root)
        return error_invalid_capability(1);
    struct syscall_error error = vaddr > USER_TOP ? error_invalid_argument(0) : error_none();
    if (error_is_none(error))
        error = asid_check_vspace(root, asid, 1);
    if (error_is_none(error))
        error = page_table_find_slot(root, vaddr, level, &slot);
    if (!error_is_none(error))
        return error;
    *slot = table_entry(cap_object(inv->cap), args.attributes);
    inv->slot->cap = cap_table_mapped(inv->cap, asid, vaddr);
    return error_none();
}

struct syscall_error page_table_decode(struct invocation *inv)
{
    struct table_kind kind = table_kind(cap_type(inv->cap));
    if (inv->label == kind.unmap)
        return page_table_decode_unmap(inv);
    if (inv->label != kind.map)
        return error_plain(seL4_IllegalOperation);
    return page_table_decode_map(inv, kind.parent_level);
}
