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
    /* Depth 1 is the least in range: the root's guard fails it, [0, 4, 1, 0, 52], and a
     * two-slot CNode without guard resolves it to a slot. */
    seL4_Word depth_one[5] = {slot, 1, ep, ROOT_DEPTH, seL4_AllRights.words[0]};
    seL4_CPtr root = ROOT;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, depth_one, 5, &root, 1), seL4_FailedLookup, 0,
                seL4_GuardMismatch, 1, 0, 52);
    seL4_CPtr two_slots = env_retype(env, seL4_CapTableObject, 1, 1);
    CHECK(env, seL4_CNode_Copy(two_slots, 1, 1, ROOT, ep, ROOT_DEPTH, ALL) == seL4_NoError);
    CHECK(env, seL4_CNode_Copy(two_slots, 1, 1, ROOT, ep, ROOT_DEPTH, ALL) == seL4_DeleteFirst);
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
    /* 2 bits where the CNode resolves 4: the bits left and the bits it wanted. */
    CHECK_ERR(env, seL4_CNode_Copy(cnode, 1, 2, ROOT, ep, ROOT_DEPTH, seL4_AllRights),
              seL4_FailedLookup, 0, seL4_DepthMismatch, 2, 4);
    /* The same CNode guarded by 4 bits of value 5: 8 bits resolve a slot only through that
     * guard, and a mismatch reports the guard found and its size (ABI §3.6). */
    seL4_CPtr guarded = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, guarded, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH,
                               seL4_AllRights, seL4_CNode_CapData_new(5, 4)) == seL4_NoError);
    CHECK(env, seL4_CNode_Copy(guarded, 0x54, 8, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_NoError);
    CHECK_ERR(env, seL4_CNode_Copy(guarded, 0x34, 8, ROOT, ep, ROOT_DEPTH, seL4_AllRights),
              seL4_FailedLookup, 0, seL4_GuardMismatch, 8, 5, 4);
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
    /* An unbadged notification cap with every right is still not an endpoint. */
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK_ERR(env, seL4_CNode_CancelBadgedSends(ROOT, ntfn, ROOT_DEPTH), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_CancelBadgedSends(ROOT, ep, ROOT_DEPTH), seL4_NoError);
    CHECK(env, seL4_CNode_Copy(cnode, 2, 4, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_DeleteFirst);
    CHECK(env, seL4_CNode_Delete(cnode, 2, 4) == seL4_NoError);
}

void test_cnode_truncated_messages(struct env *env)
{
    seL4_CPtr ep = endpoint(env), dest = env_slot(env);
    const seL4_CPtr roots[2] = {ROOT, ROOT};
    const seL4_Word copy[6] = {dest, ROOT_DEPTH, ep, ROOT_DEPTH, seL4_AllRights.words[0], 0};
    CHECK_REPLY(env, env_invoke(ROOT, CNodeDelete, copy, 1, 0, 0), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, copy, 3, roots, 1), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, copy, 5, roots, 0), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, copy, 4, roots, 1), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeMint, copy, 5, roots, 1), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeMutate, copy, 4, roots, 1), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeMove, copy, 3, roots, 1), seL4_TruncatedMessage);
    const seL4_Word rotate[8] = {dest, ROOT_DEPTH, 0, ep, ROOT_DEPTH, 0, ep + 1, ROOT_DEPTH};
    CHECK_REPLY(env, env_invoke(ROOT, CNodeRotate, rotate, 7, roots, 2), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeRotate, rotate, 8, roots, 1), seL4_TruncatedMessage);
    CHECK(env, seL4_DebugCapIdentify(dest) == 0 && seL4_DebugCapIdentify(ep) != 0);
    /* Labels outside the CNode's. */
    CHECK_REPLY(env, env_invoke(ROOT, TCBSetFlags, copy, 2, 0, 0), seL4_IllegalOperation);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeRotate + 1, copy, 2, 0, 0), seL4_IllegalOperation);
    /* Move with exactly four words and Mint with six work. */
    CHECK_REPLY(env, env_invoke(ROOT, CNodeMint, copy, 6, roots, 1), seL4_NoError);
    CHECK_REPLY(env, env_invoke(ROOT, CNodeMove, (const seL4_Word[]){dest + 1, ROOT_DEPTH, dest,
                                                                    ROOT_DEPTH},
                                4, roots, 1),
                seL4_NoError);
    env_slot(env);
}

/* Copy's lookups: the destination, then the source (the flag in MR0 says which), each with
 * the ABI's lookup-failure words and reply length. */
void test_cnode_copy_lookup_replies(struct env *env)
{
    seL4_CPtr ep = endpoint(env), dest = env_slot(env);
    seL4_Word words[5] = {dest, ROOT_DEPTH, ep, 12, seL4_AllRights.words[0]};
    seL4_CPtr root = ROOT;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_FailedLookup, 1,
                seL4_GuardMismatch, 12, 0, 52);
    words[3] = ROOT_DEPTH + 1;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_RangeError, 1,
                seL4_WordBits);
    words[2] = dest + 1;
    words[3] = ROOT_DEPTH;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_FailedLookup, 1,
                seL4_MissingCapability, ROOT_DEPTH);
    root = seL4_CapInitThreadTCB;
    words[2] = ep;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_FailedLookup, 1,
                seL4_InvalidRoot);
    /* A full destination is found before the source is looked up. */
    words[0] = ep;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_DeleteFirst);
    words[0] = dest;
    words[1] = 0;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_RangeError, 1,
                seL4_WordBits);
    words[1] = 12;
    CHECK_REPLY(env, env_invoke(ROOT, CNodeCopy, words, 5, &root, 1), seL4_FailedLookup, 0,
                seL4_GuardMismatch, 12, 0, 52);
    CHECK_REPLY(env, env_invoke(seL4_CapInitThreadTCB, CNodeCopy, words, 5, &root, 1),
                seL4_IllegalOperation);
    /* Through a 16-slot CNode without guard, 8 bits reach an empty slot with 4 bits left. */
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, 4, 1);
    CHECK_ERR(env, seL4_CNode_Copy(cnode, 2, 8, ROOT, ep, ROOT_DEPTH, ALL), seL4_FailedLookup,
              0, seL4_DepthMismatch, 4, 0);
    CHECK(env, seL4_DebugCapIdentify(dest) == 0);
}

void test_cnode_rotate_checks(struct env *env)
{
    seL4_CPtr a = endpoint(env), b = endpoint(env), dest = env_slot(env), empty = env_slot(env);
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, 4, 1);
    seL4_CPtr badged = env_slot(env);
    CHECK_ERR(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, a, ROOT_DEPTH, ALL, 9),
              seL4_NoError);
    /* The source is looked up first, then the pivot: both failures are "source" lookups. */
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, a, ROOT_DEPTH, 0, ROOT, b,
                                     12),
              seL4_FailedLookup, 1, seL4_GuardMismatch, 12, 0, 52);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, a, 12, 0, ROOT, b,
                                     ROOT_DEPTH),
              seL4_FailedLookup, 1, seL4_GuardMismatch, 12, 0, 52);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, seL4_CapInitThreadTCB, a,
                                     ROOT_DEPTH, 0, ROOT, b, ROOT_DEPTH),
              seL4_FailedLookup, 1, seL4_InvalidRoot);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, a, ROOT_DEPTH, 0,
                                     seL4_CapInitThreadTCB, b, ROOT_DEPTH),
              seL4_FailedLookup, 1, seL4_InvalidRoot);
    /* An empty source (flag 1) is reported before an empty pivot (flag 0). */
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, cnode, 3, 4, 0, ROOT, empty,
                                     ROOT_DEPTH),
              seL4_FailedLookup, 1, seL4_MissingCapability, ROOT_DEPTH);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, cnode, 3, 4, 0, ROOT, b,
                                     ROOT_DEPTH),
              seL4_FailedLookup, 0, seL4_MissingCapability, 4);
    /* The pivot may be neither the source nor the destination (CNode caps: re-guardable). */
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, cnode, ROOT_DEPTH, 0, ROOT,
                                     cnode, ROOT_DEPTH),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, dest, ROOT_DEPTH, 0, ROOT,
                                     a, ROOT_DEPTH),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, b, ROOT_DEPTH, 0, ROOT, a, ROOT_DEPTH, 0, ROOT,
                                     badged, ROOT_DEPTH),
              seL4_DeleteFirst);
    /* Endpoint caps cannot be re-badged by a Rotate: as source, as pivot. */
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, cnode, ROOT_DEPTH, 0,
                                     ROOT, a, ROOT_DEPTH),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, a, ROOT_DEPTH, 0, ROOT,
                                     cnode, ROOT_DEPTH),
              seL4_IllegalOperation);
    /* Source == destination swaps source and pivot, even though the destination is full. */
    seL4_CPtr cnode2 = env_retype(env, seL4_CapTableObject, 3, 1);
    seL4_Word first = seL4_DebugCapIdentify(cnode), second = seL4_DebugCapIdentify(cnode2);
    CHECK_ERR(env, seL4_CNode_Rotate(ROOT, cnode, ROOT_DEPTH, 0, ROOT, cnode2, ROOT_DEPTH, 0,
                                     ROOT, cnode, ROOT_DEPTH),
              seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(cnode) == second && seL4_DebugCapIdentify(cnode2) == first);
    CHECK(env, seL4_DebugCapIdentify(dest) == 0 && seL4_DebugCapIdentify(a) != 0);
}

void test_cnode_copy_mint_mutate_checks(struct env *env)
{
    seL4_CPtr ep = endpoint(env), dest = env_slot(env), badged = env_slot(env);
    seL4_CPtr empty = env_slot(env), cnode = env_retype(env, seL4_CapTableObject, 4, 1);
    CHECK_ERR(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, ALL, 3),
              seL4_NoError);
    /* Mint rebadging a badged cap, Mutate of any endpoint: no capability, IllegalOperation. */
    CHECK_ERR(env, seL4_CNode_Mint(ROOT, dest, ROOT_DEPTH, ROOT, badged, ROOT_DEPTH, ALL, 4),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Mutate(ROOT, dest, ROOT_DEPTH, ROOT, badged, ROOT_DEPTH, 0),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Mutate(ROOT, dest, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH,
                                     seL4_CNode_CapData_new(0, 61)),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Copy(ROOT, dest, ROOT_DEPTH, ROOT, seL4_CapIRQControl, ROOT_DEPTH,
                                   ALL),
              seL4_IllegalOperation);
    CHECK_ERR(env, seL4_CNode_Mint(ROOT, dest, ROOT_DEPTH, ROOT, env->untyped, ROOT_DEPTH, ALL,
                                   0),
              seL4_RevokeFirst);
    CHECK_ERR(env, seL4_CNode_Move(ROOT, dest, ROOT_DEPTH, ROOT, empty, ROOT_DEPTH),
              seL4_FailedLookup, 1, seL4_MissingCapability, ROOT_DEPTH);
    CHECK_ERR(env, seL4_CNode_Move(ROOT, ep, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH),
              seL4_DeleteFirst);
    CHECK(env, seL4_DebugCapIdentify(dest) == 0);
    /* Mutate moves: the source slot is empty afterwards; Mint copies. */
    CHECK_ERR(env, seL4_CNode_Mutate(ROOT, dest, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH,
                                     seL4_CNode_CapData_new(0, 4)),
              seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(cnode) == 0 && seL4_DebugCapIdentify(dest) != 0);
    CHECK_ERR(env, seL4_CNode_Copy(dest, 2, 8, ROOT, ep, ROOT_DEPTH, ALL), seL4_NoError);
    CHECK_ERR(env, seL4_CNode_Mint(ROOT, cnode, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, ALL, 5),
              seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(cnode) == seL4_DebugCapIdentify(ep));
    CHECK_ERR(env, seL4_CNode_Delete(dest, 2, 8), seL4_NoError);
}

/* CancelBadgedSends checks the type, not only the rights field: a CNode cap of radix 15 has
 * the same bits set where an endpoint cap keeps all four rights. It takes the whole untyped. */
void test_cnode_cancel_badged_sends_needs_an_endpoint(struct env *env)
{
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, ENV_UNTYPED_BITS - seL4_SlotBits, 1);
    CHECK(env, cnode != 0);
    CHECK_ERR(env, seL4_CNode_CancelBadgedSends(ROOT, cnode, ROOT_DEPTH), seL4_IllegalOperation);
}

/* A lookup that fails on a guard replies the CNode capability's guard and guard size
 * (sel4-abi.md §3.6; the guard here is 5, 48 bits). */
void test_cnode_guard_mismatch_reply(struct env *env)
{
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, 4, 1), guarded = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, guarded, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH,
                               seL4_AllRights, seL4_CNode_CapData_new(5, 48)) == seL4_NoError);
    CHECK(env, seL4_CNode_Copy(ROOT, env_slot(env), ROOT_DEPTH, guarded, 1, 52,
                               seL4_AllRights) == seL4_FailedLookup);
    CHECK_MR(env, 1, seL4_GuardMismatch);
    CHECK_MR(env, 3, 5);
}
