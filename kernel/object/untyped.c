/*
 * Untyped memory and Retype (seL4 manual §2.4): objects are carved from an untyped region in
 * order, each aligned to its size, behind a watermark kept in the capability. The watermark
 * goes back to zero only when the untyped has no children left (after Revoke).
 */
#include <api/invocation.h>
#include <arch.h>
#include <core/cspace.h>
#include <lib/string.h>
#include <object/object_type.h>
#include <object/untyped.h>
#include <sel4/invocation_labels.h>
#include <sel4/object_type.h>

struct retype_args {
    word_t type, user_size, size_bits, count;
    struct cte *dest; /* first destination slot */
    sword_t offset;   /* byte offset of the first object in the untyped */
};

sword_t untyped_place(word_t untyped_bits, word_t used, word_t size_bits, word_t count)
{
    if (size_bits > untyped_bits || used > BIT(untyped_bits))
        return -1;
    word_t start = ROUND_UP(used, BIT(size_bits));
    if (start > BIT(untyped_bits) || count > ((BIT(untyped_bits) - start) >> size_bits))
        return -1;
    return (sword_t)start;
}

static struct syscall_error check_object(struct retype_args *args)
{
    if (args->type >= seL4_ObjectTypeCount)
        return error_invalid_argument(0);
    args->size_bits = object_size_bits(args->type, args->user_size);
    if (args->user_size >= seL4_WordBits || args->size_bits > seL4_MaxUntypedBits)
        return error_range(0, seL4_MaxUntypedBits);
    if ((args->type == seL4_CapTableObject && args->user_size == 0) ||
        (args->type == seL4_UntypedObject && args->user_size < seL4_MinUntypedBits) ||
        (args->type == seL4_SchedContextObject && args->user_size < seL4_MinSchedContextBits))
        return error_invalid_argument(1);
    return error_none();
}

/* The destination window: `count` empty slots from `offset` in the CNode named by the root
 * cap and (index, depth); depth 0 means the root CNode itself. */
static struct syscall_error check_destination(struct retype_args *args, struct invocation *inv,
                                              word_t index, word_t depth, word_t offset)
{
    struct cap node = inv->extra[0]->cap;
    if (depth != 0) {
        struct syscall_error error;
        struct cte *slot = invocation_lookup_slot(node, index, depth, false, &error);
        if (!slot)
            return error;
        node = slot->cap;
    }
    if (cap_type(node) != CAP_CNODE) {
        struct lookup_fault fault = lookup_fault_missing_capability(depth);
        return error_failed_lookup(false, &fault);
    }
    word_t slots = BIT(cap_cnode_radix(node));
    if (offset > slots - 1)
        return error_range(0, slots - 1);
    if (args->count < 1 || args->count > seL4_RetypeMaxObjects)
        return error_range(1, seL4_RetypeMaxObjects);
    if (args->count > slots - offset)
        return error_range(1, slots - offset);
    args->dest = (struct cte *)arch_phys_to_virt(cap_object(node)) + offset;
    for (word_t i = 0; i < args->count; i++) {
        if (!cap_is_null(args->dest[i].cap))
            return error_plain(seL4_DeleteFirst);
    }
    return error_none();
}

static struct syscall_error check_memory(struct retype_args *args, const struct invocation *inv)
{
    struct cap untyped = inv->cap;
    word_t bits = cap_untyped_size_bits(untyped);
    word_t used = cspace_has_children(inv->slot) ? cap_untyped_free_offset(untyped) : 0;
    args->offset = untyped_place(bits, used, args->size_bits, args->count);
    if (args->offset < 0)
        return error_not_enough_memory(BIT(bits) - used);
    if (cap_untyped_is_device(untyped) && args->type != seL4_UntypedObject &&
        !arch_is_frame_type(args->type))
        return error_invalid_argument(1);
    return error_none();
}

static void untyped_retype(struct invocation *inv, const struct retype_args *args)
{
    struct cap untyped = inv->cap;
    bool device = cap_untyped_is_device(untyped);
    paddr_t first = cap_object(untyped) + (word_t)args->offset;
    word_t bytes = args->count << args->size_bits;
    if (!device)
        memset(arch_phys_to_virt(first), 0, bytes);
    inv->slot->cap = cap_untyped_with_free_offset(untyped, (word_t)args->offset + bytes);
    for (word_t i = 0; i < args->count; i++) {
        paddr_t object = first + (i << args->size_bits);
        struct cap cap = object_create(args->type, object, args->user_size, device);
        cspace_insert_child(inv->slot, &args->dest[i], cap, true);
    }
}

/* Untyped_Retype's message words (ABI §5.6). */
struct untyped_retype_args {
    word_t type, size_bits, node_index, node_depth, node_offset, num_objects;
};

static struct syscall_error untyped_decode_retype(struct invocation *inv)
{
    struct untyped_retype_args message;
    if (!invocation_read_args_and_caps(inv, &message, 1))
        return error_plain(seL4_TruncatedMessage);
    struct retype_args args = {.type = message.type,
                               .user_size = message.size_bits,
                               .count = message.num_objects};
    struct syscall_error error = check_object(&args);
    if (error_is_none(error))
        error = check_destination(&args, inv, message.node_index, message.node_depth,
                                  message.node_offset);
    if (error_is_none(error))
        error = check_memory(&args, inv);
    if (error_is_none(error))
        untyped_retype(inv, &args);
    return error;
}

struct syscall_error untyped_decode(struct invocation *inv)
{
    if (inv->label != UntypedRetype)
        return error_plain(seL4_IllegalOperation);
    return untyped_decode_retype(inv);
}
