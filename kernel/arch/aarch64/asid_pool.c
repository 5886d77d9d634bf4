/* ASID control and ASID pools: MakePool turns a 4 KiB untyped into the pool for the next free
 * range of 512 ASIDs; Assign gives a VSpace the first free ASID of a pool, which makes the
 * VSpace usable for mapping and running. The table itself is asid.c. */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <core/cspace.h>
#include <lib/string.h>
#include <sel4/arch/invocation_labels.h>

struct make_pool_args {
    word_t base;
    struct cte *untyped, *dest;
};

/* The untyped must be exactly one pool's size, RAM, and not yet used for anything. */
static struct syscall_error check_pool_untyped(struct cte *untyped)
{
    struct cap cap = untyped->cap;
    if (cap_type(cap) != CAP_UNTYPED || cap_untyped_size_bits(cap) != seL4_ASIDPoolBits ||
        cap_untyped_is_device(cap))
        return error_invalid_capability(1);
    if (cspace_has_children(untyped))
        return error_plain(seL4_RevokeFirst);
    return error_none();
}

static struct syscall_error check_make_pool(struct invocation *inv, struct make_pool_args *args)
{
    if (!asid_free_pool_base(&args->base))
        return error_plain(seL4_DeleteFirst);
    args->untyped = inv->extra[0];
    struct syscall_error error = check_pool_untyped(args->untyped);
    if (!error_is_none(error))
        return error;
    args->dest = invocation_lookup_slot(inv->extra[1]->cap, invocation_arg(inv, 0),
                                        invocation_arg(inv, 1), false, &error);
    if (!args->dest)
        return error;
    if (!cap_is_null(args->dest->cap))
        return error_plain(seL4_DeleteFirst);
    return error_none();
}

/* The untyped is used up by the pool: its watermark goes to the end. */
static void asid_control_make_pool(const struct make_pool_args *args)
{
    paddr_t pool = cap_object(args->untyped->cap);
    args->untyped->cap = cap_untyped_with_free_offset(args->untyped->cap, BIT(seL4_ASIDPoolBits));
    memset(arch_phys_to_virt(pool), 0, BIT(seL4_ASIDPoolBits));
    cspace_insert_child(args->untyped, args->dest, cap_asid_pool(pool, args->base), false);
    asid_pool_install(args->base, pool);
}

struct syscall_error asid_control_decode(struct invocation *inv)
{
    if (inv->label != ARMASIDControlMakePool)
        return error_plain(seL4_IllegalOperation);
    if (inv->length < 2 || inv->extra_caps < 2)
        return error_plain(seL4_TruncatedMessage);
    struct make_pool_args args;
    struct syscall_error error = check_make_pool(inv, &args);
    if (error_is_none(error))
        asid_control_make_pool(&args);
    return error;
}

static struct syscall_error asid_pool_decode_assign(struct invocation *inv)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cte *vspace = inv->extra[0];
    if (cap_type(vspace->cap) != CAP_VSPACE || cap_vspace_is_assigned(vspace->cap))
        return error_invalid_capability(1);
    word_t base = cap_asid_pool_base(inv->cap), asid;
    paddr_t pool = asid_find_pool(base);
    if (!pool)
        return error_no_vspace();
    if (pool != cap_object(inv->cap))
        return error_invalid_capability(0);
    if (!asid_pool_free_asid(pool, base, &asid))
        return error_plain(seL4_DeleteFirst);
    vspace->cap = cap_vspace_assigned(vspace->cap, asid);
    asid_assign(asid, cap_object(vspace->cap));
    return error_none();
}

struct syscall_error asid_pool_decode(struct invocation *inv)
{
    if (inv->label != ARMASIDPoolAssign)
        return error_plain(seL4_IllegalOperation);
    return asid_pool_decode_assign(inv);
}
