/* Frame objects (4 KiB, 2 MiB and 1 GiB pages): Map, Unmap, GetAddress and the cache
 * flushes, each checked in seL4's order. A frame capability maps its frame at most once;
 * mapping it again at the same address in the same VSpace changes the rights or attributes
 * (a remap), and a copy of the capability is needed for a second mapping. As on seL4 for
 * aarch64, Map replaces whatever page the entry held; the capability of the page replaced
 * keeps its stale record, which Unmap and the flushes check against the entry. */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cache.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/vspace.h>
#include <sel4/arch/invocation_labels.h>

/* seL4's maskVMRights: read is needed for any user access, write for read-write. */
word_t frame_mask_vm_rights(word_t vm_rights, word_t cap_rights)
{
    if (!(cap_rights & CAP_RIGHT_READ) || vm_rights == VM_RIGHTS_KERNEL_ONLY)
        return VM_RIGHTS_KERNEL_ONLY;
    if (vm_rights == VM_RIGHTS_READ_WRITE && (cap_rights & CAP_RIGHT_WRITE))
        return VM_RIGHTS_READ_WRITE;
    return VM_RIGHTS_READ_ONLY;
}

/* Where the capability may map: a mapped one only at its own address in its own VSpace. */
static struct syscall_error frame_check_target(struct cap cap, word_t asid, vaddr_t vaddr)
{
    if (cap_frame_is_mapped(cap)) {
        if (cap_mapped_asid(cap) != asid)
            return error_invalid_capability(1);
        if (cap_mapped_vaddr(cap) != vaddr)
            return error_invalid_argument(0);
    } else if (vaddr + BIT(cap_frame_size_bits(cap)) - 1 > USER_TOP_LAST) {
        return error_invalid_argument(0);
    }
    return error_none();
}

/* The entry for the mapping: the walk must end at the frame's level (a table there would
 * have been walked through). A page already in the entry is replaced (vspace_set_entry). */
static struct syscall_error frame_find_entry(struct cap cap, paddr_t root, vaddr_t vaddr,
                                             pte_t **entry)
{
    struct pt_slot slot = vspace_lookup_slot(root, vaddr);
    if (slot.bits_left != cap_frame_size_bits(cap)) {
        struct lookup_fault fault = {LOOKUP_MISSING_CAPABILITY, slot.bits_left, 0, 0};
        return error_failed_lookup(false, &fault);
    }
    *entry = slot.entry;
    return error_none();
}

static struct syscall_error frame_decode_map(struct invocation *inv)
{
    if (inv->length < 3 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cap cap = inv->cap;
    vaddr_t vaddr = invocation_arg(inv, 0);
    word_t vm_rights = frame_mask_vm_rights(cap_frame_vm_rights(cap), invocation_arg(inv, 1));
    word_t attributes = invocation_arg(inv, 2);
    paddr_t root;
    word_t asid;
    pte_t *entry = 0;
    struct syscall_error error = vspace_check_cap(inv->extra[0]->cap, 1, &root, &asid);
    if (error_is_none(error) && (vaddr & MASK(cap_frame_size_bits(cap))))
        error = error_plain(seL4_AlignmentError);
    if (error_is_none(error))
        error = frame_check_target(cap, asid, vaddr);
    if (error_is_none(error))
        error = frame_find_entry(cap, root, vaddr, &entry);
    if (!error_is_none(error))
        return error;
    inv->slot->cap = cap_with_mapping(cap, asid, vaddr);
    vspace_set_entry(entry, vspace_page_pte(cap_object(cap), cap_frame_size_bits(cap),
                                            vm_rights, attributes), vaddr);
    return error_none();
}

void frame_unmap(struct cap cap)
{
    if (cap_frame_is_mapped(cap))
        vspace_unmap_page(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_object(cap),
                          cap_frame_size_bits(cap));
}

/* Unmap never fails: a mapping the tables no longer hold is simply forgotten. */
static struct syscall_error frame_decode_unmap(struct invocation *inv)
{
    frame_unmap(inv->cap);
    inv->slot->cap = cap_with_mapping(inv->cap, 0, 0);
    return error_none();
}

static struct syscall_error frame_decode_get_address(struct invocation *inv)
{
    invocation_set_result(inv, 0, cap_object(inv->cap));
    invocation_reply_length(inv, 1);
    return error_none();
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

/* Flush [start, end), offsets into the frame, which must be mapped. */
static struct syscall_error frame_decode_flush(struct invocation *inv)
{
    struct cap cap = inv->cap;
    if (inv->length < 2)
        return error_plain(seL4_TruncatedMessage);
    if (!cap_frame_is_mapped(cap))
        return error_plain(seL4_IllegalOperation);
    paddr_t root = asid_find_vspace(cap_mapped_asid(cap));
    if (!root)
        return error_no_vspace();
    word_t start = invocation_arg(inv, 0), end = invocation_arg(inv, 1);
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

struct syscall_error frame_decode(struct invocation *inv)
{
    switch (inv->label) {
    case ARMPageMap:
        return frame_decode_map(inv);
    case ARMPageUnmap:
        return frame_decode_unmap(inv);
    case ARMPageClean_Data:
    case ARMPageInvalidate_Data:
    case ARMPageCleanInvalidate_Data:
    case ARMPageUnify_Instruction:
        return frame_decode_flush(inv);
    case ARMPageGetAddress:
        return frame_decode_get_address(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
