/*
 * ASID control and ASID pools (object/asid_pool.h): MakePool turns a 4 KiB RAM untyped into
 * the next free pool; Assign gives an unassigned VSpace root the first free ASID of a pool.
 * The arch supplies the VSpace root's capability type, its preparation on Assign and what a
 * root's lost ASID leaves behind in the TLB (arch.h).
 */
#include <api/invocation.h>
#include <lib/string.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <sel4/object_type.h>

/* An ASID pool object: the root of each of its ASIDs, 0 where free. */
struct asid_pool {
    paddr_t root[ASID_POOL_ENTRIES];
};
_Static_assert(sizeof(struct asid_pool) == BIT(seL4_ASIDPoolBits), "a pool is its object");

/* Pool i serves ASIDs [i << ASID_LOW_BITS, (i + 1) << ASID_LOW_BITS); 0 where none. */
static paddr_t asid_table[ASID_POOLS];

static struct asid_pool *asid_pool_at(paddr_t pool)
{
    return arch_phys_to_virt(pool);
}

/* The pool installed for `asid`'s high bits, or 0. */
static paddr_t asid_find_pool(word_t asid)
{
    word_t index = asid >> ASID_LOW_BITS;
    return index < ASID_POOLS ? asid_table[index] : 0;
}

/* The pool entry `asid` names, or NULL when its pool is gone. */
static paddr_t *asid_entry(word_t asid)
{
    paddr_t pool = asid_find_pool(asid);
    return pool ? &asid_pool_at(pool)->root[asid & MASK(ASID_LOW_BITS)] : NULL;
}

paddr_t asid_find_vspace(word_t asid)
{
    paddr_t *entry = asid_entry(asid);
    return entry ? *entry : 0;
}

static struct syscall_error error_invalid_root(void)
{
    struct lookup_fault fault = lookup_fault_invalid_root();
    return error_failed_lookup(false, &fault);
}

struct syscall_error asid_check_vspace(paddr_t root, word_t asid, word_t cap_index)
{
    paddr_t found = asid_find_vspace(asid);
    if (!found)
        return error_invalid_root();
    if (found != root)
        return error_invalid_capability(cap_index);
    return error_none();
}

struct make_pool_args {
    word_t index;
    struct cte *untyped, *dest;
};

static bool asid_free_pool_index(word_t *index)
{
    for (*index = 0; *index < ASID_POOLS; (*index)++) {
        if (!asid_table[*index])
            return true;
    }
    return false;
}

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

/* ASIDControl_MakePool's message words (ABI §5.6); the untyped and the root CNode come as
 * extra capabilities. */
struct asid_control_make_pool_args {
    word_t index, depth;
};

/* MakePool's checks in seL4's order. */
static struct syscall_error check_make_pool(struct invocation *inv, struct make_pool_args *args)
{
    struct asid_control_make_pool_args message;
    if (!invocation_read_args_and_caps(inv, &message, 2))
        return error_plain(seL4_TruncatedMessage);
    if (!asid_free_pool_index(&args->index))
        return error_plain(seL4_DeleteFirst);
    args->untyped = inv->extra[0];
    struct syscall_error error = check_pool_untyped(args->untyped);
    if (!error_is_none(error))
        return error;
    args->dest = invocation_lookup_empty_slot(inv->extra[1]->cap, message.index, message.depth,
                                              &error);
    return error;
}

/* The untyped is used up by the pool, as if retyped: no Retype can reach its memory. */
static void asid_control_make_pool(const struct make_pool_args *args)
{
    struct cte *untyped = args->untyped;
    paddr_t pool = cap_object(untyped->cap);
    untyped->cap = cap_untyped_with_free_offset(untyped->cap, BIT(seL4_ASIDPoolBits));
    memset(asid_pool_at(pool), 0, sizeof(struct asid_pool));
    cspace_insert_child(untyped, args->dest,
                        cap_asid_pool(pool, args->index << ASID_LOW_BITS), false);
    asid_table[args->index] = pool;
}

struct syscall_error asid_control_decode(struct invocation *inv)
{
    if (inv->label != ARCH_LABEL_ASID_CONTROL_MAKE_POOL)
        return error_plain(seL4_IllegalOperation);
    struct make_pool_args args;
    struct syscall_error error = check_make_pool(inv, &args);
    if (error_is_none(error))
        asid_control_make_pool(&args);
    return error;
}

/* The first free ASID of the pool (never ASID_INVALID); false when it is full. */
static bool asid_pool_free_asid(const struct asid_pool *pool, word_t base, word_t *asid)
{
    for (word_t i = 0; i < ASID_POOL_ENTRIES; i++) {
        if (base + i != ASID_INVALID && !pool->root[i]) {
            *asid = base + i;
            return true;
        }
    }
    return false;
}

/* Assign(vspace): an unassigned VSpace root takes the pool's first free ASID. */
static struct syscall_error asid_pool_decode_assign(struct invocation *inv)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cte *vspace = inv->extra[0];
    if (cap_type(vspace->cap) != ARCH_CAP_VSPACE_ROOT || cap_table_is_mapped(vspace->cap))
        return error_invalid_capability(1);
    word_t base = cap_asid_pool_base(inv->cap), asid;
    paddr_t pool = asid_find_pool(base);
    if (!pool)
        return error_invalid_root();
    if (pool != cap_object(inv->cap))
        return error_invalid_capability(0);
    if (!asid_pool_free_asid(asid_pool_at(pool), base, &asid))
        return error_plain(seL4_DeleteFirst);
    paddr_t root = cap_object(vspace->cap);
    arch_vspace_assign(root);
    asid_pool_at(pool)->root[asid & MASK(ASID_LOW_BITS)] = root;
    vspace->cap = cap_table_mapped(vspace->cap, asid, 0);
    return error_none();
}

struct syscall_error asid_pool_decode(struct invocation *inv)
{
    if (inv->label != ARCH_LABEL_ASID_POOL_ASSIGN)
        return error_plain(seL4_IllegalOperation);
    return asid_pool_decode_assign(inv);
}

void asid_finalise_vspace(struct cap cap)
{
    if (!cap_table_is_mapped(cap))
        return;
    paddr_t *entry = asid_entry(cap_mapped_asid(cap));
    if (!entry || *entry != cap_object(cap))
        return;
    *entry = 0;
    arch_vspace_asid_deleted(cap_object(cap));
}

void asid_finalise_pool(struct cap cap)
{
    word_t index = cap_asid_pool_base(cap) >> ASID_LOW_BITS;
    if (index >= ASID_POOLS || asid_table[index] != cap_object(cap))
        return;
    asid_table[index] = 0;
    const struct asid_pool *pool = asid_pool_at(cap_object(cap));
    for (word_t i = 0; i < ASID_POOL_ENTRIES; i++) {
        if (pool->root[i])
            arch_vspace_asid_deleted(pool->root[i]);
    }
}

struct cap asid_boot_pool(paddr_t pool, paddr_t root)
{
    asid_table[ASID_BOOT >> ASID_LOW_BITS] = pool;
    asid_pool_at(pool)->root[ASID_BOOT & MASK(ASID_LOW_BITS)] = root;
    return cap_asid_pool(pool, ASID_BOOT & ~MASK(ASID_LOW_BITS));
}
