/* Host tests of kernel/core/cspace.c: guarded radix lookup with the ABI's failure details,
 * and the derivation tree (insert, move, swap, remove, finality). */
#include "arch/fake_arch.h"
#include "unit.h"
#include <core/cspace.h>
#include <core/derive.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <stdlib.h>
#include <string.h>

static struct cte *new_cnode(unsigned radix)
{
    size_t bytes = sizeof(struct cte) << radix;
    struct cte *table = aligned_alloc(bytes < 4096 ? bytes : 4096, bytes);
    memset(table, 0, bytes);
    return table;
}

static struct cap cnode_cap(struct cte *table, word_t radix, word_t guard_size, word_t guard)
{
    return cap_cnode((paddr_t)table, radix, guard_size, guard);
}

static void test_root_task_style_lookup(void)
{
    struct cte *root = new_cnode(12);
    struct cap cap = cnode_cap(root, 12, 52, 0);
    struct lookup_fault fault;
    word_t left = 99;
    CHECK(cspace_resolve(cap, 5, 64, &left, &fault) == &root[5]);
    CHECK_EQ(left, 0);
    /* ABI §3.6's example: depth 12 through guard size 52 fails [GuardMismatch, 12, 0, 52]. */
    CHECK(cspace_resolve(cap, 5, 12, &left, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_GUARD_MISMATCH);
    CHECK_EQ(fault.bits_left, 12);
    CHECK_EQ(fault.guard_found, 0);
    CHECK_EQ(fault.bits_found, 52);
    CHECK(cspace_resolve(cap, 1ul << 20, 64, &left, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_GUARD_MISMATCH);
    /* Depth 52: the guard fits and matches; the radix is what runs out (resolveAddressBits
     * tests guardBits > n_bits, then levelBits > n_bits). */
    CHECK(cspace_resolve(cap, 0, 52, &left, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_DEPTH_MISMATCH);
    CHECK_EQ(fault.bits_left, 52);
    CHECK_EQ(fault.bits_found, 64);
    free(root);
}

static void test_two_level_lookup(void)
{
    struct cte *root = new_cnode(12), *leaf = new_cnode(8);
    struct cap root_cap = cnode_cap(root, 12, 44, 0);
    root[7].cap = cnode_cap(leaf, 8, 0, 0);
    root[9].cap = cap_endpoint(0x1000, 0, CAP_RIGHTS_ALL);
    struct lookup_fault fault;
    word_t left;
    CHECK(cspace_resolve(root_cap, (7ul << 8) | 3, 64, &left, &fault) == &leaf[3]);
    CHECK_EQ(left, 0);
    /* Depth 56 stops at the slot holding the leaf CNode itself. */
    CHECK(cspace_resolve(root_cap, 7, 56, &left, &fault) == &root[7]);
    /* A non-CNode with bits left: resolve returns it, a CNode operation refuses it. */
    CHECK(cspace_resolve(root_cap, 9ul << 8, 64, &left, &fault) == &root[9]);
    CHECK_EQ(left, 8);
    CHECK(cspace_lookup_slot(root_cap, 9ul << 8, 64, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_DEPTH_MISMATCH);
    CHECK_EQ(fault.bits_left, 8);
    CHECK_EQ(fault.bits_found, 0);
    /* Too few bits for the first level. */
    CHECK(cspace_lookup_slot(root_cap, 0, 50, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_DEPTH_MISMATCH);
    CHECK_EQ(fault.bits_left, 50);
    CHECK_EQ(fault.bits_found, 56);
    free(leaf);
    free(root);
}

static void test_invalid_root(void)
{
    struct lookup_fault fault;
    word_t left;
    CHECK(cspace_resolve(cap_thread(0x2000), 0, 64, &left, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_INVALID_ROOT);
    CHECK(cspace_resolve(cap_null(), 0, 64, &left, &fault) == NULL);
    CHECK_EQ(fault.type, LOOKUP_INVALID_ROOT);
}

static void test_derivation_tree(void)
{
    struct cte *s = new_cnode(4);
    struct cap untyped = cap_untyped(0x100000, 20, false);
    struct cap ep = cap_endpoint(0x100000, 0, CAP_RIGHTS_ALL);
    cspace_insert_child(NULL, &s[0], untyped, true);
    cspace_insert_child(&s[0], &s[1], ep, true);
    cspace_insert_child(&s[1], &s[2], ep, false);
    cspace_insert_child(&s[2], &s[3], ep, false);
    CHECK(cspace_has_children(&s[0]) && cspace_has_children(&s[1]));
    CHECK(!cspace_has_children(&s[3]));
    CHECK_EQ(cte_depth(&s[3]), 3);
    CHECK(cte_next(&s[0]) == &s[1] && cte_prev(&s[3]) == &s[2]);
    CHECK(!cspace_is_final(&s[2]));
    /* Removing s[2] lifts its child s[3] to depth 2, still below s[1]. */
    cspace_remove(&s[2]);
    CHECK(cap_is_null(s[2].cap));
    CHECK_EQ(cte_depth(&s[3]), 2);
    CHECK(cte_next(&s[1]) == &s[3] && cte_prev(&s[3]) == &s[1]);
    /* Moving keeps the place in the tree. */
    cspace_move(&s[3], &s[5], ep);
    CHECK(cap_is_null(s[3].cap) && cte_next(&s[1]) == &s[5]);
    CHECK_EQ(cte_depth(&s[5]), 2);
    cspace_remove(&s[5]);
    CHECK(cspace_is_final(&s[1]));
    CHECK(!cspace_has_children(&s[1]));
    free(s);
}

/* A capability derived from a non-revocable one is its sibling, and keeps its own Revocable
 * flag (a badged endpoint minted from an unbadged copy): the copies made of it are then its
 * children. */
static void test_derived_sibling_keeps_its_flag(void)
{
    struct cte *s = new_cnode(4);
    struct cap ep = cap_endpoint(0x100000, 0, CAP_RIGHTS_ALL);
    struct cap badged = cap_endpoint(0x100000, 5, CAP_RIGHTS_ALL);
    cspace_insert_child(NULL, &s[0], ep, true);
    cspace_insert_derived(&s[0], &s[1], ep, false);
    cspace_insert_derived(&s[1], &s[2], badged, true);
    CHECK(cte_is_revocable(&s[2]) && !cte_is_revocable(&s[1]));
    CHECK_EQ(cte_depth(&s[2]), cte_depth(&s[1]));
    CHECK(cte_next(&s[1]) == &s[2] && cte_prev(&s[2]) == &s[1]);
    cspace_insert_derived(&s[2], &s[3], badged, false);
    CHECK(cspace_has_children(&s[2]) && !cspace_has_children(&s[1]));
    CHECK_EQ(cte_depth(&s[3]), cte_depth(&s[2]) + 1);
    free(s);
}

/* Deleting the last capability to a CNode empties its own slots and nothing past them: here
 * another CNode's first slot lies right after its last. */
static void test_delete_stays_inside_the_cnode(void)
{
    struct cte *pair = new_cnode(5), *holder = new_cnode(2);
    cspace_insert_child(NULL, &holder[0], cnode_cap(pair, 4, 0, 0), true);
    cspace_insert_child(NULL, &pair[3], cap_domain(), true);
    cspace_insert_child(NULL, &pair[16], cap_domain(), true);
    cspace_delete(&holder[0]);
    CHECK(cap_is_null(holder[0].cap) && cap_is_null(pair[3].cap));
    CHECK(cap_type(pair[16].cap) == CAP_DOMAIN);
    free(holder);
    free(pair);
}

/* Each frame capability holds its own mapping: deleting a mapped one that is not the last
 * to its frame unmaps it (seL4's finaliseCap with final false); deleting another kind of
 * capability unmaps nothing. */
static void test_delete_unmaps_a_frame_copy(void)
{
    struct cte *s = new_cnode(4);
    paddr_t root = (paddr_t)aligned_alloc(4096, 4096), pool = (paddr_t)aligned_alloc(4096, 4096);
    memset((void *)pool, 0, 4096);
    asid_boot_pool(pool, root);
    struct cap frame = cap_frame(0x200000, FRAME_4K, VM_RIGHTS_READ_WRITE, false);
    cspace_insert_child(NULL, &s[0], frame, true);
    cspace_insert_child(&s[0], &s[1], cap_with_mapping(frame, ASID_BOOT, 0x10000), false);
    cspace_insert_child(NULL, &s[2], cap_endpoint(0x100000, 0, CAP_RIGHTS_ALL), true);
    cspace_insert_child(&s[2], &s[3], cap_endpoint(0x100000, 0, CAP_RIGHTS_ALL), false);
    unsigned unmaps = fake_frame_unmaps;
    cspace_delete(&s[3]);
    CHECK_EQ(fake_frame_unmaps, unmaps);
    cspace_delete(&s[1]);
    CHECK_EQ(fake_frame_unmaps, unmaps + 1);
    free((void *)pool);
    free((void *)root);
    free(s);
}

/* A CNode capability's guard from Mint's data is cut to the guard size (ABI §3.3,
 * updateCapData), so that lookups compare only the bits the guard has. */
static void test_cnode_guard_from_data(void)
{
    struct cte *table = new_cnode(8);
    struct cap cnode = cnode_cap(table, 8, 0, 0);
    struct cap minted = cap_update_data(cnode, (0x35ul << 6) | 4, false);
    CHECK_EQ(cap_cnode_guard_size(minted), 4);
    CHECK_EQ(cap_cnode_guard(minted), 0x5);
    minted = cap_update_data(cnode, 0x35ul << 6, false);
    CHECK_EQ(cap_cnode_guard(minted), 0);
    struct lookup_fault fault;
    word_t left;
    minted = cap_update_data(cnode, (0x35ul << 6) | 4, false);
    CHECK(cspace_resolve(minted, (0x5ul << 8) | 7, 12, &left, &fault) == &table[7]);
    free(table);
}

static void test_swap(void)
{
    struct cte *s = new_cnode(4);
    struct cap a = cap_endpoint(0x1000, 1, CAP_RIGHTS_ALL);
    struct cap b = cap_notification(0x2000, 2, CAP_RIGHTS_ALL);
    cspace_insert_child(NULL, &s[0], cap_untyped(0x1000, 16, false), true);
    cspace_insert_child(&s[0], &s[1], a, true);
    cspace_insert_child(&s[1], &s[2], b, false);
    /* Adjacent: s[1] (depth 1) and s[2] (depth 2) trade caps and places. */
    cspace_swap(&s[1], a, &s[2], b);
    CHECK_EQ(cap_badge(s[2].cap), 1);
    CHECK_EQ(cap_badge(s[1].cap), 2);
    CHECK_EQ(cte_depth(&s[2]), 1);
    CHECK_EQ(cte_depth(&s[1]), 2);
    CHECK(cte_next(&s[0]) == &s[2] && cte_next(&s[2]) == &s[1]);
    CHECK(cte_prev(&s[1]) == &s[2] && cte_prev(&s[2]) == &s[0] && !cte_next(&s[1]));
    /* Apart: swap s[0] with s[1] across s[2] and back. */
    cspace_swap(&s[0], s[0].cap, &s[1], s[1].cap);
    CHECK(cte_next(&s[1]) == &s[2] && cte_next(&s[2]) == &s[0] && !cte_prev(&s[1]));
    cspace_swap(&s[1], s[1].cap, &s[0], s[0].cap);
    CHECK(cte_next(&s[0]) == &s[2] && cte_next(&s[2]) == &s[1]);
    free(s);
}

int main(void)
{
    test_root_task_style_lookup();
    test_two_level_lookup();
    test_invalid_root();
    test_derivation_tree();
    test_derived_sibling_keeps_its_flag();
    test_swap();
    test_delete_stays_inside_the_cnode();
    test_delete_unmaps_a_frame_copy();
    test_cnode_guard_from_data();
    return unit_report("test_cspace");
}
