/* Host tests of invocations end to end: the message as a thread's registers and IPC buffer,
 * the generic decoders (Untyped, CNode), and the reply with the ABI's error details. */
#include "fixture.h"
#include "unit.h"
#include <sel4/invocation_labels.h>
#include <sel4/object_type.h>

static struct reply cnode_op(word_t label, const word_t *args, word_t n)
{
    cptr_t caps[] = {SLOT_ROOT, SLOT_ROOT};
    return call(SLOT_ROOT, label, args, n, caps, label == CNodeRotate ? 2 : 1);
}

static void test_retype(void)
{
    struct reply r = retype(seL4_EndpointObject, 0, 10, 4);
    CHECK_EQ(r.label, seL4_NoError);
    CHECK_EQ(r.length, 0);
    for (int i = 10; i < 14; i++)
        CHECK_EQ(cap_type(root[i].cap), CAP_ENDPOINT);
    CHECK_EQ(cap_object(root[11].cap) - cap_object(root[10].cap), 16);
    CHECK(cspace_has_children(&root[SLOT_UNTYPED]));
    CHECK_EQ(retype(seL4_EndpointObject, 0, 12, 1).label, seL4_DeleteFirst);
    r = retype(99, 0, 20, 1);
    CHECK(r.label == seL4_InvalidArgument && r.length == 1 && r.mr[0] == 0);
    r = retype(seL4_CapTableObject, 0, 20, 1);
    CHECK(r.label == seL4_InvalidArgument && r.mr[0] == 1);
    r = retype(seL4_EndpointObject, 0, 20, 0);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 1 && r.mr[1] == 256);
    r = retype(seL4_EndpointObject, 0, 256, 1);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 0 && r.mr[1] == 255);
    r = retype(seL4_EndpointObject, 0, 250, 7);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 1 && r.mr[1] == 6);
    r = retype(seL4_UntypedObject, 16, 20, 1);
    CHECK(r.label == seL4_NotEnoughMemory && r.length == 1);
    CHECK_EQ(r.mr[0], (1 << UNTYPED_BITS) - 64);
    /* A TCB is aligned to its size after the endpoints. */
    CHECK_EQ(retype(seL4_TCBObject, 0, 20, 1).label, seL4_NoError);
    CHECK_EQ(cap_object(root[20].cap) - (paddr_t)untyped_memory, 2048);
}

static void test_truncated_and_illegal(void)
{
    word_t args[] = {0, 0, 0, 0, 0, 1};
    cptr_t caps[] = {SLOT_ROOT};
    CHECK_EQ(call(SLOT_UNTYPED, UntypedRetype, args, 5, caps, 1).label, seL4_TruncatedMessage);
    CHECK_EQ(call(SLOT_UNTYPED, UntypedRetype, args, 6, caps, 0).label, seL4_TruncatedMessage);
    CHECK_EQ(call(SLOT_UNTYPED, CNodeCopy, args, 6, caps, 1).label, seL4_IllegalOperation);
    CHECK_EQ(call(SLOT_ROOT, UntypedRetype, args, 6, caps, 1).label, seL4_IllegalOperation);
    word_t copy[] = {30, 64};
    CHECK_EQ(cnode_op(CNodeCopy, copy, 2).label, seL4_TruncatedMessage);
}

static void test_lookup_errors(void)
{
    word_t zero_depth[] = {30, 0, 10, 64, CAP_RIGHTS_ALL};
    struct reply r = cnode_op(CNodeCopy, zero_depth, 5);
    CHECK(r.label == seL4_RangeError && r.mr[0] == 1 && r.mr[1] == 64);
    /* Depth 8 through a CNode with a 56-bit guard: GuardMismatch, bits left 8. */
    word_t short_depth[] = {30, 8, 10, 64, CAP_RIGHTS_ALL};
    r = cnode_op(CNodeCopy, short_depth, 5);
    CHECK(r.label == seL4_FailedLookup && r.length == 5);
    CHECK(r.mr[0] == 0 && r.mr[1] == 4 && r.mr[2] == 8 && r.mr[3] == 0 && r.mr[4] == 56);
    word_t empty_source[] = {30, 64, 99, 64, CAP_RIGHTS_ALL};
    r = cnode_op(CNodeCopy, empty_source, 5);
    CHECK(r.label == seL4_FailedLookup && r.length == 3);
    CHECK(r.mr[0] == 1 && r.mr[1] == 2 && r.mr[2] == 64);
    word_t full_dest[] = {10, 64, 11, 64, CAP_RIGHTS_ALL};
    CHECK_EQ(cnode_op(CNodeCopy, full_dest, 5).label, seL4_DeleteFirst);
}

static void test_copy_mint_mutate(void)
{
    word_t copy[] = {30, 64, 10, 64, CAP_RIGHT_READ};
    CHECK_EQ(cnode_op(CNodeCopy, copy, 5).label, seL4_NoError);
    CHECK_EQ(cap_rights(root[30].cap), CAP_RIGHT_READ);
    word_t mint[] = {31, 64, 10, 64, CAP_RIGHTS_ALL, 0x42};
    CHECK_EQ(cnode_op(CNodeMint, mint, 6).label, seL4_NoError);
    CHECK_EQ(cap_badge(root[31].cap), 0x42);
    word_t remint[] = {32, 64, 31, 64, CAP_RIGHTS_ALL, 0x43};
    CHECK_EQ(cnode_op(CNodeMint, remint, 6).label, seL4_IllegalOperation);
    word_t mutate[] = {32, 64, 10, 64, 0x44};
    CHECK_EQ(cnode_op(CNodeMutate, mutate, 5).label, seL4_IllegalOperation);
    word_t copy_badged[] = {32, 64, 31, 64, CAP_RIGHTS_ALL};
    CHECK_EQ(cnode_op(CNodeCopy, copy_badged, 5).label, seL4_NoError);
    /* Revoking the badged original removes its copy; the unbadged original stays. */
    word_t revoke[] = {31, 64};
    CHECK_EQ(cnode_op(CNodeRevoke, revoke, 2).label, seL4_NoError);
    CHECK(cap_is_null(root[32].cap) && !cap_is_null(root[31].cap));
    word_t untyped_copy[] = {33, 64, SLOT_UNTYPED, 64, CAP_RIGHTS_ALL};
    CHECK_EQ(cnode_op(CNodeCopy, untyped_copy, 5).label, seL4_RevokeFirst);
}

static void test_move_rotate_delete(void)
{
    word_t move[] = {40, 64, 30, 64};
    CHECK_EQ(cnode_op(CNodeMove, move, 4).label, seL4_NoError);
    CHECK(cap_is_null(root[30].cap) && cap_type(root[40].cap) == CAP_ENDPOINT);
    /* Rotate never re-badges: endpoint caps cannot take part (seL4's updateCapData). */
    word_t rotate_endpoints[] = {41, 64, 0, 40, 64, 0, 12, 64};
    CHECK_EQ(cnode_op(CNodeRotate, rotate_endpoints, 8).label, seL4_IllegalOperation);
    CHECK_EQ(retype(seL4_CapTableObject, 1, 42, 2).label, seL4_NoError);
    paddr_t first = cap_object(root[42].cap), second = cap_object(root[43].cap);
    /* Rotate: dest 44 <- pivot 43 <- src 42; the pivot's new guard applies. */
    word_t rotate[] = {44, 64, (3 << 6) | 2, 43, 64, 0, 42, 64};
    CHECK_EQ(cnode_op(CNodeRotate, rotate, 8).label, seL4_NoError);
    CHECK(cap_is_null(root[42].cap));
    CHECK(cap_object(root[44].cap) == second && cap_cnode_guard(root[44].cap) == 3);
    CHECK_EQ(cap_object(root[43].cap), first);
    /* Rotate with src == dest swaps. */
    word_t swap[] = {43, 64, 0, 44, 64, 0, 43, 64};
    CHECK_EQ(cnode_op(CNodeRotate, swap, 8).label, seL4_NoError);
    CHECK(cap_object(root[43].cap) == second && cap_object(root[44].cap) == first);
    word_t same_pivot[] = {45, 64, 0, 45, 64, 0, 43, 64};
    CHECK_EQ(cnode_op(CNodeRotate, same_pivot, 8).label, seL4_IllegalOperation);
    /* A pivot that does not look up (8 bits against the root's 56-bit guard) fails as a
     * source lookup, like the source itself (seL4's lookupPivotSlot). */
    word_t bad_pivot[] = {45, 64, 0, 44, 8, 0, 43, 64};
    struct reply r = cnode_op(CNodeRotate, bad_pivot, 8);
    CHECK(r.label == seL4_FailedLookup && r.length == 5 && r.mr[0] == 1 &&
          r.mr[1] == LOOKUP_GUARD_MISMATCH && r.mr[2] == 8);
    word_t del[] = {43, 64};
    CHECK_EQ(cnode_op(CNodeDelete, del, 2).label, seL4_NoError);
    CHECK(cap_is_null(root[43].cap));
}

static void test_revoke_untyped_resets(void)
{
    word_t revoke[] = {SLOT_UNTYPED, 64};
    CHECK_EQ(cnode_op(CNodeRevoke, revoke, 2).label, seL4_NoError);
    CHECK(!cspace_has_children(&root[SLOT_UNTYPED]));
    for (int i = 3; i < 256; i++)
        CHECK(i == SLOT_ROOT || cap_is_null(root[i].cap));
    CHECK_EQ(retype(seL4_UntypedObject, UNTYPED_BITS, 50, 1).label, seL4_NoError);
    CHECK_EQ(cap_object(root[50].cap), (paddr_t)untyped_memory);
}

static void test_delete_final_cnode_empties_it(void)
{
    CHECK_EQ(retype_from(50, seL4_CapTableObject, 2, 60, 1).label, seL4_NoError);
    CHECK_EQ(retype_from(50, seL4_CapTableObject, 2, 61, 1).label, seL4_NoError);
    struct cte *inner = (struct cte *)cap_object(root[60].cap);
    /* Move the second CNode's only cap inside the first, with an endpoint inside it. */
    word_t move[] = {62, 64, 61, 64};
    CHECK_EQ(cnode_op(CNodeMove, move, 4).label, seL4_NoError);
    struct cte *innermost = (struct cte *)cap_object(root[62].cap);
    cspace_move(&root[62], &inner[1], root[62].cap);
    CHECK_EQ(retype_from(50, seL4_EndpointObject, 0, 63, 1).label, seL4_NoError);
    cspace_move(&root[63], &innermost[3], root[63].cap);
    word_t del[] = {60, 64};
    CHECK_EQ(cnode_op(CNodeDelete, del, 2).label, seL4_NoError);
    CHECK(cap_is_null(root[60].cap) && cap_is_null(inner[1].cap));
    CHECK(cap_is_null(innermost[3].cap));
}

/* A CNode whose last capability sits inside it, and a ring of two CNodes each holding the
 * other's last capability: deleting the way in destroys them all and ends. */
static void test_delete_self_containing_cnodes(void)
{
    CHECK_EQ(retype_from(50, seL4_CapTableObject, 2, 70, 2).label, seL4_NoError);
    struct cte *a = (struct cte *)cap_object(root[70].cap);
    struct cte *b = (struct cte *)cap_object(root[71].cap);
    /* A holds its own last cap in its slot 0, and an endpoint in slot 1. */
    cspace_move(&root[70], &a[0], root[70].cap);
    CHECK_EQ(retype_from(50, seL4_EndpointObject, 0, 72, 1).label, seL4_NoError);
    cspace_move(&root[72], &a[1], root[72].cap);
    cspace_delete(&a[0]);
    CHECK(cap_is_null(a[0].cap) && cap_is_null(a[1].cap));
    /* B and C: B's last cap in C, C's last cap in B; enter through B's slot in C. */
    CHECK_EQ(retype_from(50, seL4_CapTableObject, 2, 73, 1).label, seL4_NoError);
    struct cte *c = (struct cte *)cap_object(root[73].cap);
    cspace_move(&root[71], &c[2], root[71].cap);
    cspace_move(&root[73], &b[3], root[73].cap);
    cspace_delete(&c[2]);
    CHECK(cap_is_null(c[2].cap) && cap_is_null(b[3].cap));
}

int main(void)
{
    setup();
    test_retype();
    test_truncated_and_illegal();
    test_lookup_errors();
    test_copy_mint_mutate();
    test_move_rotate_delete();
    test_revoke_untyped_resets();
    test_delete_final_cnode_empties_it();
    test_delete_self_containing_cnodes();
    teardown();
    return unit_report("test_invocation");
}
