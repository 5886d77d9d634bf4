/*
 * Frames (seL4 manual §7.1.3): Map into a VSpace at a virtual address with rights cut down
 * by the capability's, Unmap, GetAddress. Each frame capability holds at most one mapping
 * (ASID and vaddr, in the capability); a copy starts unmapped.
 */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cap.h>
#include <arch/frame.h>
#include <arch/vspace.h>
#include <sel4/arch/invocation_labels.h>

#define VM_ATTRIBUTE_EXECUTE_NEVER BIT(0) /* seL4_RISCV_ExecuteNever */

struct frame_map_args {
    vaddr_t vaddr;
    word_t rights; /* seL4_CapRights_t */
    word_t attributes;
    paddr_t root;
    word_t asid;
    struct pt_slot slot;
};

/* seL4's maskVMRights: read is needed to keep anything; write needs write too. */
enum vm_rights vm_rights_mask(enum vm_rights rights, word_t cap_rights)
{
    if (!(cap_rights & CAP_RIGHT_READ) || rights == VM_RIGHTS_KERNEL_ONLY)
        return VM_RIGHTS_KERNEL_ONLY;
    if (rights == VM_RIGHTS_READ_WRITE && (cap_rights & CAP_RIGHT_WRITE))
        return VM_RIGHTS_READ_WRITE;
    return VM_RIGHTS_READ_ONLY;
}

void frame_unmap(struct cap frame)
{
    if (cap_mapped_asid(frame) == ASID_INVALID)
        return;
    paddr_t root = asid_find_vspace(cap_mapped_asid(frame));
    if (!root)
        return;
    struct pt_slot slot = vspace_lookup_slot(root, cap_mapped_vaddr(frame));
    /* The entry may have gone with its table, or hold another frame by now. */
    if (slot.bits_left != cap_frame_size_bits(frame) || !pte_is_valid(*slot.pte) ||
        pte_is_table(*slot.pte) || pte_paddr(*slot.pte) != cap_object(frame))
        return;
    *slot.pte = 0;
    vspace_flush_tlb();
}

/* The frame's current mapping may only be redone in place (new rights). */
static struct syscall_error check_remap(struct cap frame, const struct frame_map_args *args)
{
    if (cap_mapped_asid(frame) == ASID_INVALID)
        return pte_is_valid(*args->slot.pte) ? error_plain(seL4_DeleteFirst) : error_none();
    if (cap_mapped_asid(frame) != args->asid)
        return error_invalid_capability(1);
    if (cap_mapped_vaddr(frame) != args->vaddr)
        return error_invalid_argument(0);
    if (pte_is_table(*args->slot.pte))
        return error_plain(seL4_DeleteFirst);
    return error_none();
}

/* Everything after the VSpace: range, alignment, a table at the frame's level, no clash. */
static struct syscall_error check_placement(struct cap frame, struct frame_map_args *args)
{
    word_t size_bits = cap_frame_size_bits(frame);
    /* vaddr + size cannot wrap once the alignment check below has passed. */
    if (args->vaddr + BIT(size_bits) - 1 >= ARCH_USER_TOP)
        return error_invalid_argument(0);
    if (args->vaddr & MASK(size_bits))
        return error_plain(seL4_AlignmentError);
    args->slot = vspace_lookup_slot(args->root, args->vaddr);
    if (args->slot.bits_left != size_bits) {
        struct lookup_fault fault = {LOOKUP_MISSING_CAPABILITY, args->slot.bits_left, 0, 0};
        return error_failed_lookup(false, &fault);
    }
    return check_remap(frame, args);
}

static void frame_map(struct cte *slot, const struct frame_map_args *args)
{
    struct cap frame = slot->cap;
    enum vm_rights rights = vm_rights_mask(cap_frame_rights(frame), args->rights);
    bool executable = !(args->attributes & VM_ATTRIBUTE_EXECUTE_NEVER);
    slot->cap = cap_frame_with_mapping(frame, args->asid, args->vaddr);
    *args->slot.pte = vspace_user_pte(cap_object(frame), rights, executable);
    vspace_flush_tlb();
}

/* Map(vspace, vaddr, rights, attributes), checked in seL4's order. */
static struct syscall_error frame_decode_map(struct invocation *inv)
{
    if (inv->length < 3 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct frame_map_args args = {.vaddr = invocation_arg(inv, 0),
                                  .rights = invocation_arg(inv, 1),
                                  .attributes = invocation_arg(inv, 2)};
    struct cap vspace = inv->extra[0]->cap;
    if (!vspace_cap_is_root(vspace))
        return error_invalid_capability(1);
    struct syscall_error error = vspace_cap_resolve(vspace, &args.root, &args.asid);
    if (error_is_none(error))
        error = check_placement(inv->cap, &args);
    if (error_is_none(error))
        frame_map(inv->slot, &args);
    return error;
}

static struct syscall_error frame_decode_unmap(struct invocation *inv)
{
    frame_unmap(inv->cap);
    inv->slot->cap = cap_frame_with_mapping(inv->slot->cap, ASID_INVALID, 0);
    return error_none();
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
    case RISCVPageMap:
        return frame_decode_map(inv);
    case RISCVPageUnmap:
        return frame_decode_unmap(inv);
    case RISCVPageGetAddress:
        return frame_decode_get_address(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
