/*
 * Capability slots and the derivation tree. A slot (struct cte, 32 bytes = 2^seL4_SlotBits)
 * holds a capability and its place in the derivation tree, kept as one list in pre-order
 * with each slot's depth: a slot's descendants are the slots that follow it with a greater
 * depth. So revoke walks forward from the slot, and every capability to one object stands
 * in one contiguous run of the list (its first capability was made by retype, the rest were
 * derived from it).
 */
#pragma once
#include <object/cap.h>

struct cte {
    struct cap cap;
    /* word 0: prev slot's physical address (bits 47..0), depth (61..48), revocable (62)
     * word 1: next slot's physical address */
    word_t mdb[2];
};
_Static_assert(sizeof(struct cte) == 32, "a slot is 2^seL4_SlotBits bytes");

#define MDB_DEPTH_SHIFT 48
#define MDB_DEPTH_BITS 14
#define MDB_MAX_DEPTH MASK(MDB_DEPTH_BITS)
#define MDB_REVOCABLE BIT(62)

/* Lookup failure types, numbered as the ABI sends them (§3.6). */
enum lookup_failure {
    LOOKUP_NO_FAILURE = 0,
    LOOKUP_INVALID_ROOT = 1,
    LOOKUP_MISSING_CAPABILITY = 2,
    LOOKUP_DEPTH_MISMATCH = 3,
    LOOKUP_GUARD_MISMATCH = 4,
};

/* Why a lookup failed, with the ABI's detail words. */
struct lookup_fault {
    enum lookup_failure type;
    word_t bits_left;
    word_t bits_found;  /* depth mismatch: the level's bits; guard mismatch: the guard size */
    word_t guard_found; /* guard mismatch: the CNode's guard */
};

/* The constructors of seL4's four kinds, the only places a lookup fault is built (their
 * positional literals compile to fewer stores than designated ones), and of none, for the
 * faults that are not a failed lookup. An invalid root carries no detail. */
static inline struct lookup_fault lookup_fault_none(void)
{
    return (struct lookup_fault){LOOKUP_NO_FAILURE, 0, 0, 0};
}

static inline struct lookup_fault lookup_fault_invalid_root(void)
{
    return (struct lookup_fault){LOOKUP_INVALID_ROOT, 0, 0, 0};
}

/* `bits_left`: the bits of the address still to translate where the lookup stopped. */
static inline struct lookup_fault lookup_fault_missing_capability(word_t bits_left)
{
    return (struct lookup_fault){LOOKUP_MISSING_CAPABILITY, bits_left, 0, 0};
}

static inline struct lookup_fault lookup_fault_depth_mismatch(word_t bits_left, word_t bits_found)
{
    return (struct lookup_fault){LOOKUP_DEPTH_MISMATCH, bits_left, bits_found, 0};
}

static inline struct lookup_fault lookup_fault_guard_mismatch(word_t bits_left, word_t guard_size,
                                                              word_t guard_found)
{
    return (struct lookup_fault){LOOKUP_GUARD_MISMATCH, bits_left, guard_size, guard_found};
}

/* Walk `depth` bits of `cptr` from the CNode capability `root`. Returns the slot reached when
 * all bits are used or a non-CNode capability is met (*bits_left then says how many bits
 * remained); NULL with *fault filled otherwise. `depth` must be 1..64. */
struct cte *cspace_resolve(struct cap root, cptr_t cptr, word_t depth, word_t *bits_left,
                           struct lookup_fault *fault);
/* A slot named by exactly `depth` bits, for CNode operations: a walk that stops early is a
 * depth mismatch. NULL with *fault filled on failure. */
struct cte *cspace_lookup_slot(struct cap root, cptr_t cptr, word_t depth,
                               struct lookup_fault *fault);

/* The derivation tree. Slots given here are valid kernel pointers. */
word_t cte_depth(const struct cte *slot);
bool cte_is_revocable(const struct cte *slot);
struct cte *cte_next(const struct cte *slot);
struct cte *cte_prev(const struct cte *slot);
/* Place `cap` in the empty `dest` as a child of `parent` (NULL: a root of the tree). */
void cspace_insert_child(struct cte *parent, struct cte *dest, struct cap cap, bool revocable);
/* Place `cap`, derived from the capability in `src`, in the empty `dest`: a child of `src`
 * when `src` is revocable (an original, or the first of its badge), else its sibling. */
void cspace_insert_derived(struct cte *src, struct cte *dest, struct cap cap, bool revocable);
/* Move the capability in `src` to the empty `dest`, keeping its place in the tree. */
void cspace_move(struct cte *src, struct cte *dest, struct cap cap);
/* Exchange the capabilities of two full slots, each keeping its place in the tree. */
void cspace_swap(struct cte *a, struct cap cap_a, struct cte *b, struct cap cap_b);
/* Empty a slot; its children move up one level. Does not destroy the object. */
void cspace_remove(struct cte *slot);
/* True when `slot` has descendants in the tree. */
bool cspace_has_children(const struct cte *slot);
/* True when no other slot holds a capability to the same object. */
bool cspace_is_final(const struct cte *slot);

/* Delete the capability in `slot`; when it was the last one to its object, destroy the
 * object (a CNode's or TCB's own slots are emptied first, without recursion). */
void cspace_delete(struct cte *slot);
/* Delete every descendant of `slot` in the derivation tree. */
void cspace_revoke(struct cte *slot);
