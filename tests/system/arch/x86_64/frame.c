/* System tests of frames: Map, Unmap, GetAddress, rights (a read-only mapping faults a
 * writer), and large and huge pages from device memory. */
#include "x86_tests.h"

/* Map a frame, write it, read it back through a copy mapped at the next page. */
void test_frame_map_write_read(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    seL4_CPtr alias = env_copy(env, frame, seL4_AllRights);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(alias, VSPACE, REGION + PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, *word_at(REGION + 16) == 0); /* retyped frames start zeroed */
    *word_at(REGION) = 0x5eed5eed5eed5eedul;
    CHECK(env, *word_at(REGION + PAGE) == 0x5eed5eed5eed5eedul);
    *word_at(REGION + PAGE + 8) = 42;
    CHECK(env, *word_at(REGION + 8) == 42);
    CHECK(env, seL4_X86_Page_Unmap(alias) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
    /* The cache attributes select PAT entries; RAM reads back the same under any of them,
     * through the same frame (a 4 KiB entry's PAT bit is bit 7; bit 12 is an address bit). */
    seL4_X86_VMAttributes attributes[] = {seL4_X86_WriteThrough, seL4_X86_CacheDisabled,
                                          seL4_X86_Uncacheable, seL4_X86_WriteCombining};
    for (int i = 0; i < 4; i++) {
        seL4_CPtr page = retype(env, seL4_X86_4K);
        seL4_CPtr plain = env_copy(env, page, seL4_AllRights);
        seL4_Word vaddr = REGION + (2 + i) * PAGE, plain_vaddr = REGION + (6 + i) * PAGE;
        CHECK(env, seL4_X86_Page_Map(page, VSPACE, vaddr, seL4_ReadWrite, attributes[i]) ==
                       seL4_NoError);
        CHECK(env, seL4_X86_Page_Map(plain, VSPACE, plain_vaddr, seL4_ReadWrite, ATTR) ==
                       seL4_NoError);
        *word_at(vaddr) = (seL4_Word)i + 100;
        CHECK(env, *word_at(vaddr) == (seL4_Word)i + 100);
        CHECK(env, *word_at(plain_vaddr) == (seL4_Word)i + 100);
        CHECK(env, seL4_X86_Page_Unmap(plain) == seL4_NoError);
        CHECK(env, seL4_X86_Page_Unmap(page) == seL4_NoError);
    }
}

void test_frame_map_argument_errors(struct env *env)
{
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    seL4_CPtr unassigned = retype(env, seL4_X64_PML4Object);
    seL4_Word words[] = {REGION, seL4_ReadWrite.words[0], ATTR};
    seL4_SetCap(0, VSPACE);
    CHECK(env, seL4_InvokeWords(frame, X86PageMap, words, 2, 1) == seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(frame, X86PageMap, words, 3, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_X86_Page_Map(frame, frame, REGION, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_X86_Page_Map(frame, unassigned, REGION, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, seL4_UserTop, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, KERNEL_ADDRESS, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidArgument);
    /* Alignment comes before the tables are looked at. */
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION + 0x800, seL4_ReadWrite, ATTR) ==
                   seL4_AlignmentError);
    CHECK(env, seL4_InvokeWords(frame, X86PageTableMap, words, 2, 1) == seL4_IllegalOperation);
    CHECK(env, seL4_X86_PageTable_Map(VSPACE, VSPACE, REGION, ATTR) == seL4_IllegalOperation);
}

/* FailedLookup says which table is missing: 39 bits (no PDPT), 30 (no page directory), 21. */
void test_frame_map_missing_tables(struct env *env)
{
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    map_tables(env, VSPACE, REGION);
    check_failed_lookup(env, seL4_X86_Page_Map(frame, VSPACE, FAR_REGION, seL4_ReadWrite, ATTR),
                        39);
    check_failed_lookup(env, seL4_X86_Page_Map(frame, VSPACE, seL4_UserTop - PAGE,
                                               seL4_ReadWrite, ATTR), 39);
    check_failed_lookup(env, seL4_X86_Page_Map(frame, VSPACE, REGION + HUGE, seL4_ReadWrite,
                                               ATTR), 30);
    check_failed_lookup(env, seL4_X86_Page_Map(frame, VSPACE, REGION + LARGE, seL4_ReadWrite,
                                               ATTR), 21);
}

/* A frame maps once: again elsewhere is InvalidArgument, again in place a remap. Unmap frees
 * the entry and the frame maps anywhere again. */
void test_frame_map_twice_and_remap(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K), other = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    *word_at(REGION) = 7;
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION + PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_CanRead, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 7);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(other, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION + PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, *word_at(REGION + PAGE) == 7);
    /* Deleting the last capability of a mapped frame unmaps it. */
    CHECK(env, seL4_CNode_Delete(ROOT, frame, ROOT_DEPTH) == seL4_NoError);
    seL4_CPtr third = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(third, VSPACE, REGION + PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, *word_at(REGION + PAGE) == 0);
    CHECK(env, seL4_X86_Page_Unmap(third) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(other) == seL4_NoError);
}

/* A frame mapped where another is mapped replaces it, as seL4 does on x86. The replaced
 * frame's capability still records the address, so it may map there again (a remap, which
 * replaces in turn), and its Unmap leaves whatever else is mapped there now alone. */
void test_frame_map_over_mapping(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr first = retype(env, seL4_X86_4K), second = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(first, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    *word_at(REGION) = 7;
    CHECK(env, seL4_X86_Page_Map(second, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0);
    *word_at(REGION) = 8;
    CHECK(env, seL4_X86_Page_Unmap(first) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 8);
    CHECK(env, seL4_X86_Page_Map(first, VSPACE, REGION + PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, *word_at(REGION + PAGE) == 7);
    CHECK(env, seL4_X86_Page_Unmap(first) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(first, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(first, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 7);
    CHECK(env, seL4_X86_Page_Unmap(second) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 7);
    CHECK(env, seL4_X86_Page_Unmap(first) == seL4_NoError);
    /* Deleting the replaced frame's last capability leaves the mapping over it alone too. */
    CHECK(env, seL4_X86_Page_Map(first, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(second, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, first, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 8);
    CHECK(env, seL4_X86_Page_Unmap(second) == seL4_NoError);
}

/* Rights: a read-only copy maps read-only whatever Map asks; a copy without read, or a Map
 * without read, leaves the page to the kernel. GetAddress and Unmap work through any of them
 * (writes are test_frame_read_only_write_faults'). */
void test_frame_rights(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    seL4_CPtr read_only = env_copy(env, frame, seL4_CanRead);
    seL4_CPtr no_rights = env_copy(env, frame, seL4_NoRights);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_AllRights, ATTR) == seL4_NoError);
    *word_at(REGION) = 0xabcdef;
    CHECK(env, seL4_X86_Page_Map(read_only, VSPACE, REGION + PAGE, seL4_AllRights, ATTR) ==
                   seL4_NoError);
    CHECK(env, *word_at(REGION + PAGE) == 0xabcdef);
    CHECK(env, paddr_of(read_only) == paddr_of(frame));
    CHECK(env, seL4_X86_Page_Map(no_rights, VSPACE, REGION + 2 * PAGE, seL4_AllRights, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(read_only) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(read_only, VSPACE, REGION + 3 * PAGE, seL4_CanWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, paddr_of(no_rights) == paddr_of(frame));
    CHECK(env, seL4_X86_Page_Unmap(read_only) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(no_rights) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
}

struct writer {
    volatile seL4_Word *target;
    volatile seL4_Word before, after;
};

static void writer_main(void *arg)
{
    struct writer *writer = arg;
    writer->before = 1;
    *writer->target = 0xbad;
    writer->after = 1;
}

/* A thread of the root task's priority writes 0xbad to `vaddr`: true if it got past the
 * write, false if its fault stopped it there (it has no fault handler). */
static int thread_writes(struct env *env, seL4_Word vaddr)
{
    static struct writer writer;
    writer = (struct writer){word_at(vaddr), 0, 0};
    env_thread_start(env, env_thread(env, seL4_MaxPrio), writer_main, &writer);
    env_yield_until(&writer.before);
    for (int i = 0; i < 10; i++)
        seL4_Yield();
    CHECK(env, writer.before == 1);
    return writer.after != 0;
}

/* A write to a read-only mapping (read-only asked of Map, or a read-only capability mapped
 * read-write) is a VM fault: it stops the writing thread, the root task goes on, and the page
 * keeps what it held. A write through the read-write mapping goes through. */
void test_frame_read_only_write_faults(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    seL4_CPtr alias = env_copy(env, frame, seL4_AllRights), read_only = env_copy(env, frame, seL4_CanRead);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(alias, VSPACE, REGION + PAGE, seL4_CanRead, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(read_only, VSPACE, REGION + 2 * PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    *word_at(REGION) = 0x600d;
    CHECK(env, !thread_writes(env, REGION + PAGE));
    CHECK(env, !thread_writes(env, REGION + 2 * PAGE));
    CHECK(env, *word_at(REGION) == 0x600d && *word_at(REGION + PAGE) == 0x600d);
    CHECK(env, thread_writes(env, REGION));
    CHECK(env, *word_at(REGION + 2 * PAGE) == 0xbad);
    CHECK(env, seL4_X86_Page_Unmap(read_only) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(alias) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(frame) == seL4_NoError);
}

/* The first page the test's untyped gives is the first page of the parent untyped the test
 * framework carved it from (main.c takes the first RAM untyped of 2^ENV_UNTYPED_BITS). */
static seL4_Word first_env_paddr(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= ENV_UNTYPED_BITS)
            return bi->untypedList[i].paddr;
    }
    return 1;
}

void test_frame_get_address(struct env *env)
{
    seL4_CPtr first = retype(env, seL4_X86_4K), second = retype(env, seL4_X86_4K);
    CHECK(env, paddr_of(first) == first_env_paddr(env));
    CHECK(env, paddr_of(second) == paddr_of(first) + PAGE);
    seL4_X86_Page_GetAddress_t buffer = seL4_X86_Page_GetAddress(seL4_CapInitThreadIPCBuffer);
    CHECK(env, buffer.error == seL4_NoError && buffer.paddr && !(buffer.paddr % PAGE));
    /* A copy of a mapped boot frame starts unmapped: it maps again as an alias. */
    seL4_CPtr image = env->bootinfo->userImageFrames.start;
    seL4_CPtr alias = env_copy(env, image, seL4_AllRights);
    map_tables(env, VSPACE, REGION);
    CHECK(env, seL4_X86_Page_Map(alias, VSPACE, REGION, seL4_CanRead, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == *word_at(IMAGE_START));
    CHECK(env, *word_at(REGION + 8) == *word_at(IMAGE_START + 8));
    CHECK(env, seL4_X86_Page_Unmap(alias) == seL4_NoError);
    CHECK(env, seL4_InvokeWords(first, X86PageUnmap + 100, 0, 0, 0) == seL4_IllegalOperation);
}

/* 2 MiB and 1 GiB pages, from device memory above 4 GiB (nothing backs it in QEMU, so the test
 * never touches it): tables in the way, alignment, the user range, GetAddress. */
void test_large_and_huge_pages(struct env *env)
{
    seL4_Word base;
    seL4_CPtr device = device_untyped(env, seL4_HugePageBits + 1, 1ul << 32, &base);
    seL4_CPtr large = retype_from(env, device, seL4_X86_LargePageObject, 0);
    seL4_CPtr huge = retype_from(env, device, seL4_X64_HugePageObject, 0);
    seL4_CPtr small = retype(env, seL4_X86_4K);
    CHECK(env, paddr_of(large) == base && paddr_of(huge) == base + HUGE);
    map_tables(env, VSPACE, REGION);
    CHECK(env, seL4_X86_Page_Map(large, VSPACE, REGION, seL4_ReadWrite, ATTR) ==
                   seL4_DeleteFirst);
    CHECK(env, seL4_X86_Page_Map(large, VSPACE, REGION + LARGE + PAGE, seL4_ReadWrite, ATTR) ==
                   seL4_AlignmentError);
    CHECK(env, seL4_X86_Page_Map(large, VSPACE, REGION + LARGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(large, VSPACE, REGION + 2 * LARGE, seL4_ReadWrite, ATTR) ==
                   seL4_InvalidArgument);
    seL4_CPtr pt = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION + LARGE, ATTR) == seL4_DeleteFirst);
    check_failed_lookup(env, seL4_X86_Page_Map(small, VSPACE, REGION + LARGE + PAGE,
                                               seL4_ReadWrite, ATTR), 21);
    CHECK(env, seL4_X86_Page_Unmap(large) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION + LARGE, ATTR) == seL4_NoError);

    seL4_CPtr pdpt = retype(env, seL4_X86_PDPTObject);
    CHECK(env, seL4_X86_PDPT_Map(pdpt, VSPACE, FAR_REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(huge, VSPACE, FAR_REGION + LARGE, seL4_ReadWrite, ATTR) ==
                   seL4_AlignmentError);
    CHECK(env, seL4_X86_Page_Map(huge, VSPACE, seL4_UserTop - HUGE + PAGE, seL4_ReadWrite,
                                 ATTR) == seL4_InvalidArgument);
    check_failed_lookup(env, seL4_X86_Page_Map(huge, VSPACE, seL4_UserTop + PAGE - 2 * HUGE,
                                               seL4_ReadWrite, ATTR), 39);
    CHECK(env, seL4_X86_Page_Map(huge, VSPACE, FAR_REGION + HUGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, FAR_REGION + HUGE, ATTR) ==
                   seL4_DeleteFirst);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, FAR_REGION, ATTR) == seL4_NoError);
    check_failed_lookup(env, seL4_X86_Page_Map(large, VSPACE, FAR_REGION + HUGE,
                                               seL4_ReadWrite, ATTR), 30);
    CHECK(env, seL4_X86_Page_Map(large, VSPACE, FAR_REGION, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(huge) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(large) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, device, ROOT_DEPTH) == seL4_NoError);
}

/* 2 MiB and 1 GiB pages replace a page of their size mapped there (a table there is
 * DeleteFirst: test_large_and_huge_pages); a table Map tells whether the entry is in use,
 * since nothing backs this device memory. */
void test_large_and_huge_pages_map_over_mapping(struct env *env)
{
    seL4_Word base;
    seL4_CPtr device = device_untyped(env, seL4_HugePageBits + 2, 1ul << 32, &base);
    seL4_CPtr huge = retype_from(env, device, seL4_X64_HugePageObject, 0);
    seL4_CPtr other_huge = retype_from(env, device, seL4_X64_HugePageObject, 0);
    seL4_CPtr large = retype_from(env, device, seL4_X86_LargePageObject, 0);
    seL4_CPtr other_large = retype_from(env, device, seL4_X86_LargePageObject, 0);
    map_tables(env, VSPACE, REGION);
    seL4_CPtr pt = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_Page_Map(large, VSPACE, REGION + LARGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(other_large, VSPACE, REGION + LARGE, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(large) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION + LARGE, ATTR) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_Page_Unmap(other_large) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION + LARGE, ATTR) == seL4_NoError);

    seL4_CPtr pdpt = retype(env, seL4_X86_PDPTObject);
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    CHECK(env, seL4_X86_PDPT_Map(pdpt, VSPACE, FAR_REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(huge, VSPACE, FAR_REGION, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Map(other_huge, VSPACE, FAR_REGION, seL4_ReadWrite, ATTR) ==
                   seL4_NoError);
    CHECK(env, seL4_X86_Page_Unmap(huge) == seL4_NoError);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, FAR_REGION, ATTR) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_Page_Unmap(other_huge) == seL4_NoError);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, FAR_REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, device, ROOT_DEPTH) == seL4_NoError);
}
