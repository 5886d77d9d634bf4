/* System tests of the paging structures (PDPT, page directory, page table): Map and Unmap,
 * their errors, and deleting a mapped one. */
#include "x86_tests.h"

void test_page_table_map_errors(struct env *env)
{
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    seL4_CPtr pt = retype(env, seL4_X86_PageTableObject);
    check_failed_lookup(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION, ATTR), 30);
    check_failed_lookup(env, seL4_X86_PageDirectory_Map(pd, VSPACE, FAR_REGION, ATTR), 39);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, KERNEL_ADDRESS, ATTR) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    /* The first address past USER_TOP (2^47, PML4 entry 256: the kernel's half) is refused
     * the same way, with the whole reply: InvalidArgument, argument 0, one word. */
    const seL4_Word past_user_top[2] = {1ul << 47, ATTR};
    const seL4_CPtr in_vspace[1] = {VSPACE};
    CHECK_REPLY(env, env_invoke(pd, X86PageDirectoryMap, past_user_top, 2, in_vspace, 1),
                seL4_InvalidArgument, 0);
    CHECK_REPLY(env, env_invoke(pt, X86PageTableMap, past_user_top, 2, in_vspace, 1),
                seL4_InvalidArgument, 0);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, pt, REGION, ATTR) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    seL4_Word words[] = {REGION, ATTR};
    seL4_SetCap(0, VSPACE);
    CHECK(env, seL4_InvokeWords(pd, X86PageDirectoryMap, words, 1, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(pd, X86PageDirectoryMap, words, 2, 0) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(pd, X86PageTableMap, words, 2, 1) == seL4_IllegalOperation);
    /* An unmapped paging structure cannot be copied. */
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, pt, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_IllegalOperation);
    /* The address is rounded down to what the entry covers. */
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, REGION + 0x123456, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, REGION, ATTR) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 0);
    seL4_CPtr pd2 = retype(env, seL4_X86_PageDirectoryObject);
    CHECK(env, seL4_X86_PageDirectory_Map(pd2, VSPACE, REGION, ATTR) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION + 5 * PAGE, ATTR) == seL4_NoError);
    seL4_CPtr pt2 = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageTable_Map(pt2, VSPACE, REGION, ATTR) == seL4_DeleteFirst);
    /* The PML4's entry 0 holds the boot PDPT; entry 1 is free. */
    seL4_CPtr pdpt = retype(env, seL4_X86_PDPTObject);
    CHECK(env, seL4_X86_PDPT_Map(pdpt, VSPACE, 0, ATTR) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_PDPT_Map(pdpt, VSPACE, FAR_REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_PageDirectory_Map(pd2, VSPACE, FAR_REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(pd2) == TAG_PAGE_DIRECTORY);
    CHECK(env, seL4_DebugCapIdentify(pdpt) == TAG_PDPT);
    CHECK(env, seL4_DebugCapIdentify(pt) == TAG_PAGE_TABLE);
}

/* Unmap needs the last capability and leaves the table empty; deleting the last capability
 * of a mapped table unlinks it. */
void test_page_table_unmap(struct env *env)
{
    seL4_CPtr pt = map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K), other = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    seL4_CPtr pt_copy = env_copy(env, pt, seL4_AllRights);
    CHECK(env, seL4_X86_PageTable_Unmap(pt) == seL4_RevokeFirst);
    CHECK(env, seL4_CNode_Delete(ROOT, pt_copy, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Unmap(pt) == seL4_NoError);
    check_failed_lookup(env, seL4_X86_Page_Map(other, VSPACE, REGION + PAGE, seL4_ReadWrite,
                                               ATTR), 21);
    CHECK(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(other, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0);
    CHECK(env, seL4_X86_Page_Unmap(other) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, pt, ROOT_DEPTH) == seL4_NoError);
    seL4_CPtr pt2 = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageTable_Map(pt2, VSPACE, REGION, ATTR) == seL4_NoError);
    /* The frame still believes it is mapped; its mapping went with the old table. */
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Unmap(pt2) == seL4_NoError);
}

/* A table whose page directory was deleted still believes it is mapped; by then another
 * table may sit where it was. Its Unmap leaves that other table's link alone: the entry is
 * still full (a third table cannot map there) and the page below is still reachable. */
void test_page_table_stale_unmap(struct env *env)
{
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    seL4_CPtr stale = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(stale, VSPACE, REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, pd, ROOT_DEPTH) == seL4_NoError);
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Unmap(stale) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(retype(env, seL4_X86_PageTableObject), VSPACE, REGION,
                                      ATTR) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_Page_Map(retype(env, seL4_X86_4K), VSPACE, REGION + PAGE,
                                 seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
    /* A frame whose page table is gone, with nothing in its place: the walk to its entry
     * ends early, and its Unmap has nothing to clear. */
    seL4_CPtr lone = retype(env, seL4_X86_4K);
    seL4_CPtr last_table = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageTable_Map(last_table, VSPACE, REGION + 2 * LARGE, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(lone, VSPACE, REGION + 2 * LARGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, last_table, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(lone) == seL4_NoError);
}
