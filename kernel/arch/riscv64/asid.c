/*
 * ASID control and ASID pools (seL4 manual §7.2): MakePool turns a 4 KiB untyped into the
 * next free pool of 512 ASIDs; Assign gives a page table the first free ASID of a pool,
 * making it a VSpace root. The hardware ASID stays 0 (vspace_activate flushes the TLB on every
 * switch), so these ASIDs only name address spaces for capabilities.
 */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cap.h>
#include <arch/vspace.h>
#include <lib/string.h>
#include <sel4/arch/invocation_labels.h>
#include <sel4/object_type.h>

#define ASID_POOLS BIT(ASID_HIGH_BITS)
#define ASID_POOL_ENTRIES BIT(ASID_LOW_BITS)

/* An ASID pool object: the root table of each of its ASIDs, 0 when free. */
struct asid_pool {
    paddr_t vspace[ASID_POOL_ENTRIES];
};
_Static_assert(sizeof(struct asid_pool) == BIT(seL4_ASIDPoolBits), "a pool is its object");
_Static_assert(ASID_HIGH_BITS + ASID_LOW_BITS == ASID_BITS, "arch/cap.h: ASID_BITS");

/* Pool i serves ASIDs [i << ASID_LOW_BITS, (i + 1) << ASID_LOW_BITS); 0 when none. */
static paddr_t asid_table[ASID_POOLS];

static struct asid_pool *asid_pool_at(paddr_t pool)
{
    return arch_phys_to_virt(pool);
}

paddr_t asid_find_vspace(word_t asid)
{
    paddr_t pool = asid_table[(asid >> ASID_LOW_BITS) & MASK(ASID_HIGH_BITS)];
    return pool ? asid_pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] : 0;
}

void asid_delete(word_t asid, paddr_t root)
{
    paddr_t pool = asid_table[(asid >> ASID_LOW_BITS) & MASK(ASID_HIGH_BITS)];
    if (pool && asid_pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] == root) {
        asid_pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] = 0;
        vspace_activate_kernel(); /* the root may be ours; its table may be cleared next */
    }
}

void asid_pool_delete(word_t base, paddr_t pool)
{
    if (asid_table[base >> ASID_LOW_BITS] == pool) {
        asid_table[base >> ASID_LOW_BITS] = 0;
        vspace_activate_kernel(); /* as in asid_delete */
    }
}

struct cap asid_boot_pool(paddr_t pool, paddr_t root, word_t asid)
{
    asid_table[asid >> ASID_LOW_BITS] = pool;
    asid_pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] = root;
    return cap_asid_pool(pool, asid & ~MASK(ASID_LOW_BITS));
}

static void asid_control_make_pool(struct cte *untyped_slot, struct cte *dest, word_t index)
{
    paddr_t pool = cap_object(untyped_slot->cap);
    /* The untyped is used up, as if retyped: no Retype can reach the pool's memory. */
    untyped_slot->cap = cap_untyped_with_free_offset(untyped_slot->cap,
                                                     BIT(cap_untyped_size_bits(untyped_slot->cap)));
    memset(asid_pool_at(pool), 0, sizeof(struct asid_pool));
    cspace_insert_child(untyped_slot, dest, cap_asid_pool(pool, index << ASID_LOW_BITS), false);
    asid_table[index] = pool;
}

static bool asid_free_pool_index(word_t *index)
{
    for (*index = 0; *index < ASID_POOLS; (*index)++) {
        if (!asid_table[*index])
            return true;
    }
    return false;
}

/* MakePool(untyped, root, index, depth): a 4 KiB RAM untyped with no children becomes the
 * next free pool, its capability placed in the empty slot (index, depth) of root. */
static struct syscall_error asid_control_decode_make_pool(struct invocation *inv)
{
    if (inv->length < 2 || inv->extra_caps < 2)
        return error_plain(seL4_TruncatedMessage);
    struct cte *untyped_slot = inv->extra[0];
    struct cap untyped = untyped_slot->cap;
    word_t pool_index;
    if (!asid_free_pool_index(&pool_index))
        return error_plain(seL4_DeleteFirst);
    if (cap_type(untyped) != CAP_UNTYPED || cap_untyped_size_bits(untyped) != seL4_ASIDPoolBits ||
        cap_untyped_is_device(untyped))
        return error_invalid_capability(1);
    if (cspace_has_children(untyped_slot))
        return error_plain(seL4_RevokeFirst);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_slot(inv->extra[1]->cap, invocation_arg(inv, 0),
                                              invocation_arg(inv, 1), false, &error);
    if (!dest)
        return error;
    if (!cap_is_null(dest->cap))
        return error_plain(seL4_DeleteFirst);
    asid_control_make_pool(untyped_slot, dest, pool_index);
    return error_none();
}

struct syscall_error asid_control_decode(struct invocation *inv)
{
    if (inv->label != RISCVASIDControlMakePool)
        return error_plain(seL4_IllegalOperation);
    return asid_control_decode_make_pool(inv);
}

/* The first free ASID of the pool (ASID 0 is never handed out); false when it is full. */
static bool asid_pool_free_entry(const struct asid_pool *pool, word_t base, word_t *entry)
{
    for (*entry = 0; *entry < ASID_POOL_ENTRIES; (*entry)++) {
        if (base + *entry != ASID_INVALID && !pool->vspace[*entry])
            return true;
    }
    return false;
}

/* Assign(vspace): an unmapped page table becomes a VSpace root with the pool's first free
 * ASID, and gets the kernel's mappings. */
static struct syscall_error asid_pool_decode_assign(struct invocation *inv)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cte *vspace_slot = inv->extra[0];
    struct cap vspace = vspace_slot->cap;
    if (cap_type(vspace) != CAP_PAGE_TABLE || cap_page_table_is_mapped(vspace))
        return error_invalid_capability(1);
    word_t base = cap_asid_pool_base(inv->cap), entry;
    paddr_t pool = asid_table[base >> ASID_LOW_BITS];
    if (!pool) {
        struct lookup_fault fault = {LOOKUP_INVALID_ROOT, 0, 0, 0};
        return error_failed_lookup(false, &fault);
    }
    if (pool != cap_object(inv->cap))
        return error_invalid_capability(0);
    if (!asid_pool_free_entry(asid_pool_at(pool), base, &entry))
        return error_plain(seL4_DeleteFirst);
    paddr_t root = cap_object(vspace);
    vspace_copy_kernel_mappings(root);
    asid_pool_at(pool)->vspace[entry] = root;
    vspace_slot->cap = cap_page_table_with_mapping(vspace, base + entry, 0);
    return error_none();
}

struct syscall_error asid_pool_decode(struct invocation *inv)
{
    if (inv->label != RISCVASIDPoolAssign)
        return error_plain(seL4_IllegalOperation);
    return asid_pool_decode_assign(inv);
}
