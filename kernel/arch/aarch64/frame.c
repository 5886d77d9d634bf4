/* The aarch64 half of frames (arch.h; object/frame.c decodes Map, Unmap and GetAddress):
 * 4 KiB pages and 2 MiB and 1 GiB blocks, and the cache flushes, checked in seL4's order. As
 * on seL4 for aarch64, Map replaces whatever page the entry held; the capability of the page
 * replaced keeps its stale record, which Unmap and the flushes check against the entry. */
#include <arch.h>
#include <arch/cache.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/vspace.h>
#include <object/asid_pool.h>
#include <sel4/arch/invocation_labels.h>

/* The walk must end at the frame's level (a table there would have been walked through). */
struct syscall_error arch_frame_lookup_slot(struct frame_map *map)
{
    struct pt_slot slot = vspace_lookup_slot(map->root, map->vaddr);
    if (slot.bits_left != cap_frame_size_bits(map->frame)) {
        struct lookup_fault fault = lookup_fault_missing_capability(slot.bits_left);
        return error_failed_lookup(false, &fault);
    }
    map->slot = slot.entry;
    return error_none();
}

void arch_frame_map(const struct frame_map *map)
{
    pte_t pte = vspace_page_pte(cap_object(map->frame), cap_frame_size_bits(map->frame),
                                map->rights, map->attributes);
    vspace_set_entry(map->slot, pte, map->vaddr);
}

void arch_frame_unmap(paddr_t root, struct cap frame)
{
    vspace_unmap_page(root, cap_mapped_vaddr(frame), cap_object(frame),
                      cap_frame_size_bits(frame));
}

/* The mapping the capability records must still be in the tables (no stale capability). */
static struct syscall_error frame_check_mapped_entry(struct cap cap, paddr_t root, pte_t *pte)
{
    struct pt_slot slot = vspace_lookup_slot(root, cap_mapped_vaddr(cap));
    if (slot.bits_left != cap_frame_size_bits(cap) || !pte_is_valid(*slot.entry) ||
        pte_address(*slot.entry) != cap_object(cap))
        return error_invalid_capability(0);
    *pte = *slot.entry;
    return error_none();
}

/* ARM Page_Clean_Data and the other flushes: their message words (ABI §5.6). */
struct frame_flush_args {
    word_t start_offset, end_offset;
};

/* Flush [start, end), offsets into the frame, which must be mapped. */
static struct syscall_error frame_decode_flush(struct invocation *inv)
{
    struct cap cap = inv->cap;
    struct frame_flush_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    if (cap_mapped_asid(cap) == ASID_INVALID)
        return error_plain(seL4_IllegalOperation);
    paddr_t root = asid_find_vspace(cap_mapped_asid(cap));
    if (!root) {
        struct lookup_fault fault = lookup_fault_invalid_root();
        return error_failed_lookup(false, &fault);
    }
    word_t start = args.start_offset, end = args.end_offset;
    if (end <= start)
        return error_invalid_argument(1);
    if (start >= BIT(cap_frame_size_bits(cap)) || end > BIT(cap_frame_size_bits(cap)))
        return error_invalid_argument(0);
    pte_t pte;
    struct syscall_error error = frame_check_mapped_entry(cap, root, &pte);
    if (!error_is_none(error))
        return error;
    bool writable = vspace_pte_vm_rights(pte) == VM_RIGHTS_READ_WRITE;
    if (inv->label == ARMPageInvalidate_Data && !writable)
        return error_plain(seL4_IllegalOperation);
    cache_maintain(cache_op_of_label(inv->label), cap_object(cap) + start, end - start);
    return error_none();
}

struct syscall_error frame_decode_cache(struct invocation *inv)
{
    switch (inv->label) {
    case ARMPageClean_Data:
    case ARMPageInvalidate_Data:
    case ARMPageCleanInvalidate_Data:
    case ARMPageUnify_Instruction:
        return frame_decode_flush(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
