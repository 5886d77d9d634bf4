/* VSpace objects (level-0 tables): the checks every invocation that names a VSpace makes,
 * and the VSpace's own invocations, the cache flushes over a user address range. A VSpace
 * is usable once an ASID pool has assigned it an ASID (object/asid_pool.c). */
#include <arch.h>
#include <arch/cache.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/vspace.h>
#include <object/asid_pool.h>
#include <sel4/arch/invocation_labels.h>

struct syscall_error vspace_check_cap(struct cap cap, word_t cap_index, paddr_t *root,
                                      word_t *asid)
{
    *root = arch_vspace_root(cap);
    *asid = cap_mapped_asid(cap);
    if (!*root)
        return error_invalid_capability(cap_index);
    return asid_check_vspace(*root, *asid, cap_index);
}

/* ARM VSpace_Clean_Data and the other flushes: their message words (ABI §5.6). */
struct vspace_flush_args {
    word_t start, end;
};

/* Flush [start, end) of the VSpace: the range must lie in one mapped page; an unmapped
 * start succeeds without doing anything, as there is nothing cached for it. */
static struct syscall_error vspace_decode_flush(struct invocation *inv)
{
    struct vspace_flush_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    vaddr_t start = args.start, end = args.end;
    if (end <= start)
        return error_invalid_argument(1);
    if (end > USER_TOP_LAST)
        return error_plain(seL4_IllegalOperation);
    paddr_t root;
    word_t asid;
    struct syscall_error error = vspace_check_cap(inv->cap, 0, &root, &asid);
    if (!error_is_none(error))
        return error;
    struct pt_slot slot = vspace_lookup_slot(root, start);
    if (!pte_is_valid(*slot.entry))
        return error_none();
    word_t bits = slot.bits_left;
    if (ROUND_DOWN(start, BIT(bits)) != ROUND_DOWN(end - 1, BIT(bits)))
        return error_range(start, ROUND_DOWN(start, BIT(bits)) + MASK(bits));
    if (inv->label == ARMVSpaceInvalidate_Data &&
        vspace_pte_vm_rights(*slot.entry) != VM_RIGHTS_READ_WRITE)
        return error_plain(seL4_IllegalOperation);
    paddr_t pstart = pte_address(*slot.entry) + (start & MASK(bits));
    cache_maintain(cache_op_of_label(inv->label), pstart, end - start);
    return error_none();
}

struct syscall_error vspace_decode(struct invocation *inv)
{
    switch (inv->label) {
    case ARMVSpaceClean_Data:
    case ARMVSpaceInvalidate_Data:
    case ARMVSpaceCleanInvalidate_Data:
    case ARMVSpaceUnify_Instruction:
        return vspace_decode_flush(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
