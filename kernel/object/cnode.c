/*
 * CNode invocations (seL4 manual §3.1): Copy, Mint, Move, Mutate, Rotate, Delete, Revoke,
 * CancelBadgedSends. Each decoder checks every argument in seL4's order, so that a bad one
 * gets the same error upstream would give, and only then changes the CSpace.
 */
#include <api/invocation.h>
#include <arch.h>
#include <core/cspace.h>
#include <core/derive.h>
#include <object/cnode.h>
#include <object/endpoint.h>
#include <sel4/invocation_labels.h>

/* The source of Copy/Mint/Move/Mutate: looked up and full. */
static struct syscall_error lookup_full_source(struct invocation *inv, struct cte **src)
{
    struct syscall_error error;
    word_t depth = invocation_arg(inv, 3);
    *src = invocation_lookup_slot(inv->extra[0]->cap, invocation_arg(inv, 2), depth, true,
                                  &error);
    if (!*src)
        return error;
    if (cap_is_null((*src)->cap)) {
        struct lookup_fault fault = lookup_fault_missing_capability(depth);
        return error_failed_lookup(true, &fault);
    }
    return error_none();
}

/* The capability Copy/Mint/Move/Mutate would put in the destination, or an error. */
static struct syscall_error new_capability(struct invocation *inv, struct cte *src,
                                           struct cap *cap)
{
    word_t needed[] = {[CNodeCopy - CNodeCopy] = 5, [CNodeMint - CNodeCopy] = 6,
                       [CNodeMove - CNodeCopy] = 4, [CNodeMutate - CNodeCopy] = 5};
    if (inv->length < needed[inv->label - CNodeCopy])
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error = error_none();
    switch (inv->label) {
    case CNodeCopy:
        error = cap_derive(src, cap_mask_rights(src->cap, invocation_arg(inv, 4)), cap);
        break;
    case CNodeMint:
        error = cap_derive(src,
                           cap_update_data(cap_mask_rights(src->cap, invocation_arg(inv, 4)),
                                           invocation_arg(inv, 5), false),
                           cap);
        break;
    case CNodeMove:
        *cap = src->cap;
        break;
    default:
        *cap = cap_update_data(src->cap, invocation_arg(inv, 4), true);
        break;
    }
    if (error_is_none(error) && cap_is_null(*cap))
        error = error_plain(seL4_IllegalOperation);
    return error;
}

static struct syscall_error cnode_decode_copy_like(struct invocation *inv, struct cte *dest)
{
    if (inv->length < 4 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    if (!cap_is_null(dest->cap))
        return error_plain(seL4_DeleteFirst);
    struct cte *src;
    struct cap cap;
    struct syscall_error error = lookup_full_source(inv, &src);
    if (error_is_none(error))
        error = new_capability(inv, src, &cap);
    if (!error_is_none(error))
        return error;
    if (inv->label == CNodeMove || inv->label == CNodeMutate)
        cspace_move(src, dest, cap);
    else
        cap_insert_derived(src, dest, cap);
    return error_none();
}

struct rotate_args {
    struct cte *src, *pivot;
    struct cap new_src, new_pivot;
};

static struct syscall_error check_rotate_slots(struct invocation *inv, struct cte *dest,
                                               struct rotate_args *r)
{
    struct syscall_error error;
    word_t pivot_depth = invocation_arg(inv, 4), src_depth = invocation_arg(inv, 7);
    r->src = invocation_lookup_slot(inv->extra[1]->cap, invocation_arg(inv, 6), src_depth,
                                    true, &error);
    if (!r->src)
        return error;
    /* A failed pivot lookup counts as a source lookup (seL4's lookupPivotSlot). */
    r->pivot = invocation_lookup_slot(inv->extra[0]->cap, invocation_arg(inv, 3), pivot_depth,
                                      true, &error);
    if (!r->pivot)
        return error;
    if (r->pivot == r->src || r->pivot == dest)
        return error_plain(seL4_IllegalOperation);
    if (r->src != dest && !cap_is_null(dest->cap))
        return error_plain(seL4_DeleteFirst);
    struct lookup_fault fault = lookup_fault_missing_capability(src_depth);
    if (cap_is_null(r->src->cap))
        return error_failed_lookup(true, &fault);
    fault.bits_left = pivot_depth;
    if (cap_is_null(r->pivot->cap))
        return error_failed_lookup(false, &fault);
    return error_none();
}

static struct syscall_error cnode_decode_rotate(struct invocation *inv, struct cte *dest)
{
    if (inv->length < 8 || inv->extra_caps < 2)
        return error_plain(seL4_TruncatedMessage);
    struct rotate_args r = {0};
    struct syscall_error error = check_rotate_slots(inv, dest, &r);
    if (!error_is_none(error))
        return error;
    r.new_src = cap_update_data(r.src->cap, invocation_arg(inv, 5), true);
    r.new_pivot = cap_update_data(r.pivot->cap, invocation_arg(inv, 2), true);
    if (cap_is_null(r.new_src) || cap_is_null(r.new_pivot))
        return error_plain(seL4_IllegalOperation);
    if (r.src == dest) {
        cspace_swap(r.src, r.new_src, r.pivot, r.new_pivot);
    } else {
        cspace_move(r.pivot, dest, r.new_pivot);
        cspace_move(r.src, r.pivot, r.new_src);
    }
    return error_none();
}

/* An endpoint cap with all rights; its badge's queued senders restart (badge 0: none). */
static struct syscall_error cnode_decode_cancel_badged_sends(struct cte *dest)
{
    struct cap cap = dest->cap;
    if (cap_type(cap) != CAP_ENDPOINT || cap_rights(cap) != CAP_RIGHTS_ALL)
        return error_plain(seL4_IllegalOperation);
    if (cap_badge(cap))
        endpoint_cancel_badged_sends(endpoint_at(cap_object(cap)), cap_badge(cap));
    return error_none();
}

struct syscall_error cnode_decode(struct invocation *inv)
{
    if (inv->label < CNodeRevoke || inv->label > CNodeRotate)
        return error_plain(seL4_IllegalOperation);
    if (inv->length < 2)
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_slot(inv->cap, invocation_arg(inv, 0),
                                              invocation_arg(inv, 1), false, &error);
    if (!dest)
        return error;
    switch (inv->label) {
    case CNodeRevoke:
        cspace_revoke(dest);
        return error_none();
    case CNodeDelete:
        cspace_delete(dest);
        return error_none();
    case CNodeCancelBadgedSends:
        return cnode_decode_cancel_badged_sends(dest);
    case CNodeRotate:
        return cnode_decode_rotate(inv, dest);
    default:
        return cnode_decode_copy_like(inv, dest);
    }
}
