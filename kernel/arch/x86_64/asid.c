/*
 * ASIDs (seL4 x86_64): a table of 8 pools, each a 4 KiB object of 512 entries holding the
 * PML4 of the address space with that ASID. Without PCID the CPU never sees an ASID; the kernel
 * uses them to tell whether a mapping a capability records still belongs to a live address
 * space. ASIDControl MakePool turns a 4 KiB untyped into a pool; ASIDPool Assign gives a PML4
 * its ASID, after which it can be mapped into.
 */
#include <arch.h>
#include <arch/objects.h>
#include <arch/page_table.h>
#include <core/cspace.h>
#include <core/memory.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <sel4/arch/invocation_labels.h>
#include <sel4/object_type.h>

struct asid_pool {
    paddr_t vspace[BIT(ASID_LOW_BITS)]; /* 0: free */
};
_Static_assert(sizeof(struct asid_pool) == BIT(seL4_ASIDPoolBits), "one 4 KiB object");

static paddr_t asid_table[ASID_POOLS]; /* each pool's memory, 0 where none */

static struct asid_pool *pool_at(paddr_t pool)
{
    return arch_phys_to_virt(pool);
}

paddr_t asid_find_vspace(word_t asid)
{
    paddr_t pool = asid_table[asid >> ASID_LOW_BITS];
    return pool ? pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] : 0;
}

bool asid_is_valid_root(struct cap cap)
{
    return cap_type(cap) == CAP_PML4 && cap_paging_is_mapped(cap);
}

struct syscall_error asid_vspace_argument(const struct invocation *inv, paddr_t *root,
                                          word_t *asid)
{
    struct cap vspace = inv->extra[0]->cap;
    if (!asid_is_valid_root(vspace))
        return error_invalid_capability(1);
    *root = cap_object(vspace);
    *asid = cap_mapped_asid(vspace);
    return error_none();
}

struct syscall_error asid_check_vspace(paddr_t root, word_t asid)
{
    paddr_t found = asid_find_vspace(asid);
    if (!found) {
        struct lookup_fault fault = {LOOKUP_INVALID_ROOT, 0, 0, 0};
        return error_failed_lookup(false, &fault);
    }
    if (found != root)
        return error_invalid_capability(1);
    return error_none();
}

/* MakePool: the untyped becomes a zeroed pool, a child of the untyped, which is marked full. */
static void asid_control_make_pool(struct cte *untyped, struct cte *dest, word_t index)
{
    paddr_t pool = cap_object(untyped->cap);
    memset(arch_phys_to_virt(pool), 0, BIT(seL4_ASIDPoolBits));
    untyped->cap.words[1] = BIT(cap_untyped_size_bits(untyped->cap));
    cspace_insert_child(untyped, dest, cap_asid_pool(pool, index << ASID_LOW_BITS), false);
    asid_table[index] = pool;
}

static bool untyped_fits_pool(struct cap cap)
{
    return cap_type(cap) == CAP_UNTYPED && cap_untyped_size_bits(cap) == seL4_ASIDPoolBits &&
           !cap_untyped_is_device(cap);
}

struct syscall_error asid_control_decode(struct invocation *inv)
{
    if (inv->label != X86ASIDControlMakePool)
        return error_plain(seL4_IllegalOperation);
    if (inv->length < 2 || inv->extra_caps < 2)
        return error_plain(seL4_TruncatedMessage);
    struct cte *untyped = inv->extra[0];
    word_t free = 0;
    while (free < ASID_POOLS && asid_table[free])
        free++;
    if (free == ASID_POOLS)
        return error_plain(seL4_DeleteFirst);
    if (!untyped_fits_pool(untyped->cap))
        return error_invalid_capability(1);
    if (cspace_has_children(untyped))
        return error_plain(seL4_RevokeFirst);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_slot(inv->extra[1]->cap, invocation_arg(inv, 0),
                                              invocation_arg(inv, 1), false, &error);
    if (!dest)
        return error;
    if (!cap_is_null(dest->cap))
        return error_plain(seL4_DeleteFirst);
    asid_control_make_pool(untyped, dest, free);
    return error_none();
}

/* The first free ASID of a pool (never ASID 0), or 0 when the pool is full. */
static word_t pool_free_asid(const struct asid_pool *pool, word_t base)
{
    for (word_t i = 0; i < BIT(ASID_LOW_BITS); i++) {
        if (base + i != ASID_INVALID && !pool->vspace[i])
            return base + i;
    }
    return ASID_INVALID;
}

struct syscall_error asid_pool_decode(struct invocation *inv)
{
    if (inv->label != X86ASIDPoolAssign)
        return error_plain(seL4_IllegalOperation);
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cte *vspace = inv->extra[0];
    if (cap_type(vspace->cap) != CAP_PML4 || cap_paging_is_mapped(vspace->cap))
        return error_invalid_capability(1);
    word_t base = cap_asid_pool_base(inv->cap);
    paddr_t pool = asid_table[base >> ASID_LOW_BITS];
    if (!pool) {
        struct lookup_fault fault = {LOOKUP_INVALID_ROOT, 0, 0, 0};
        return error_failed_lookup(false, &fault);
    }
    if (pool != cap_object(inv->cap))
        return error_invalid_capability(0);
    word_t asid = pool_free_asid(pool_at(pool), base);
    if (asid == ASID_INVALID)
        return error_plain(seL4_DeleteFirst);
    pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] = cap_object(vspace->cap);
    vspace->cap = cap_paging_mapped(vspace->cap, asid, 0);
    return error_none();
}

/* Without PCID nothing of an ASID lingers in the TLB once its address space is not live; a
 * live one is flushed whole. */
void asid_finalise_vspace(struct cap cap)
{
    if (!cap_paging_is_mapped(cap))
        return;
    word_t asid = cap_mapped_asid(cap);
    paddr_t pool = asid_table[asid >> ASID_LOW_BITS];
    if (!pool || pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] != cap_object(cap))
        return;
    vspace_flush_all(cap_object(cap));
    pool_at(pool)->vspace[asid & MASK(ASID_LOW_BITS)] = 0;
}

void asid_finalise_pool(struct cap cap)
{
    word_t index = cap_asid_pool_base(cap) >> ASID_LOW_BITS;
    if (asid_table[index] != cap_object(cap))
        return;
    const struct asid_pool *pool = pool_at(cap_object(cap));
    for (word_t i = 0; i < BIT(ASID_LOW_BITS); i++) {
        if (pool->vspace[i])
            vspace_flush_all(pool->vspace[i]);
    }
    asid_table[index] = 0;
}

struct cap asid_boot_pool(paddr_t vspace)
{
    paddr_t pool = boot_alloc_frame();
    if (!pool)
        kernel_panic("boot: out of memory for the initial ASID pool");
    pool_at(pool)->vspace[BOOT_ASID] = vspace;
    asid_table[BOOT_ASID >> ASID_LOW_BITS] = pool;
    return cap_asid_pool(pool, 0);
}
