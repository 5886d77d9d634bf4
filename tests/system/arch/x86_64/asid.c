/* System tests of ASID control and ASID pools: MakePool, Assign, running out of pools, and
 * what a pool's deletion does to its VSpaces and their threads. */
#include "x86_tests.h"

static seL4_Error make_pool(seL4_CPtr untyped, seL4_CPtr slot)
{
    return seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, untyped, ROOT, slot, ROOT_DEPTH);
}

void test_asid_control_errors(struct env *env)
{
    seL4_CPtr untyped = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits, 1);
    seL4_CPtr too_big = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits + 1, 1);
    seL4_CPtr busy = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits, 1);
    seL4_CPtr endpoint = retype(env, seL4_EndpointObject);
    seL4_CPtr slot = env_slot(env);
    seL4_Word words[] = {slot, ROOT_DEPTH};
    CHECK(env, seL4_InvokeWords(seL4_CapASIDControl, X86ASIDPoolAssign, words, 2, 0) ==
                   seL4_IllegalOperation);
    seL4_SetCap(0, untyped);
    CHECK(env, seL4_InvokeWords(seL4_CapASIDControl, X86ASIDControlMakePool, words, 2, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, make_pool(too_big, slot) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, make_pool(endpoint, slot) == seL4_InvalidCapability);
    CHECK(env, seL4_Untyped_Retype(busy, seL4_EndpointObject, 0, ROOT, 0, 0, env_slot(env), 1) ==
                   seL4_NoError);
    CHECK(env, make_pool(busy, slot) == seL4_RevokeFirst);
    CHECK(env, make_pool(untyped, seL4_CapInitThreadTCB) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, untyped, ROOT, slot, 0) ==
                   seL4_RangeError);
    CHECK_MR(env, 0, 1);
    CHECK_MR(env, 1, seL4_WordBits);
    seL4_Word device_base;
    seL4_CPtr device = device_untyped(env, seL4_ASIDPoolBits, 0, &device_base);
    seL4_CPtr device_page = retype_from(env, device, seL4_UntypedObject, seL4_ASIDPoolBits);
    CHECK(env, make_pool(device_page, slot) == seL4_InvalidCapability);
    CHECK(env, seL4_CNode_Revoke(ROOT, device, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, make_pool(untyped, slot) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(slot) == TAG_ASID_POOL);
    /* The pool took the whole untyped. */
    CHECK(env, seL4_Untyped_Retype(untyped, seL4_EndpointObject, 0, ROOT, 0, 0, env_slot(env),
                                   1) == seL4_NotEnoughMemory);
    CHECK_MR(env, 0, 0);
}

/* Eight pools in all, the boot's being the first: the eighth MakePool finds none free. */
void test_asid_pools_run_out(struct env *env)
{
    seL4_CPtr untypeds = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits, 8);
    seL4_CPtr pools = env->next_slot;
    env->next_slot += 8;
    for (seL4_Word i = 0; i < 7; i++)
        CHECK(env, make_pool(untypeds + i, pools + i) == seL4_NoError);
    CHECK(env, make_pool(untypeds + 7, pools + 7) == seL4_DeleteFirst);
    CHECK(env, seL4_CNode_Delete(ROOT, pools + 3, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, untypeds + 3, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, make_pool(untypeds + 7, pools + 7) == seL4_NoError);
}

/* Assign gives a PML4 its ASID; then it is a VSpace that maps (while not the live one), may be
 * copied, and stops resolving when its pool goes. */
void test_asid_pool_assign(struct env *env)
{
    seL4_CPtr untyped = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits, 1);
    seL4_CPtr pool = env_slot(env);
    CHECK(env, make_pool(untyped, pool) == seL4_NoError);
    seL4_CPtr vspace = retype(env, seL4_X64_PML4Object), frame = retype(env, seL4_X86_4K);
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, vspace, ROOT_DEPTH,
                               seL4_AllRights) == seL4_IllegalOperation);
    CHECK(env, seL4_InvokeWords(pool, X86ASIDPoolAssign, 0, 0, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(pool, X86ASIDControlMakePool, 0, 0, 0) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_X86_ASIDPool_Assign(pool, frame) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_X86_ASIDPool_Assign(pool, vspace) == seL4_NoError);
    CHECK(env, seL4_X86_ASIDPool_Assign(pool, vspace) == seL4_InvalidCapability);
    CHECK(env, seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) ==
                   seL4_InvalidCapability);
    CHECK(env, seL4_DebugCapIdentify(vspace) == TAG_PML4);
    seL4_CPtr vspace_copy = env_copy(env, vspace, seL4_AllRights);
    seL4_CPtr pdpt = retype(env, seL4_X86_PDPTObject), far = retype(env, seL4_X86_PDPTObject);
    CHECK(env, seL4_X86_PDPT_Map(pdpt, vspace, 0, ATTR) == seL4_NoError);
    map_tables(env, vspace_copy, REGION);
    CHECK(env, seL4_X86_Page_Map(frame, vspace, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    /* Mapped in one VSpace, a frame cannot be mapped through another's capability. */
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_X86_Page_Map(frame, vspace, REGION, seL4_CanRead, ATTR) == seL4_NoError);
    seL4_CPtr other = retype(env, seL4_X64_PML4Object);
    CHECK(env, seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, other) == seL4_NoError);
    /* The pool goes: its VSpaces no longer resolve. */
    CHECK(env, seL4_CNode_Delete(ROOT, pool, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_X86_PDPT_Map(far, vspace, FAR_REGION, ATTR) == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_InvalidRoot);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
    CHECK(env, seL4_X86_PDPT_Map(far, other, FAR_REGION, ATTR) == seL4_NoError);
}

struct spinner {
    volatile seL4_Word count;
};

static void spinner_main(void *arg)
{
    struct spinner *spinner = arg;
    for (;;) {
        spinner->count++;
        seL4_Yield();
    }
}

/* A thread runs in a VSpace only while the VSpace keeps its ASID. The VSpace here holds
 * aliases of the root task's image frames (code, data, and the stacks test threads run on),
 * so a thread of the test's own code runs in it; once its pool is deleted the thread faults
 * at its next user access and counts no more. */
void test_asid_pool_deletion_stops_threads(struct env *env)
{
    static struct spinner spinner;
    seL4_CPtr untyped = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits, 1);
    seL4_CPtr pool = env_slot(env);
    CHECK(env, make_pool(untyped, pool) == seL4_NoError);
    seL4_CPtr vspace = retype(env, seL4_X64_PML4Object), pdpt = retype(env, seL4_X86_PDPTObject);
    CHECK(env, seL4_X86_ASIDPool_Assign(pool, vspace) == seL4_NoError);
    CHECK(env, seL4_X86_PDPT_Map(pdpt, vspace, 0, ATTR) == seL4_NoError);
    map_tables(env, vspace, IMAGE_START);
    seL4_SlotRegion image = env->bootinfo->userImageFrames;
    for (seL4_CPtr frame = image.start; frame < image.end; frame++) {
        seL4_Word vaddr = IMAGE_START + (frame - image.start) * PAGE;
        CHECK(env, seL4_X86_Page_Map(env_copy(env, frame, seL4_AllRights), vspace, vaddr,
                                     seL4_ReadWrite, ATTR) == seL4_NoError);
    }
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    CHECK(env, seL4_TCB_SetSpace(tcb, 0, ROOT, 0, vspace, 0) == seL4_NoError);
    spinner.count = 0;
    env_thread_start(env, tcb, spinner_main, &spinner);
    env_yield_until(&spinner.count);
    CHECK(env, spinner.count > 0);
    CHECK(env, seL4_CNode_Delete(ROOT, pool, ROOT_DEPTH) == seL4_NoError);
    seL4_Yield();
    seL4_Word seen = spinner.count;
    for (int i = 0; i < 10; i++)
        seL4_Yield();
    CHECK(env, spinner.count == seen);
}
