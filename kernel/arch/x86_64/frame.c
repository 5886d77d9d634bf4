/*
 * Frames (seL4 x86 decodeX86FrameInvocation): 4 KiB, 2 MiB and 1 GiB pages. Each frame
 * capability holds at most one mapping, recorded in the capability as (ASID, vaddr); a copy
 * starts unmapped. Map checks its arguments in seL4's order and, as seL4 on x86, overwrites
 * another frame's mapping at the address; Unmap and deletion remove the mapping only if the
 * entry still maps this frame in the address space the ASID names.
 */
#include <arch.h>
#include <arch/cpu.h>
#include <arch/objects.h>
#include <arch/page_table.h>
#include <sel4/arch/invocation_labels.h>

/* The level of the entry that maps a frame of `size`: PT for 4 KiB, PD for 2 MiB, PDPT. */
static unsigned frame_level(word_t size)
{
    return LEVEL_PT + size;
}

/* The entry mapping `paddr` with `rights` and the VM attributes word (PWT, PCD, PAT). User
 * pages are never execute-disabled, as in seL4; kernel-only ones lack the user bit. */
static pte_t frame_entry(paddr_t paddr, word_t size, word_t rights, word_t attributes)
{
    pte_t entry = paddr | PTE_PRESENT;
    if (rights != VM_READ_ONLY)
        entry |= PTE_WRITE;
    if (rights != VM_KERNEL_ONLY)
        entry |= PTE_USER;
    entry |= (attributes & 1 ? PTE_WRITE_THROUGH : 0) | (attributes & 2 ? PTE_CACHE_DISABLE : 0);
    if (size == FRAME_4K && (attributes & 4))
        entry |= PTE_PAT_4K;
    if (size == FRAME_2M && (attributes & 4))
        entry |= PTE_PAT_LARGE; /* seL4 gives 1 GiB pages no PAT bit */
    if (size != FRAME_4K)
        entry |= PTE_LARGE;
    return entry;
}

struct frame_map {
    vaddr_t vaddr;
    word_t rights, attributes, asid;
    paddr_t root;
    pte_t *slot;
};

/* The address checks: a mapped frame may only be mapped again where it is (a remap, to change
 * rights or attributes); an unmapped one anywhere the whole frame stays at or below USER_TOP. */
static struct syscall_error frame_check_address(struct cap cap, const struct frame_map *map)
{
    if (cap_mapped_asid(cap) != ASID_INVALID) {
        if (cap_mapped_asid(cap) != map->asid)
            return error_invalid_capability(1);
        if (cap_mapped_vaddr(cap) != map->vaddr)
            return error_invalid_argument(0);
        return error_none();
    }
    word_t top = map->vaddr + BIT(frame_size_bits(cap_frame_size(cap)));
    if (map->vaddr > USER_TOP || top > USER_TOP)
        return error_invalid_argument(0);
    return error_none();
}

/* True if `entry` at `level` maps the frame `cap` names. */
static bool entry_maps_frame(pte_t entry, unsigned level, struct cap cap)
{
    return (entry & PTE_PRESENT) && !pte_is_table(entry, level) &&
           pte_page_address(entry, level) == cap_object(cap);
}

/* The entry the mapping goes in: FailedLookup without the table above it; DeleteFirst if a
 * page table or directory is in the way. Another frame's mapping there is overwritten, as
 * seL4 does on x86 (that frame's capability still records it, but its Unmap finds the entry
 * no longer maps it and leaves it alone). */
static struct syscall_error frame_find_slot(struct cap cap, struct frame_map *map)
{
    word_t size = cap_frame_size(cap), bits_left;
    if (size == FRAME_1G && !cpu_features.page_1g)
        return error_plain(seL4_IllegalOperation);
    map->slot = vspace_lookup(map->root, map->vaddr, frame_level(size), &bits_left);
    if (!map->slot) {
        struct lookup_fault fault = {LOOKUP_MISSING_CAPABILITY, bits_left, 0, 0};
        return error_failed_lookup(false, &fault);
    }
    if (pte_is_table(*map->slot, frame_level(size)))
        return error_plain(seL4_DeleteFirst);
    return error_none();
}

static void frame_map(struct invocation *inv, const struct frame_map *map)
{
    struct cap cap = inv->cap;
    bool was_present = *map->slot & PTE_PRESENT;
    *map->slot = frame_entry(cap_object(cap), cap_frame_size(cap), map->rights, map->attributes);
    if (was_present)
        vspace_flush_page(map->root, map->vaddr);
    inv->slot->cap = cap_with_mapping(cap, map->asid, map->vaddr);
}

static struct syscall_error frame_decode_map(struct invocation *inv)
{
    if (inv->length < 3 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cap cap = inv->cap;
    struct frame_map map = {.vaddr = invocation_arg(inv, 0),
                            .attributes = invocation_arg(inv, 2)};
    struct syscall_error error = asid_vspace_argument(inv, &map.root, &map.asid);
    if (error_is_none(error))
        error = frame_check_address(cap, &map);
    if (error_is_none(error))
        error = asid_check_vspace(map.root, map.asid);
    if (!error_is_none(error))
        return error;
    map.rights = vm_rights_mask(cap_frame_rights(cap), invocation_arg(inv, 1));
    if (map.vaddr & MASK(frame_size_bits(cap_frame_size(cap))))
        return error_plain(seL4_AlignmentError);
    error = frame_find_slot(cap, &map);
    if (error_is_none(error))
        frame_map(inv, &map);
    return error;
}

void frame_unmap(struct cap cap)
{
    word_t asid = cap_mapped_asid(cap), size = cap_frame_size(cap), bits_left;
    paddr_t root = asid_find_vspace(asid);
    if (asid == ASID_INVALID || !root)
        return;
    vaddr_t vaddr = cap_mapped_vaddr(cap);
    pte_t *slot = vspace_lookup(root, vaddr, frame_level(size), &bits_left);
    if (!slot || !entry_maps_frame(*slot, frame_level(size), cap))
        return;
    *slot = 0;
    vspace_flush_page(root, vaddr);
}

static struct syscall_error frame_decode_get_address(struct invocation *inv)
{
    invocation_set_result(inv, 0, cap_object(inv->cap));
    invocation_reply_length(inv, 1);
    return error_none();
}

struct syscall_error frame_decode(struct invocation *inv)
{
    switch (inv->label) {
    case X86PageMap:
        return frame_decode_map(inv);
    case X86PageUnmap:
        frame_unmap(inv->cap);
        inv->slot->cap = cap_with_mapping(inv->cap, ASID_INVALID, 0);
        return error_none();
    case X86PageGetAddress:
        return frame_decode_get_address(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
