/*
 * x86_64 system tests: frames (Map, Unmap, GetAddress, rights), the paging structures (PDPT,
 * page directory, page table: Map, Unmap), large and huge pages from device memory, ASID
 * control and pools, I/O ports, the boot capabilities, and each thread's own SSE registers.
 * Test mappings go in the root task's own VSpace at 1 GiB (an entry of the boot PDPT nothing
 * uses) and 512 GiB (a PML4 entry the boot leaves empty), always through tables the test
 * made, so revoking the test's untyped takes them out again.
 */
#include "../../system_test.h"

#define VSPACE seL4_CapInitThreadVSpace
#define REGION 0x40000000ul      /* 1 GiB */
#define FAR_REGION 0x8000000000ul /* 512 GiB: PML4 entry 1 */
#define KERNEL_ADDRESS 0xffff800000000000ul
#define PAGE (1ul << seL4_PageBits)
#define LARGE (1ul << seL4_LargePageBits)
#define HUGE (1ul << seL4_HugePageBits)
#define ATTR seL4_X86_Default_VMAttributes
#define IMAGE_START 0x400000ul /* root_task.ld */
/* seL4's x86_64 capability tags, as DebugCapIdentify reports them. */
#define TAG_FRAME 1
#define TAG_PAGE_TABLE 3
#define TAG_PAGE_DIRECTORY 5
#define TAG_PDPT 7
#define TAG_PML4 9
#define TAG_ASID_CONTROL 11
#define TAG_ASID_POOL 13
#define TAG_IO_PORT 19
#define TAG_IO_PORT_CONTROL 31
/* CMOS RAM through the RTC's index and data ports: byte 0x7e is unused by the firmware. */
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_SCRATCH 0x7e

static volatile seL4_Word *word_at(seL4_Word vaddr)
{
    return (volatile seL4_Word *)vaddr;
}

static seL4_CPtr retype(struct env *env, seL4_Word type)
{
    return env_retype(env, type, 0, 1);
}

static seL4_CPtr copy(struct env *env, seL4_CPtr cap, seL4_CapRights_t rights)
{
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, cap, ROOT_DEPTH, rights) ==
                   seL4_NoError);
    return slot;
}

/* A page directory and a page table for the 2 MiB at `vaddr` in `vspace`; the table's cap. */
static seL4_CPtr map_tables(struct env *env, seL4_CPtr vspace, seL4_Word vaddr)
{
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    seL4_CPtr pt = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, vspace, vaddr, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(pt, vspace, vaddr, ATTR) == seL4_NoError);
    return pt;
}

static void check_failed_lookup(struct env *env, seL4_Error error, seL4_Word bits_left)
{
    CHECK(env, error == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_MissingCapability);
    CHECK_MR(env, 2, bits_left);
}

static seL4_Word paddr_of(seL4_CPtr frame)
{
    seL4_X86_Page_GetAddress_t result = seL4_X86_Page_GetAddress(frame);
    return result.error == seL4_NoError ? result.paddr : 0;
}

/* A device untyped of at least 2^bits bytes at or above `min_paddr` (its address in *paddr).
 * Tests that retype from one revoke it before they end. */
static seL4_CPtr device_untyped(struct env *env, seL4_Word bits, seL4_Word min_paddr,
                                seL4_Word *paddr)
{
    seL4_BootInfo *bi = env->bootinfo;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (desc->isDevice && desc->sizeBits >= bits && desc->paddr >= min_paddr) {
            *paddr = desc->paddr;
            return slot;
        }
    }
    CHECK(env, !"a device untyped that large");
    return 0;
}

static seL4_CPtr retype_from(struct env *env, seL4_CPtr untyped, seL4_Word type,
                             seL4_Word size_bits)
{
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_Untyped_Retype(untyped, type, size_bits, ROOT, 0, 0, slot, 1) ==
                   seL4_NoError);
    return slot;
}

/* Map a frame, write it, read it back through a copy mapped at the next page. */
static void test_frame_map_write_read(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    seL4_CPtr alias = copy(env, frame, seL4_AllRights);
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
    /* The cache attributes select PAT entries; RAM reads back the same under any of them. */
    seL4_X86_VMAttributes attributes[] = {seL4_X86_WriteThrough, seL4_X86_CacheDisabled,
                                          seL4_X86_Uncacheable, seL4_X86_WriteCombining};
    for (int i = 0; i < 4; i++) {
        seL4_CPtr page = retype(env, seL4_X86_4K);
        seL4_Word vaddr = REGION + (2 + i) * PAGE;
        CHECK(env, seL4_X86_Page_Map(page, VSPACE, vaddr, seL4_ReadWrite, attributes[i]) ==
                       seL4_NoError);
        *word_at(vaddr) = (seL4_Word)i + 100;
        CHECK(env, *word_at(vaddr) == (seL4_Word)i + 100);
        CHECK(env, seL4_X86_Page_Unmap(page) == seL4_NoError);
    }
}

static void test_frame_map_argument_errors(struct env *env)
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
static void test_frame_map_missing_tables(struct env *env)
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

/* A frame maps once: again elsewhere is InvalidArgument, again in place a remap; another
 * frame over it is DeleteFirst. Unmap frees the entry and the frame maps anywhere again. */
static void test_frame_map_twice_and_remap(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K), other = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    *word_at(REGION) = 7;
    CHECK(env, seL4_X86_Page_Map(other, VSPACE, REGION, seL4_ReadWrite, ATTR) ==
                   seL4_DeleteFirst);
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

/* Rights: a read-only copy maps read-only whatever Map asks; a copy without read, or a Map
 * without read, leaves the page to the kernel. A write through either would fault, so the
 * test reads, asks GetAddress and unmaps. */
static void test_frame_rights(struct env *env)
{
    map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K);
    seL4_CPtr read_only = copy(env, frame, seL4_CanRead);
    seL4_CPtr no_rights = copy(env, frame, seL4_NoRights);
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

static void test_frame_get_address(struct env *env)
{
    seL4_CPtr first = retype(env, seL4_X86_4K), second = retype(env, seL4_X86_4K);
    CHECK(env, paddr_of(first) == first_env_paddr(env));
    CHECK(env, paddr_of(second) == paddr_of(first) + PAGE);
    seL4_X86_Page_GetAddress_t buffer = seL4_X86_Page_GetAddress(seL4_CapInitThreadIPCBuffer);
    CHECK(env, buffer.error == seL4_NoError && buffer.paddr && !(buffer.paddr % PAGE));
    /* A copy of a mapped boot frame starts unmapped: it maps again as an alias. */
    seL4_CPtr image = env->bootinfo->userImageFrames.start;
    seL4_CPtr alias = copy(env, image, seL4_AllRights);
    map_tables(env, VSPACE, REGION);
    CHECK(env, seL4_X86_Page_Map(alias, VSPACE, REGION, seL4_CanRead, ATTR) == seL4_NoError);
    CHECK(env, *word_at(REGION) == *word_at(IMAGE_START));
    CHECK(env, *word_at(REGION + 8) == *word_at(IMAGE_START + 8));
    CHECK(env, seL4_X86_Page_Unmap(alias) == seL4_NoError);
    CHECK(env, seL4_InvokeWords(first, X86PageUnmap + 100, 0, 0, 0) == seL4_IllegalOperation);
}

static void test_page_table_map_errors(struct env *env)
{
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    seL4_CPtr pt = retype(env, seL4_X86_PageTableObject);
    check_failed_lookup(env, seL4_X86_PageTable_Map(pt, VSPACE, REGION, ATTR), 30);
    check_failed_lookup(env, seL4_X86_PageDirectory_Map(pd, VSPACE, FAR_REGION, ATTR), 39);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, VSPACE, KERNEL_ADDRESS, ATTR) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, pt, REGION, ATTR) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    seL4_Word words[] = {REGION, ATTR};
    seL4_SetCap(0, VSPACE);
    CHECK(env, seL4_InvokeWords(pd, X86PageDirectoryMap, words, 1, 1) ==
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
static void test_page_table_unmap(struct env *env)
{
    seL4_CPtr pt = map_tables(env, VSPACE, REGION);
    seL4_CPtr frame = retype(env, seL4_X86_4K), other = retype(env, seL4_X86_4K);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, REGION, seL4_ReadWrite, ATTR) == seL4_NoError);
    seL4_CPtr pt_copy = copy(env, pt, seL4_AllRights);
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

/* 2 MiB and 1 GiB pages, from device memory above 4 GiB (nothing backs it in QEMU, so the test
 * never touches it): tables in the way, alignment, the user range, GetAddress. */
static void test_large_and_huge_pages(struct env *env)
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

static seL4_Error make_pool(seL4_CPtr untyped, seL4_CPtr slot)
{
    return seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, untyped, ROOT, slot, ROOT_DEPTH);
}

static void test_asid_control_errors(struct env *env)
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
static void test_asid_pools_run_out(struct env *env)
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
static void test_asid_pool_assign(struct env *env)
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
    seL4_CPtr vspace_copy = copy(env, vspace, seL4_AllRights);
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
static void test_asid_pool_deletion_stops_threads(struct env *env)
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
        CHECK(env, seL4_X86_Page_Map(copy(env, frame, seL4_AllRights), vspace, vaddr,
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

static seL4_Error issue(seL4_Word first, seL4_Word last, seL4_CPtr slot)
{
    return seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, last, ROOT, slot,
                                        ROOT_DEPTH);
}

static void test_io_port_control(struct env *env)
{
    seL4_CPtr port = env_slot(env), slot = env_slot(env);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapIOPortControl) == TAG_IO_PORT_CONTROL);
    seL4_Word words[] = {CMOS_INDEX, CMOS_DATA, port, ROOT_DEPTH};
    seL4_SetCap(0, ROOT);
    CHECK(env, seL4_InvokeWords(seL4_CapIOPortControl, X86IOPortControlIssue, words, 3, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(seL4_CapIOPortControl, X86IOPortIn8, words, 4, 1) ==
                   seL4_IllegalOperation);
    CHECK(env, issue(CMOS_DATA, CMOS_INDEX, port) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    CHECK(env, issue(0x3f8, 0x3f8, port) == seL4_RevokeFirst); /* the kernel's UART */
    CHECK(env, issue(CMOS_INDEX, CMOS_DATA, seL4_CapInitThreadTCB) == seL4_DeleteFirst);
    CHECK(env, seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_INDEX, CMOS_DATA, ROOT,
                                            port, 0) == seL4_RangeError);
    CHECK(env, issue(CMOS_INDEX, CMOS_DATA, port) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(port) == TAG_IO_PORT);
    CHECK(env, issue(CMOS_DATA, CMOS_DATA + 1, slot) == seL4_RevokeFirst);
    /* I/O port control cannot be copied; an I/O port can, and its range stays taken until
     * the last capability to it goes. */
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, seL4_CapIOPortControl, ROOT_DEPTH,
                               seL4_AllRights) == seL4_IllegalOperation);
    seL4_CPtr port_copy = copy(env, port, seL4_AllRights);
    CHECK(env, seL4_CNode_Delete(ROOT, port, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, issue(CMOS_INDEX, CMOS_INDEX, port) == seL4_RevokeFirst);
    CHECK(env, seL4_CNode_Delete(ROOT, port_copy, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, issue(CMOS_INDEX, CMOS_INDEX, port) == seL4_NoError);
}

/* In and Out reach ports inside the issued range only, every byte of the access. */
static void test_io_port_in_out(struct env *env)
{
    seL4_CPtr port = env_slot(env);
    CHECK(env, issue(CMOS_INDEX, CMOS_DATA, port) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_DATA, 0xa5) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    seL4_X86_IOPort_In8_t in = seL4_X86_IOPort_In8(port, CMOS_DATA);
    CHECK(env, in.error == seL4_NoError && in.result == 0xa5);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_DATA, 0x5a) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_Out8(port, CMOS_INDEX, CMOS_SCRATCH) == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_In8(port, CMOS_DATA).result == 0x5a);
    CHECK(env, seL4_X86_IOPort_In16(port, CMOS_INDEX).error == seL4_NoError);
    CHECK(env, seL4_X86_IOPort_In8(port, CMOS_DATA + 1).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_In8(port, CMOS_INDEX - 1).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_In16(port, CMOS_DATA).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_In32(port, CMOS_INDEX).error == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_Out16(port, CMOS_DATA, 0) == seL4_IllegalOperation);
    CHECK(env, seL4_X86_IOPort_Out32(port, CMOS_INDEX, 0) == seL4_IllegalOperation);
    seL4_Word words[] = {CMOS_INDEX, 0};
    CHECK(env, seL4_InvokeWords(port, X86IOPortOut8, words, 1, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(port, X86IOPortIn8, words, 0, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_InvokeWords(port, X86IOPortControlIssue, words, 2, 0) ==
                   seL4_IllegalOperation);
}

/* The boot's arch capabilities: their tags, and the root task's PDPT, page directory and page
 * table listed by level in userImagePaging. */
static void test_boot_capabilities(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    CHECK(env, seL4_DebugCapIdentify(VSPACE) == TAG_PML4);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapASIDControl) == TAG_ASID_CONTROL);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapInitThreadASIDPool) == TAG_ASID_POOL);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapBootInfoFrame) == TAG_FRAME);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapInitThreadIPCBuffer) == TAG_FRAME);
    CHECK(env, bi->userImagePaging.end - bi->userImagePaging.start == 3);
    CHECK(env, seL4_DebugCapIdentify(bi->userImagePaging.start) == TAG_PDPT);
    CHECK(env, seL4_DebugCapIdentify(bi->userImagePaging.start + 1) == TAG_PAGE_DIRECTORY);
    CHECK(env, seL4_DebugCapIdentify(bi->userImagePaging.start + 2) == TAG_PAGE_TABLE);
    seL4_Word first = paddr_of(bi->userImageFrames.start);
    for (seL4_CPtr slot = bi->userImageFrames.start; slot < bi->userImageFrames.end; slot++)
        CHECK(env, paddr_of(slot) == first + (slot - bi->userImageFrames.start) * PAGE);
    /* Mapped paging structures and an assigned PML4 may be copied. */
    copy(env, VSPACE, seL4_AllRights);
    copy(env, bi->userImagePaging.start + 2, seL4_AllRights);
    copy(env, seL4_CapInitThreadASIDPool, seL4_AllRights);
}

/* Set xmm7, Yield, and read xmm7 back, in one asm statement so that the compiler has no
 * chance to use the register in between. */
static seL4_Word yield_keeping_xmm7(seL4_Word value)
{
    seL4_Word back;
    __asm__ volatile("movq %1, %%xmm7\n\t"
                     "movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp\n\t"
                     "movq %%xmm7, %0"
                     : "=&r"(back)
                     : "r"(value), "d"((seL4_Word)seL4_SysYield), "D"(0ul), "S"(0ul)
                     : "rcx", "r11", "rbx", "xmm7", "memory");
    return back;
}

struct fpu_child {
    volatile seL4_Word kept, done;
};

static void fpu_child_main(void *arg)
{
    struct fpu_child *child = arg;
    child->kept = yield_keeping_xmm7(0x1111111111111111ul) == 0x1111111111111111ul;
    child->done = 1;
}

/* Each thread keeps its own SSE registers across a switch to another that changes them. */
static void test_fpu_state_per_thread(struct env *env)
{
    static struct fpu_child child;
    child = (struct fpu_child){0, 0};
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    env_thread_start(env, tcb, fpu_child_main, &child);
    int kept = 1;
    for (int i = 0; i < 100 && !child.done; i++)
        kept &= yield_keeping_xmm7(0x2222222222222222ul) == 0x2222222222222222ul;
    CHECK(env, child.done && child.kept && kept);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

const struct system_test arch_system_tests[] = {
    {"x86_frame_map_write_read", test_frame_map_write_read},
    {"x86_frame_map_argument_errors", test_frame_map_argument_errors},
    {"x86_frame_map_missing_tables", test_frame_map_missing_tables},
    {"x86_frame_map_twice_and_remap", test_frame_map_twice_and_remap},
    {"x86_frame_rights", test_frame_rights},
    {"x86_frame_get_address", test_frame_get_address},
    {"x86_page_table_map_errors", test_page_table_map_errors},
    {"x86_page_table_unmap", test_page_table_unmap},
    {"x86_large_and_huge_pages", test_large_and_huge_pages},
    {"x86_asid_control_errors", test_asid_control_errors},
    {"x86_asid_pools_run_out", test_asid_pools_run_out},
    {"x86_asid_pool_assign", test_asid_pool_assign},
    {"x86_asid_pool_deletion_stops_threads", test_asid_pool_deletion_stops_threads},
    {"x86_io_port_control", test_io_port_control},
    {"x86_io_port_in_out", test_io_port_in_out},
    {"x86_boot_capabilities", test_boot_capabilities},
    {"x86_fpu_state_per_thread", test_fpu_state_per_thread},
    {0, 0},
};
