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

/* The message words of every CNode invocation (ABI §5.6) start with the destination; those of
 * Copy, Mint, Move and Mutate go on with the source (in the CNode of the extra capability)
 * and then each label's own. seL4 reads them in these stages, each with its length check. */
struct cnode_dest_args {
    word_t dest_index, dest_depth;
};
struct cnode_move_args {
    word_t dest_index, dest_depth, src_index, src_depth;
};
struct cnode_copy_args {
    word_t dest_index, dest_depth, src_index, src_depth, rights;
};
struct cnode_mint_args {
    word_t dest_index, dest_depth, src_index, src_depth, rights, badge;
};
struct cnode_mutate_args {
    word_t dest_index, dest_depth, src_index, src_depth, badge;
};
struct cnode_rotate_args {
    word_t dest_index, dest_depth, dest_badge, pivot_index, pivot_depth, pivot_badge, src_index,
        src_depth;
};

/* The source of Copy/Mint/Move/Mutate: looked up and full. */
static struct syscall_error lookup_full_source(struct invocation *inv,
                                               const struct cnode_move_args *args,
                                               struct cte **src)
{
    struct syscall_error error;
    *src = invocation_lookup_slot(inv->extra[0]->cap, args->src_index, args->src_depth, true,
                                  &error);
    if (!*src)
        return error;
    if (cap_is_null((*src)->cap)) {
        struct lookup_fault fault = lookup_fault_missing_capability(args->src_depth);
        return error_failed_lookup(true, &fault);
    }
    return error_none();
}

static struct syscall_error copy_capability(struct invocation *inv, struct cte *src,
                                            struct cap *cap)
{
    struct cnode_copy_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    return cap_derive(src, cap_mask_rights(src->cap, args.rights), cap);
}

static struct syscall_error mint_capability(struct invocation *inv, struct cte *src,
                                            struct cap *cap)
{
    struct cnode_mint_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    struct cap minted = cap_update_data(cap_mask_rights(src->cap, args.rights), args.badge, false);
    return cap_derive(src, minted, cap);
}

static struct syscall_error mutate_capability(struct invocation *inv, struct cte *src,
                                              struct cap *cap)
{
    struct cnode_mutate_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    *cap = cap_update_data(src->cap, args.badge, true);
    return error_none();
}

/* The capability Copy/Mint/Move/Mutate would put in the destination, or an error. */
static struct syscall_error new_capability(struct invocation *inv, struct cte *src,
                                           struct cap *cap)
{
    struct syscall_error error = error_none();
    switch (inv->label) {
    case CNodeCopy:
        error = copy_capability(inv, src, cap);
        break;
    case CNodeMint:
        error = mint_capability(inv, src, cap);
        break;
    case CNodeMove:
        *cap = src->cap;
        break;
    default:
        error = mutate_capability(inv, src, cap);
        break;
    }
    if (error_is_none(error) && cap_is_null(*cap))
        error = error_plain(seL4_IllegalOperation);
    return error;
}

static struct syscall_error cnode_decode_copy_like(struct invocation *inv, struct cte *dest)
{
    struct cnode_move_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    if (!cap_is_null(dest->cap))
        return error_plain(seL4_DeleteFirst);
    struct cte *src;
    struct cap cap;
    struct syscall_error error = lookup_full_source(inv, &args, &src);
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

static struct syscall_error check_rotate_slots(struct invocation *inv,
                                               const struct cnode_rotate_args *args,
                                               struct cte *dest, struct rotate_args *r)
{
    struct syscall_error error;
    r->src = invocation_lookup_slot(inv->extra[1]->cap, args->src_index, args->src_depth, true,
                                    &error);
    if (!r->src)
        return error;
    /* A failed pivot lookup counts as a source lookup (seL4's lookupPivotSlot). */
    r->pivot = invocation_lookup_slot(inv->extra[0]->cap, args->pivot_index, args->pivot_depth,
                                      true, &error);
    if (!r->pivot)
        return error;
    if (r->pivot == r->src || r->pivot == dest)
        return error_plain(seL4_IllegalOperation);
    if (r->src != dest && !cap_is_null(dest->cap))
        return error_plain(seL4_DeleteFirst);
    struct lookup_fault src_missing = lookup_fault_missing_capability(args->src_depth);
    if (cap_is_null(r->src->cap))
        return error_failed_lookup(true, &src_missing);
    struct lookup_fault pivot_missing = lookup_fault_missing_capability(args->pivot_depth);
    if (cap_is_null(r->pivot->cap))
        return error_failed_lookup(false, &pivot_missing);
    return error_none();
}

static struct syscall_error cnode_decode_rotate(struct invocation *inv, struct cte *dest)
{
    struct cnode_rotate_args args;
    if (!invocation_read_args_and_caps(inv, &args, 2))
        return error_plain(seL4_TruncatedMessage);
    struct rotate_args r = {0};
    struct syscall_error error = check_rotate_slots(inv, &args, dest, &r);
    if (!error_is_none(error))
        return error;
    /* The source's capability moves to the pivot, the pivot's to the destination. */
    r.new_src = cap_update_data(r.src->cap, args.pivot_badge, true);
    r.new_pivot = cap_update_data(r.pivot->cap, args.dest_badge, true);
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
    struct cnode_dest_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_slot(inv->cap, args.dest_index, args.dest_depth, false,
                                              &error);
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
