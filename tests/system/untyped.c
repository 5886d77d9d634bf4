/* System tests of Untyped Retype: placement, every error path, and reuse after Revoke. */
#include "tests.h"

static void retype(struct env *env, seL4_Word type, seL4_Word size, seL4_Word offset,
                   seL4_Word count, seL4_Error expected)
{
    CHECK(env, seL4_Untyped_Retype(env->untyped, type, size, ROOT, 0, 0, offset, count) ==
                   expected);
}

void test_untyped_retype_objects(struct env *env)
{
    seL4_CPtr first = env_retype(env, seL4_EndpointObject, 0, 3);
    CHECK(env, first && seL4_DebugCapIdentify(first + 2) != 0);
    CHECK(env, env_retype(env, seL4_NotificationObject, 0, 1) != 0);
    CHECK(env, env_retype(env, seL4_CapTableObject, 4, 1) != 0);
    CHECK(env, env_retype(env, seL4_TCBObject, 0, 1) != 0);
    CHECK(env, env_retype(env, seL4_ReplyObject, 0, 1) != 0);
    CHECK(env, env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1) != 0);
    CHECK(env, env_retype(env, seL4_UntypedObject, 12, 2) != 0);
}

void test_untyped_retype_errors(struct env *env)
{
    seL4_CPtr slot = env_slot(env);
    retype(env, seL4_ObjectTypeCount, 0, slot, 1, seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    retype(env, seL4_CapTableObject, 0, slot, 1, seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    retype(env, seL4_UntypedObject, 3, slot, 1, seL4_InvalidArgument);
    retype(env, seL4_SchedContextObject, 6, slot, 1, seL4_InvalidArgument);
    retype(env, seL4_UntypedObject, 64, slot, 1, seL4_RangeError);
    retype(env, seL4_EndpointObject, 0, slot, 0, seL4_RangeError);
    CHECK_MR(env, 0, 1);
    CHECK_MR(env, 1, 256);
    retype(env, seL4_EndpointObject, 0, 1ul << 12, 1, seL4_RangeError);
    CHECK_MR(env, 1, (1ul << 12) - 1);
    retype(env, seL4_EndpointObject, 0, seL4_CapInitThreadTCB, 1, seL4_DeleteFirst);
    retype(env, seL4_UntypedObject, ENV_UNTYPED_BITS + 1, slot, 1, seL4_NotEnoughMemory);
    CHECK_MR(env, 0, 1ul << ENV_UNTYPED_BITS);
}

void test_untyped_reuse_after_revoke(struct env *env)
{
    seL4_CPtr whole = env_retype(env, seL4_UntypedObject, ENV_UNTYPED_BITS, 1);
    seL4_CPtr slot = env_slot(env);
    retype(env, seL4_EndpointObject, 0, slot, 1, seL4_NotEnoughMemory);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_CNode_Revoke(ROOT, env->untyped, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(whole) == 0);
    retype(env, seL4_EndpointObject, 0, slot, 1, seL4_NoError);
}

/* A copy of a whole untyped takes its free space (seL4's setUntypedCapAsFull): the original
 * has none left, the copy retypes. */
void test_untyped_copy_takes_the_free_space(struct env *env)
{
    seL4_CPtr original = env_retype(env, seL4_UntypedObject, 12, 1);
    seL4_CPtr copy = env_copy(env, original, seL4_AllRights);
    seL4_CPtr slot = env_slot(env);
    CHECK_ERR(env, seL4_Untyped_Retype(original, seL4_NotificationObject, 0, ROOT, 0, 0, slot,
                                       1),
              seL4_NotEnoughMemory, 0);
    CHECK_ERR(env, seL4_Untyped_Retype(copy, seL4_NotificationObject, 0, ROOT, 0, 0, slot, 1),
              seL4_NoError);
}

/* The first device untyped of the boot info, 0 if none. */
static seL4_CPtr device_untyped(seL4_BootInfo *bi)
{
    for (seL4_Word slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        if (bi->untypedList[slot - bi->untyped.start].isDevice)
            return slot;
    }
    return 0;
}

void test_untyped_device_only_frames(struct env *env)
{
    seL4_CPtr device = device_untyped(env->bootinfo);
    seL4_CPtr slot = env_slot(env);
    CHECK(env, device != 0);
    CHECK(env, seL4_Untyped_Retype(device, seL4_EndpointObject, 0, ROOT, 0, 0, slot, 1) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_Untyped_Retype(device, seL4_TCBObject, 0, ROOT, 0, 0, slot, 1) ==
                   seL4_InvalidArgument);
    CHECK(env, seL4_DebugCapIdentify(slot) == 0);
}

void test_untyped_into_a_cnode(struct env *env)
{
    /* Objects go into a 16-slot CNode named by its slot in the root; read back through a cap
     * to it with a 48-bit guard, which resolves 52 bits. */
    seL4_CPtr cnode = env_retype(env, seL4_CapTableObject, 4, 1);
    seL4_CPtr guarded = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, guarded, ROOT_DEPTH, ROOT, cnode, ROOT_DEPTH,
                               seL4_AllRights, seL4_CNode_CapData_new(0, 48)) == seL4_NoError);
    CHECK(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, guarded,
                                   ROOT_DEPTH, 3, 2) == seL4_NoError);
    seL4_CPtr out = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, out, ROOT_DEPTH, guarded, 4, 52, seL4_AllRights) ==
                   seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(out) != 0);
    CHECK(env, seL4_CNode_Copy(ROOT, out + 1, ROOT_DEPTH, guarded, 5, 52, seL4_AllRights) ==
                   seL4_FailedLookup);
    env_slot(env);
    /* The window runs off the end of the 16 slots. */
    CHECK(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, guarded,
                                   ROOT_DEPTH, 15, 2) == seL4_RangeError);
    CHECK_MR(env, 0, 1);
    CHECK_MR(env, 1, 1);
    /* The node path names something that is not a CNode. */
    CHECK(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT,
                                   seL4_CapInitThreadTCB, ROOT_DEPTH, 0, 1) ==
                   seL4_FailedLookup);
}

void test_untyped_retype_argument_checks(struct env *env)
{
    seL4_CPtr slot = env_slot(env);
    seL4_Word words[6] = {seL4_EndpointObject, 0, 0, 0, slot, 1};
    /* Six words and the root capability are needed. */
    CHECK_REPLY(env, env_invoke(env->untyped, UntypedRetype, words, 5,
                                (const seL4_CPtr[]){ROOT}, 1),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(env->untyped, UntypedRetype, words, 6, 0, 0),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(env->untyped, CNodeCopy, words, 6, (const seL4_CPtr[]){ROOT},
                                1),
                seL4_IllegalOperation);
    /* The checks in upstream's order, each with its detail words. */
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_ObjectTypeCount, 0, ROOT, 0, 0, slot,
                                       1),
              seL4_InvalidArgument, 0);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_UntypedObject, seL4_WordBits, ROOT, 0,
                                       0, slot, 1),
              seL4_RangeError, 0, seL4_MaxUntypedBits);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_UntypedObject, seL4_MaxUntypedBits + 1,
                                       ROOT, 0, 0, slot, 1),
              seL4_RangeError, 0, seL4_MaxUntypedBits);
    /* The size argument is checked for every type, even one of a fixed size. */
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, seL4_WordBits, ROOT,
                                       0, 0, slot, 1),
              seL4_RangeError, 0, seL4_MaxUntypedBits);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_CapTableObject, 0, ROOT, 0, 0, slot,
                                       1),
              seL4_InvalidArgument, 1);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_UntypedObject, seL4_MinUntypedBits - 1,
                                       ROOT, 0, 0, slot, 1),
              seL4_InvalidArgument, 1);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_SchedContextObject,
                                       seL4_MinSchedContextBits - 1, ROOT, 0, 0, slot, 1),
              seL4_InvalidArgument, 1);
    /* The smallest sizes of each are fine. */
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_UntypedObject, seL4_MinUntypedBits,
                                       ROOT, 0, 0, slot, 1),
              seL4_NoError);
    CHECK_ERR(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH), seL4_NoError);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_CapTableObject, 1, ROOT, 0, 0, slot,
                                       1),
              seL4_NoError);
    CHECK_ERR(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH), seL4_NoError);
}

void test_untyped_retype_destination_checks(struct env *env)
{
    seL4_CPtr slot = env_slot(env);
    seL4_Word root_slots = 1ul << 12;
    /* The node path: looked up when its depth is not 0, with the lookup's own error. */
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, ROOT, 12,
                                       slot, 1),
              seL4_FailedLookup, 0, seL4_GuardMismatch, 12, 0, 52);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, ROOT,
                                       ROOT_DEPTH + 1, slot, 1),
              seL4_RangeError, 1, seL4_WordBits);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, slot,
                                       ROOT_DEPTH, 0, 1),
              seL4_FailedLookup, 0, seL4_MissingCapability, ROOT_DEPTH);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0,
                                       seL4_CapInitThreadTCB, 0, 0, slot, 1),
              seL4_FailedLookup, 0, seL4_MissingCapability, 0);
    /* The window: offset, then count (1..seL4_RetypeMaxObjects), then the room left. */
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0,
                                       root_slots, 1),
              seL4_RangeError, 0, root_slots - 1);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0, slot,
                                       seL4_RetypeMaxObjects + 1),
              seL4_RangeError, 1, seL4_RetypeMaxObjects);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0, slot,
                                       0),
              seL4_RangeError, 1, seL4_RetypeMaxObjects);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0,
                                       root_slots - 1, 2),
              seL4_RangeError, 1, 1);
    /* A window that ends at the CNode's last slot fits: a 4-slot CNode from slot 1 takes 3. */
    seL4_CPtr small = env_retype(env, seL4_CapTableObject, 2, 1);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, small,
                                       ROOT_DEPTH, 1, 3),
              seL4_NoError);
    /* Every slot of the window must be empty, the last one too. */
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0,
                                       env->untyped - 1, 2),
              seL4_DeleteFirst);
    CHECK(env, seL4_DebugCapIdentify(env->untyped - 1) != 0);
    CHECK_ERR(env, seL4_Untyped_Retype(env->untyped, seL4_EndpointObject, 0, ROOT, 0, 0, slot,
                                       1),
              seL4_NoError);
}

/* NotEnoughMemory gives the bytes left; objects are placed aligned to their size, after what
 * is already used. */
void test_untyped_retype_memory_checks(struct env *env)
{
    seL4_CPtr small = env_retype(env, seL4_UntypedObject, 12, 1);
    seL4_CPtr slot = env_slot(env);
    env_slot(env); /* slot + 1 */
    env_slot(env); /* slot + 2 */
    CHECK_ERR(env, seL4_Untyped_Retype(small, seL4_UntypedObject, 13, ROOT, 0, 0, slot, 1),
              seL4_NotEnoughMemory, 1ul << 12);
    CHECK_ERR(env, seL4_Untyped_Retype(small, seL4_UntypedObject, 11, ROOT, 0, 0, slot, 3),
              seL4_NotEnoughMemory, 1ul << 12);
    CHECK_ERR(env, seL4_Untyped_Retype(small, seL4_UntypedObject, 11, ROOT, 0, 0, slot, 1),
              seL4_NoError);
    /* Half used: 2 KiB left; another 2 KiB fits, then nothing. */
    CHECK_ERR(env, seL4_Untyped_Retype(small, seL4_UntypedObject, 11, ROOT, 0, 0, slot + 1, 2),
              seL4_NotEnoughMemory, 1ul << 11);
    CHECK_ERR(env, seL4_Untyped_Retype(small, seL4_UntypedObject, 11, ROOT, 0, 0, slot + 1, 1),
              seL4_NoError);
    CHECK_ERR(env, seL4_Untyped_Retype(small, seL4_EndpointObject, 0, ROOT, 0, 0, slot + 2, 1),
              seL4_NotEnoughMemory, 0);
    CHECK(env, seL4_DebugCapIdentify(slot + 2) == 0);
}

/* The boot info's capability regions hold capabilities in every slot, and nothing follows
 * the last region: the first empty slot is empty. */
void test_bootinfo_regions_hold_capabilities(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    const seL4_SlotRegion regions[] = {bi->userImagePaging, bi->userImageFrames, bi->untyped};
    for (unsigned r = 0; r < sizeof(regions) / sizeof(regions[0]); r++) {
        CHECK(env, regions[r].start < regions[r].end);
        for (seL4_CPtr slot = regions[r].start; slot < regions[r].end; slot++)
            CHECK(env, seL4_DebugCapIdentify(slot) != 0);
    }
    CHECK(env, bi->userImagePaging.end <= bi->userImageFrames.start ||
                   bi->userImageFrames.end <= bi->userImagePaging.start);
}
