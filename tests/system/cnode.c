/* System tests of CNode invocations: rights and badges on copies, moves, rotation, deletion,
 * revocation, and the lookup failures with their ABI detail words. */
#include "tests.h"

#define ALL seL4_AllRights

static seL4_CPtr endpoint(struct env *env)
{
    return env_retype(env, seL4_EndpointObject, 0, 1);
}

void test_cnode_copy_and_rights(struct env *env)
{
    seL4_CPtr ep = endpoint(env), copy = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_CanRead) ==
                   seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(copy) == seL4_DebugCapIdentify(ep));
    CHECK(env, seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, ALL) ==
                   seL4_DeleteFirst);
    /* IRQ control cannot be copied; an untyped with children neither. */
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, seL4_CapIRQControl, ROOT_DEPTH,
                               ALL) == seL4_IllegalOperation);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, env->untyped, ROOT_DEPTH, ALL) ==
                   seL4_RevokeFirst);
}

void test_cnode_mint_badges(struct env *env)
{
    seL4_CPtr ep = endpoint(env), badged = env_slot(env), again = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, ALL, 7) ==
                   seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, again, ROOT_DEPTH, ROOT, badged, ROOT_DEPTH, ALL, 8) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_CNode_Copy(ROOT, again, ROOT_DEPTH, ROOT, badged, ROOT_DEPTH, ALL) ==
                   seL4_NoError);
    /* Revoking the first badged cap removes its copies, not the original endpoint cap. */
    CHECK(env, seL4_CNode_Revoke(ROOT, badged, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(again) == 0);
    CHECK(env, seL4_DebugCapIdentify(badged) != 0 && seL4_DebugCapIdentify(ep) != 0);
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, badged, ROOT_DEPTH) == seL4_NoError);
}

void test_cnode_move_mutate_rotate(struct env *env)
{
    seL4_CPtr cnodes = env_retype(env, seL4_CapTableObject, 2, 2);
    seL4_CPtr moved = env_slot(env), rotated = env_slot(env);
    CHECK(env, seL4_CNode_Move(ROOT, moved, ROOT_DEPTH, ROOT, cnodes, ROOT_DEPTH) ==
                   seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(cnodes) == 0 && seL4_DebugCapIdentify(moved) != 0);
    /* Mutate sets a CNode's guard; endpoint caps cannot be mutated. */
    CHECK(env, seL4_CNode_Mutate(ROOT, cnodes, ROOT_DEPTH, ROOT, moved, ROOT_DEPTH,
                                 (5 << 6) | 4) == seL4_NoError);
    seL4_CPtr ep = endpoint(env), slot = env_slot(env);
    CHECK(env, seL4_CNode_Mutate(ROOT, slot, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, 1) ==
                   seL4_IllegalOperation);
    /* Rotate: rotated <- cnodes + 1 <- cnodes. */
    CHECK(env, seL4_CNode_Rotate(ROOT, rotated, ROOT_DEPTH, 0, ROOT, cnodes + 1, ROOT_DEPTH, 0,
                                 ROOT, cnodes, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(cnodes) == 0 && seL4_DebugCapIdentify(rotated) != 0);
    CHECK(env, seL4_CNode_Rotate(ROOT, slot, ROOT_DEPTH, 0, ROOT, slot, ROOT_DEPTH, 0, ROOT,
                                 rotated, ROOT_DEPTH) == seL4_IllegalOperation);
}

void test_cnode_delete_and_revoke(struct env *env)
{
    seL4_CPtr ep = endpoint(env), copy = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, ALL) ==
                   seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, copy, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(copy) == 0);
    CHECK(env, seL4_CNode_Delete(ROOT, copy, ROOT_DEPTH) == seL4_NoError);
    /* A CNode holding a capability: deleting the CNode's last cap deletes what it held. */
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, 4, 1);
    CHECK(env, seL4_CNode_Copy(cnode, 3, 4, ROOT, ep, ROOT_DEPTH, ALL) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, cnode, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, ep, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, env->untyped, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(ep) == 0);
}

void test_cnode_lookup_errors(struct env *env)
{
    seL4_CPtr ep = endpoint(env), slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, 0, ROOT, ep, ROOT_DEPTH, ALL) == seL4_RangeError);
    CHECK_MR(env, 0, 1);
    CHECK_MR(env, 1, seL4_WordBits);
    /* Depth 12 through the root CNode's 52-bit guard: ABI §3.6's [0, 4, 12, 0, 52]. */
    CHECK(env, seL4_CNode_Copy(ROOT, slot, 12, ROOT, ep, ROOT_DEPTH, ALL) == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_GuardMismatch);
    CHECK_MR(env, 2, 12);
    CHECK_MR(env, 3, 0);
    CHECK_MR(env, 4, 52);
    /* An empty source: MissingCapability with the source flag set. */
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, slot + 1, ROOT_DEPTH, ALL) ==
                   seL4_FailedLookup);
    CHECK_MR(env, 0, 1);
    CHECK_MR(env, 1, seL4_MissingCapability);
    /* A source reached with bits to spare: DepthMismatch. */
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, ep << 4, ROOT_DEPTH + 4, ALL) ==
                   seL4_RangeError);
    /* A CNode invocation on a capability that is not a CNode is illegal. */
    CHECK(env, seL4_CNode_Delete(seL4_CapInitThreadTCB, 0, 1) == seL4_IllegalOperation);
}

void test_cnode_guards_and_rotate_errors(struct env *env)
{
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, 4, 1);
    seL4_CPtr bad_guard = env_slot(env), dest = env_slot(env), ep = endpoint(env);
    /* A guard that with the radix exceeds a word cannot be minted. */
    CHECK(env, seL4_CNode_Mint(ROOT, bad_guard, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH,
                               seL4_AllRights, seL4_CNode_CapData_new(0, 61)) ==
                   seL4_IllegalOperation);
    /* Through the unguarded 16-slot CNode 4 bits resolve a slot; 8 bits leave 4 over. */
    CHECK(env, seL4_CNode_Copy(cnode, 2, 4, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_NoError);
    CHECK(env, seL4_CNode_Copy(cnode, 2, 8, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_FailedLookup);
    CHECK_MR(env, 1, seL4_DepthMismatch);
    /* Rotate into a full destination, and with an empty pivot. */
    CHECK(env, seL4_CNode_Rotate(ROOT, ep, ROOT_DEPTH, 0, cnode, 2, 4, 0, ROOT, cnode,
                                 ROOT_DEPTH) == seL4_DeleteFirst);
    CHECK(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, cnode, 3, 4, 0, ROOT, cnode,
                                 ROOT_DEPTH) == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_MissingCapability);
    /* CancelBadgedSends needs an endpoint cap with all rights. */
    seL4_CPtr weak = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, weak, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_CanRead) ==
                   seL4_NoError);
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, weak, ROOT_DEPTH) == seL4_IllegalOperation);
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, cnode, ROOT_DEPTH) == seL4_IllegalOperation);
    CHECK(env, seL4_CNode_Copy(cnode, 2, 4, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_DeleteFirst);
    CHECK(env, seL4_CNode_Delete(cnode, 2, 4) == seL4_NoError);
}
