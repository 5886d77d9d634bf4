/*
 * Capability lookup through guarded radix CNodes, and the derivation tree (the "MDB") kept as
 * one pre-order list with depths. Lookup follows seL4's resolveAddressBits: at each CNode the
 * guard, then `radix` bits of index; the walk ends when the bits run out or the slot reached
 * holds something other than a CNode.
 */
#include <arch.h>
#include <core/cspace.h>
#include <object/frame.h>
#include <object/object_type.h>

static struct cte *cte_at(paddr_t paddr)
{
    return paddr ? arch_phys_to_virt(paddr) : 0;
}

static paddr_t cte_paddr(const struct cte *slot)
{
    return slot ? arch_virt_to_phys(slot) : 0;
}

/* The `size` bits of `cptr` just below its top `remaining` bits (size <= remaining). */
static word_t guard_bits(cptr_t cptr, word_t remaining, word_t size)
{
    return size ? (cptr >> (remaining - size)) & MASK(size) : 0;
}

struct cte *cspace_resolve(struct cap root, cptr_t cptr, word_t depth, word_t *bits_left,
                           struct lookup_fault *fault)
{
    struct cap node = root;
    word_t remaining = depth;
    for (;;) {
        if (cap_type(node) != CAP_CNODE) {
            *fault = lookup_fault_invalid_root();
            return 0;
        }
        word_t radix = cap_cnode_radix(node), guard_size = cap_cnode_guard_size(node);
        word_t level = radix + guard_size;
        if (guard_size > remaining || guard_bits(cptr, remaining, guard_size) !=
                                          cap_cnode_guard(node)) {
            *fault = lookup_fault_guard_mismatch(remaining, guard_size, cap_cnode_guard(node));
            return 0;
        }
        if (level > remaining || level == 0) {
            *fault = lookup_fault_depth_mismatch(remaining, level);
            return 0;
        }
        word_t index = radix ? (cptr >> (remaining - level)) & MASK(radix) : 0;
        struct cte *slot = (struct cte *)arch_phys_to_virt(cap_object(node)) + index;
        remaining -= level;
        if (remaining == 0 || cap_type(slot->cap) != CAP_CNODE) {
            *bits_left = remaining;
            return slot;
        }
        node = slot->cap;
    }
}

struct cte *cspace_lookup_slot(struct cap root, cptr_t cptr, word_t depth,
                               struct lookup_fault *fault)
{
    word_t bits_left;
    struct cte *slot = cspace_resolve(root, cptr, depth, &bits_left, fault);
    if (slot && bits_left) {
        *fault = lookup_fault_depth_mismatch(bits_left, 0);
        return 0;
    }
    return slot;
}

word_t cte_depth(const struct cte *slot)
{
    return (slot->mdb[0] >> MDB_DEPTH_SHIFT) & MDB_MAX_DEPTH;
}

bool cte_is_revocable(const struct cte *slot)
{
    return slot->mdb[0] & MDB_REVOCABLE;
}

struct cte *cte_prev(const struct cte *slot)
{
    return cte_at(slot->mdb[0] & MASK(CAP_PADDR_BITS));
}

struct cte *cte_next(const struct cte *slot)
{
    return cte_at(slot->mdb[1]);
}

static void set_prev(struct cte *slot, struct cte *prev)
{
    slot->mdb[0] = (slot->mdb[0] & ~MASK(CAP_PADDR_BITS)) | cte_paddr(prev);
}

static void set_next(struct cte *slot, struct cte *next)
{
    slot->mdb[1] = cte_paddr(next);
}

static void set_depth(struct cte *slot, word_t depth)
{
    slot->mdb[0] = (slot->mdb[0] & ~(MDB_MAX_DEPTH << MDB_DEPTH_SHIFT)) |
                   (depth << MDB_DEPTH_SHIFT);
}

/* Link `slot` into the list right after `after` (NULL: on its own). */
static void link_after(struct cte *after, struct cte *slot)
{
    struct cte *next = after ? cte_next(after) : 0;
    set_prev(slot, after);
    set_next(slot, next);
    if (after)
        set_next(after, slot);
    if (next)
        set_prev(next, slot);
}

static void unlink(struct cte *slot)
{
    struct cte *prev = cte_prev(slot), *next = cte_next(slot);
    if (prev)
        set_next(prev, next);
    if (next)
        set_prev(next, prev);
}

void cspace_insert_child(struct cte *parent, struct cte *dest, struct cap cap, bool revocable)
{
    dest->cap = cap;
    dest->mdb[0] = revocable ? MDB_REVOCABLE : 0;
    dest->mdb[1] = 0;
    set_depth(dest, parent ? cte_depth(parent) + 1 : 0);
    link_after(parent, dest);
}

/* Replace `old` by `new` in the list, `new` taking over its depth and flags. */
static void replace_in_list(struct cte *old, struct cte *new)
{
    struct cte *prev = cte_prev(old), *next = cte_next(old);
    new->mdb[0] = old->mdb[0];
    new->mdb[1] = old->mdb[1];
    if (prev)
        set_next(prev, new);
    if (next)
        set_prev(next, new);
}

void cspace_insert_derived(struct cte *src, struct cte *dest, struct cap cap, bool revocable)
{
    if (cte_is_revocable(src)) {
        cspace_insert_child(src, dest, cap, revocable);
        return;
    }
    /* A non-revocable capability never has children, so its sibling goes right after it. */
    dest->cap = cap;
    dest->mdb[0] = revocable ? MDB_REVOCABLE : 0;
    dest->mdb[1] = 0;
    set_depth(dest, cte_depth(src));
    link_after(src, dest);
}

void cspace_move(struct cte *src, struct cte *dest, struct cap cap)
{
    replace_in_list(src, dest);
    dest->cap = cap;
    src->cap = cap_null();
    src->mdb[0] = src->mdb[1] = 0;
}

static struct cte *swapped(struct cte *x, struct cte *a, struct cte *b)
{
    return x == a ? b : x == b ? a : x;
}

/* Point the neighbours of `slot` back at it. */
static void relink_neighbours(struct cte *slot)
{
    struct cte *prev = cte_prev(slot), *next = cte_next(slot);
    if (prev)
        set_next(prev, slot);
    if (next)
        set_prev(next, slot);
}

void cspace_swap(struct cte *a, struct cap cap_a, struct cte *b, struct cap cap_b)
{
    word_t flags_a = a->mdb[0] & ~MASK(CAP_PADDR_BITS);
    word_t flags_b = b->mdb[0] & ~MASK(CAP_PADDR_BITS);
    struct cte *prev_a = swapped(cte_prev(a), a, b), *next_a = swapped(cte_next(a), a, b);
    struct cte *prev_b = swapped(cte_prev(b), a, b), *next_b = swapped(cte_next(b), a, b);
    b->mdb[0] = flags_a;
    a->mdb[0] = flags_b;
    set_prev(b, prev_a);
    set_next(b, next_a);
    set_prev(a, prev_b);
    set_next(a, next_b);
    relink_neighbours(a);
    relink_neighbours(b);
    b->cap = cap_a;
    a->cap = cap_b;
}

bool cspace_has_children(const struct cte *slot)
{
    const struct cte *next = cte_next(slot);
    return next && cte_depth(next) > cte_depth(slot);
}

void cspace_remove(struct cte *slot)
{
    word_t depth = cte_depth(slot);
    for (struct cte *d = cte_next(slot); d && cte_depth(d) > depth; d = cte_next(d))
        set_depth(d, cte_depth(d) - 1);
    unlink(slot);
    slot->cap = cap_null();
    slot->mdb[0] = slot->mdb[1] = 0;
}

static bool same_object(struct cap a, struct cap b)
{
    return cap_type(a) == cap_type(b) && cap_object(a) == cap_object(b) &&
           (cap_type(a) != CAP_IRQ_HANDLER || cap_irq_handler_irq(a) == cap_irq_handler_irq(b));
}

bool cspace_is_final(const struct cte *slot)
{
    const struct cte *prev = cte_prev(slot), *next = cte_next(slot);
    return !(prev && same_object(prev->cap, slot->cap)) &&
           !(next && same_object(next->cap, slot->cap));
}

/* The first full slot inside the object of a final CNode or TCB capability, other than
 * `top`; NULL when the capability names no such container or nothing else is in it. */
static struct cte *first_full_slot_inside(const struct cte *slot, const struct cte *top)
{
    word_t count;
    struct cte *slots = object_slots(slot->cap, &count);
    if (!slots || !cspace_is_final(slot))
        return 0;
    for (word_t i = 0; i < count; i++) {
        if (!cap_is_null(slots[i].cap) && &slots[i] != top)
            return &slots[i];
    }
    return 0;
}

void cspace_delete(struct cte *top)
{
    /* Depth first without a stack: descend from `top` through final containers to a slot
     * with nothing inside, delete that one, and start again from the top. Finality means
     * each step down enters a different object, except where the chain of final caps leads
     * back to `top` itself (a CNode holding the last cap to itself, or a ring of them): all
     * of it is unreachable once `top` goes, so the descent skips `top` and ends. */
    while (!cap_is_null(top->cap)) {
        struct cte *slot = top, *inner;
        while ((inner = first_full_slot_inside(slot, top)))
            slot = inner;
        struct cap cap = slot->cap;
        bool final = cspace_is_final(slot);
        cspace_remove(slot);
        if (final)
            object_finalise(cap);
        else if (cap_type(cap) == CAP_FRAME)
            frame_unmap(cap); /* each frame capability holds its own mapping (seL4's
                               * finaliseCap with final false) */
    }
}

void cspace_revoke(struct cte *slot)
{
    while (cspace_has_children(slot))
        cspace_delete(cte_next(slot));
}
