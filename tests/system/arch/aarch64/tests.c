/*
 * aarch64 system tests: frames (Map, Unmap, GetAddress, rights, cache flushes, a write to a
 * read-only mapping, mapping over a mapping), page tables (Map, Unmap), VSpaces, ASID
 * control and pools, large pages from device memory, what deleting these capabilities does
 * to mappings, the largest untyped, and the console UART driven from user level; threads.c
 * and irq.c hold the tests of per-thread registers and of interrupts. Test mappings go in the root task's own
 * VSpace at REGION, a level-0 entry the boot leaves empty, always through tables the test made
 * (so revoking the test's untyped takes them out again).
 */
#include "arch_tests.h"
#include "../../device_tree.h"

#define VSPACE seL4_CapInitThreadVSpace
#define REGION 0x10000000000ul /* 1 TiB: level-0 entry 2 */
#define PAGE (1ul << seL4_PageBits)
#define LARGE (1ul << seL4_LargePageBits)
#define HUGE (1ul << seL4_HugePageBits)
#define L0_SPAN (1ul << 39)
#define ATTR seL4_ARM_Default_VMAttributes
#define USER_TOP_FIRST (seL4_UserTop + 1)
/* The kernel's capability type tags (seL4's for aarch64), as DebugCapIdentify reports them. */
#define CAP_TYPE_FRAME 1
#define CAP_TYPE_PAGE_TABLE 3
#define CAP_TYPE_VSPACE 9
#define CAP_TYPE_ASID_CONTROL 11
#define CAP_TYPE_ASID_POOL 13
#define ASID_POOLS 128


static seL4_CPtr frame(struct env *env)
{
    return env_retype(env, seL4_ARM_SmallPageObject, 0, 1);
}

static seL4_CPtr page_table(struct env *env)
{
    return env_retype(env, seL4_ARM_PageTableObject, 0, 1);
}

/* A VSpace with an ASID from the boot pool. */
static seL4_CPtr assigned_vspace(struct env *env)
{
    seL4_CPtr vspace = env_retype(env, seL4_ARM_VSpaceObject, 0, 1);
    CHECK(env, seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) == seL4_NoError);
    return vspace;
}


static seL4_Error map(seL4_CPtr page, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights)
{
    return seL4_ARM_Page_Map(page, vspace, vaddr, rights, ATTR);
}

/* Tables at levels 1, 2 and 3 under `vaddr`, so 4 KiB pages map in its 2 MiB; returns the
 * first (level 1). Each Map goes one level further down. */
static seL4_CPtr map_tables(struct env *env, seL4_CPtr vspace, seL4_Word vaddr, int levels)
{
    seL4_CPtr first = 0;
    for (int i = 0; i < levels; i++) {
        seL4_CPtr table = page_table(env);
        CHECK(env, seL4_ARM_PageTable_Map(table, vspace, vaddr, ATTR) == seL4_NoError);
        first = first ? first : table;
    }
    return first;
}

/* FailedLookup for a missing table: not the source, MissingCapability, bits left. */
static void check_missing_table(struct env *env, seL4_Error error, seL4_Word bits_left)
{
    CHECK(env, error == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_MissingCapability);
    CHECK_MR(env, 2, bits_left);
}

/* FailedLookup for a VSpace whose ASID is gone: not the source, InvalidRoot. */
static void check_no_vspace(struct env *env, seL4_Error error)
{
    CHECK(env, error == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_InvalidRoot);
}

/* An invocation with a hand-made message, for the errors the wrappers cannot produce. */
static seL4_Error invoke_raw(seL4_CPtr cap, seL4_Word label, seL4_Word length, seL4_Word caps)
{
    seL4_Word words[3] = {REGION, seL4_AllRights.words[0], ATTR};
    return seL4_InvokeWords(cap, label, words, length, caps);
}

/* The kernel's own devices on QEMU virt: GIC distributor, GIC CPU interface (two pages).
 * The console UART is not one of them (test_console_uart_from_user). */
static const seL4_Word kernel_device_pages[] = {0x08000000, 0x08010000, 0x08011000};

static void test_boot_caps(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    CHECK(env, seL4_DebugCapIdentify(VSPACE) == CAP_TYPE_VSPACE);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapASIDControl) == CAP_TYPE_ASID_CONTROL);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapInitThreadASIDPool) == CAP_TYPE_ASID_POOL);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapInitThreadIPCBuffer) == CAP_TYPE_FRAME);
    CHECK(env, seL4_DebugCapIdentify(seL4_CapIOPortControl) == 0);
    CHECK(env, bi->userImagePaging.end - bi->userImagePaging.start >= 3);
    for (seL4_CPtr slot = bi->userImagePaging.start; slot < bi->userImagePaging.end; slot++)
        CHECK(env, seL4_DebugCapIdentify(slot) == CAP_TYPE_PAGE_TABLE);
    CHECK(env, seL4_DebugCapIdentify(bi->userImageFrames.start) == CAP_TYPE_FRAME);
    seL4_ARM_Page_GetAddress_t buffer = seL4_ARM_Page_GetAddress(seL4_CapInitThreadIPCBuffer);
    CHECK(env, buffer.error == seL4_NoError && buffer.paddr >= 0x40000000);
    CHECK(env, buffer.paddr % PAGE == 0);
    /* No device untyped hands out the kernel's devices. */
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[i];
        for (unsigned d = 0; d < sizeof(kernel_device_pages) / sizeof(seL4_Word); d++)
            CHECK(env, kernel_device_pages[d] - desc->paddr >= (1ul << desc->sizeBits));
    }
    /* The boot page tables are in use, so they can be copied; the ASID pool too. */
    env_copy(env, bi->userImagePaging.start, seL4_AllRights);
    env_copy(env, seL4_CapInitThreadASIDPool, seL4_AllRights);
}

static void test_frame_map_and_access(struct env *env)
{
    seL4_CPtr page = frame(env), second = env_copy(env, page, seL4_AllRights);
    CHECK(env, seL4_DebugCapIdentify(page) == CAP_TYPE_FRAME);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(page, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, map(second, VSPACE, REGION + PAGE, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0); /* a new frame is zeroed */
    *word_at(REGION + 8) = 0x5eed5eed;
    CHECK(env, *word_at(REGION + PAGE + 8) == 0x5eed5eed);
    *word_at(REGION + PAGE + 16) = 0xfeed;
    CHECK(env, *word_at(REGION + 16) == 0xfeed);
    seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(page);
    seL4_ARM_Page_GetAddress_t b = seL4_ARM_Page_GetAddress(second);
    CHECK(env, a.error == seL4_NoError && b.error == seL4_NoError);
    CHECK(env, a.paddr == b.paddr && a.paddr != 0 && a.paddr % PAGE == 0);
    CHECK(env, seL4_ARM_Page_Unmap(second) == seL4_NoError);
}

static void test_frame_map_errors(struct env *env)
{
    seL4_CPtr page = frame(env), other = frame(env), table = page_table(env);
    seL4_CPtr unassigned = env_retype(env, seL4_ARM_VSpaceObject, 0, 1);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(page, other, REGION, seL4_AllRights) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, map(page, table, REGION, seL4_AllRights) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, map(page, unassigned, REGION, seL4_AllRights) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, map(page, VSPACE, REGION + 8, seL4_AllRights) == seL4_AlignmentError);
    CHECK(env, map(page, VSPACE, USER_TOP_FIRST, seL4_AllRights) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, map(page, VSPACE, 0xffffffff80000000ul, seL4_AllRights) == seL4_InvalidArgument);
    /* No level-1 table for the next 512 GiB, no level-2 table for the next gigabyte, no
     * level-3 table for the next 2 MiB. */
    check_missing_table(env, map(page, VSPACE, REGION + L0_SPAN, seL4_AllRights), 39);
    check_missing_table(env, map(page, VSPACE, REGION + HUGE, seL4_AllRights), 30);
    check_missing_table(env, map(page, VSPACE, REGION + LARGE, seL4_AllRights), 21);
    CHECK(env, map(page, VSPACE, REGION, seL4_AllRights) == seL4_NoError);
    CHECK(env, map(page, VSPACE, REGION + PAGE, seL4_AllRights) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, map(page, assigned_vspace(env), REGION, seL4_AllRights) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, map(page, VSPACE, REGION, seL4_CanRead) == seL4_NoError); /* remap in place */
    CHECK(env, invoke_raw(other, ARMPageMap, 2, 1) == seL4_TruncatedMessage);
    CHECK(env, invoke_raw(other, ARMPageMap, 3, 0) == seL4_TruncatedMessage);
    CHECK(env, invoke_raw(other, ARMPageTableMap, 0, 0) == seL4_IllegalOperation);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
}

static void test_frame_unmap_and_remap(struct env *env)
{
    seL4_CPtr page = frame(env), other = frame(env);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(page, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    *word_at(REGION) = 42;
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
    CHECK(env, map(other, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0);
    CHECK(env, map(page, VSPACE, REGION + PAGE, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, *word_at(REGION + PAGE) == 42);
    CHECK(env, seL4_ARM_Page_GetAddress(page).error == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(other) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
}

/* Map over another frame's mapping replaces it (and the TLB forgets the old page), as seL4
 * does on aarch64. The replaced frame's capability still records its mapping: a remap in
 * place through it takes the entry back, and its Unmap leaves another frame's entry alone. */
static void test_frame_map_over_mapping(struct env *env)
{
    seL4_CPtr first = frame(env), second = frame(env);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(first, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    *word_at(REGION) = 1;
    seL4_Error replaced = map(second, VSPACE, REGION, seL4_ReadWrite);
    CHECK(env, replaced == seL4_NoError);
    if (replaced != seL4_NoError)
        return; /* the reads below would fault once the first frame's Unmap took REGION */
    CHECK(env, *word_at(REGION) == 0);
    *word_at(REGION) = 2;
    /* The first capability's record is stale: flushes through it are refused. */
    CHECK(env, seL4_ARM_Page_Clean_Data(first, 0, PAGE) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_ARM_Page_Unmap(first) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 2); /* still the second frame: no fault */
    CHECK(env, map(first, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 1);
    /* Now the second capability is the stale one; remapping in place takes the entry back. */
    CHECK(env, map(second, VSPACE, REGION, seL4_CanRead) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 2);
    CHECK(env, map(first, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(second) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 1);
    CHECK(env, seL4_ARM_Page_Clean_Data(first, 0, PAGE) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(first) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Clean_Data(second, 0, PAGE) == seL4_IllegalOperation);
}

/* A write to a read-only mapping would fault this thread, so the rights a mapping got are
 * seen through Invalidate_Data, which needs a writable mapping. */
static void test_frame_rights(struct env *env)
{
    seL4_CPtr page = frame(env), read_only = env_copy(env, page, seL4_CanRead);
    seL4_CPtr write_only = env_copy(env, page, seL4_CanWrite), none = env_copy(env, page, seL4_NoRights);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(read_only, VSPACE, REGION, seL4_AllRights) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0);
    CHECK(env, seL4_ARM_Page_Invalidate_Data(read_only, 0, PAGE) == seL4_IllegalOperation);
    CHECK(env, seL4_ARM_Page_Clean_Data(read_only, 0, PAGE) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_GetAddress(read_only).error == seL4_NoError);
    CHECK(env, map(page, VSPACE, REGION + PAGE, seL4_CanRead) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Invalidate_Data(page, 0, PAGE) == seL4_IllegalOperation);
    CHECK(env, map(page, VSPACE, REGION + PAGE, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Invalidate_Data(page, 0, PAGE) == seL4_NoError);
    /* Without read rights the mapping is the kernel's only (seL4 maps it all the same). */
    CHECK(env, map(write_only, VSPACE, REGION + 2 * PAGE, seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Invalidate_Data(write_only, 0, 8) == seL4_IllegalOperation);
    CHECK(env, map(none, VSPACE, REGION + 3 * PAGE, seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_GetAddress(none).error == seL4_NoError);
    for (seL4_CPtr cap = page; cap <= none; cap++)
        CHECK(env, seL4_ARM_Page_Unmap(cap) == seL4_NoError);
}

struct writer {
    volatile seL4_Word before, after;
    seL4_Word vaddr;
};

static void writer_main(void *arg)
{
    struct writer *w = arg;
    w->before = 1;
    *word_at(w->vaddr) = 0xbad;
    w->after = 1;
}

/* A thread that writes through a read-only mapping takes a VMFault, which stops it (it has
 * no fault handler; the kernel reports the fault) while this thread runs on; the frame
 * keeps what it held. */
static void test_frame_read_only_write_faults(struct env *env)
{
    static struct writer w;
    seL4_CPtr page = frame(env), read_only = env_copy(env, page, seL4_CanRead);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(page, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, map(read_only, VSPACE, REGION + PAGE, seL4_AllRights) == seL4_NoError);
    *word_at(REGION) = 0x600d;
    w = (struct writer){0, 0, REGION + PAGE};
    env_thread_start(env, env_thread(env, seL4_MaxPrio), writer_main, &w);
    env_yield_until(&w.before);
    for (int i = 0; i < 10; i++)
        seL4_Yield();
    CHECK(env, w.before == 1 && w.after == 0);
    CHECK(env, *word_at(REGION) == 0x600d && *word_at(REGION + PAGE) == 0x600d);
    CHECK(env, seL4_ARM_Page_Unmap(read_only) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
}

/* Code written through a mapping runs once Unify_Instruction made it visible. */
static void test_frame_flush(struct env *env)
{
    seL4_CPtr page = frame(env), unmapped = frame(env);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(page, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    volatile uint32_t *code = (volatile uint32_t *)REGION;
    code[0] = 0x52800540; /* mov w0, #42 */
    code[1] = 0xd65f03c0; /* ret */
    CHECK(env, seL4_ARM_Page_Clean_Data(page, 0, PAGE) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_CleanInvalidate_Data(page, 8, 24) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unify_Instruction(page, 0, 8) == seL4_NoError);
    CHECK(env, ((int (*)(void))REGION)() == 42);
    CHECK(env, code[1] == 0xd65f03c0);
    CHECK(env, seL4_ARM_Page_Clean_Data(page, 8, 8) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_ARM_Page_Clean_Data(page, PAGE, PAGE + 8) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_ARM_Page_Clean_Data(page, 0, PAGE + 1) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_ARM_Page_Clean_Data(unmapped, 0, PAGE) == seL4_IllegalOperation);
    CHECK(env, invoke_raw(page, ARMPageClean_Data, 1, 0) == seL4_TruncatedMessage);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
}

static void test_vspace_flush(struct env *env)
{
    seL4_CPtr page = frame(env);
    seL4_CPtr unassigned = env_retype(env, seL4_ARM_VSpaceObject, 0, 1);
    map_tables(env, VSPACE, REGION, 3);
    CHECK(env, map(page, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    *word_at(REGION + 64) = 7;
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION, REGION + PAGE) == seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_Invalidate_Data(VSPACE, REGION, REGION + 64) == seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_CleanInvalidate_Data(VSPACE, REGION + 64, REGION + 72) ==
                   seL4_NoError);
    CHECK(env, *word_at(REGION + 64) == 7);
    CHECK(env, seL4_ARM_VSpace_Unify_Instruction(VSPACE, REGION, REGION + 8) == seL4_NoError);
    /* Nothing is mapped there: nothing can be cached, so nothing to do. */
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION + LARGE, REGION + LARGE + 8) ==
                   seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION + 2 * LARGE - 8,
                                          REGION + 2 * LARGE + 8) == seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION + PAGE - 8, REGION + PAGE + 8) ==
                   seL4_RangeError);
    CHECK_MR(env, 0, REGION + PAGE - 8);
    CHECK_MR(env, 1, REGION + PAGE - 1);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION, REGION) == seL4_InvalidArgument);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION, USER_TOP_FIRST + 1) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION, USER_TOP_FIRST) ==
                   seL4_IllegalOperation);
    /* The last user address may end a range (nothing is mapped there). */
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, seL4_UserTop - 8, seL4_UserTop) ==
                   seL4_NoError);
    /* Invalidate needs a writable mapping, as through the frame. */
    seL4_CPtr read_only = env_copy(env, frame(env), seL4_CanRead);
    CHECK(env, map(read_only, VSPACE, REGION + PAGE, seL4_CanRead) == seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_Invalidate_Data(VSPACE, REGION + PAGE, REGION + PAGE + 64) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(VSPACE, REGION + PAGE, REGION + PAGE + 64) ==
                   seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(unassigned, REGION, REGION + 8) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 0);
    CHECK(env, invoke_raw(VSPACE, ARMVSpaceClean_Data, 1, 0) == seL4_TruncatedMessage);
    CHECK(env, invoke_raw(VSPACE, ARMSMCCall, 0, 0) == seL4_IllegalOperation);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
}

static void test_page_table_map_and_unmap(struct env *env)
{
    seL4_CPtr level1 = map_tables(env, VSPACE, REGION, 3);
    seL4_CPtr level3 = level1 + 2, page = frame(env), spare = page_table(env);
    CHECK(env, seL4_DebugCapIdentify(level1) == CAP_TYPE_PAGE_TABLE);
    /* Every level is there: one more table has nowhere to go. */
    CHECK(env, seL4_ARM_PageTable_Map(spare, VSPACE, REGION, ATTR) == seL4_DeleteFirst);
    CHECK(env, seL4_ARM_PageTable_Map(level3, VSPACE, REGION + LARGE, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 0);
    CHECK(env, seL4_ARM_PageTable_Map(spare, VSPACE, REGION + LARGE, ATTR) == seL4_NoError);
    CHECK(env, map(page, VSPACE, REGION + LARGE, seL4_ReadWrite) == seL4_NoError);
    *word_at(REGION + LARGE) = 99;
    /* Unmapping a table clears it: the page below is gone, and the table can map again. */
    CHECK(env, seL4_ARM_PageTable_Unmap(spare) == seL4_NoError);
    check_missing_table(env, map(frame(env), VSPACE, REGION + LARGE, seL4_ReadWrite), 21);
    CHECK(env, seL4_ARM_PageTable_Map(spare, VSPACE, REGION + LARGE, ATTR) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
    CHECK(env, map(page, VSPACE, REGION + LARGE, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, *word_at(REGION + LARGE) == 99);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
    /* Level 1 goes: everything under the level-0 entry is unreachable. */
    CHECK(env, seL4_ARM_PageTable_Unmap(level1) == seL4_NoError);
    check_missing_table(env, map(page, VSPACE, REGION, seL4_ReadWrite), 39);
}

static void test_page_table_errors(struct env *env)
{
    seL4_CPtr table = page_table(env), other = page_table(env), page = frame(env);
    seL4_CPtr unassigned = env_retype(env, seL4_ARM_VSpaceObject, 0, 1);
    CHECK(env, seL4_ARM_PageTable_Map(table, page, REGION, ATTR) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_ARM_PageTable_Map(table, unassigned, REGION, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_ARM_PageTable_Map(table, VSPACE, USER_TOP_FIRST, ATTR) ==
                   seL4_InvalidArgument);
    CHECK_MR(env, 0, 0);
    /* The VSpace is checked before the address (seL4's order). */
    CHECK(env, seL4_ARM_PageTable_Map(table, page, USER_TOP_FIRST, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_ARM_PageTable_Map(table, unassigned, USER_TOP_FIRST, ATTR) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    /* The last user address takes a table: only addresses above it are refused. */
    seL4_CPtr top = page_table(env);
    CHECK(env, seL4_ARM_PageTable_Map(top, VSPACE, seL4_UserTop, ATTR) == seL4_NoError);
    CHECK(env, seL4_ARM_PageTable_Unmap(top) == seL4_NoError);
    CHECK(env, invoke_raw(table, ARMPageTableMap, 1, 1) == seL4_TruncatedMessage);
    CHECK(env, invoke_raw(table, ARMPageTableMap, 2, 0) == seL4_TruncatedMessage);
    CHECK(env, invoke_raw(table, ARMPageMap, 3, 1) == seL4_IllegalOperation);
    /* An unmapped table cannot be copied; a mapped one can, and then only the last
     * capability may unmap it. */
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, table, ROOT_DEPTH,
                               seL4_AllRights) == seL4_IllegalOperation);
    CHECK(env, seL4_ARM_PageTable_Map(table, VSPACE, REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, table, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_ARM_PageTable_Unmap(table) == seL4_RevokeFirst);
    CHECK(env, seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, seL4_ARM_PageTable_Unmap(table) == seL4_NoError);
    CHECK(env, seL4_ARM_PageTable_Unmap(table) == seL4_NoError);
    CHECK(env, seL4_ARM_PageTable_Unmap(other) == seL4_NoError); /* never mapped */
}

/* Deleting a frame capability takes its own mapping away, even with copies left; deleting
 * the last capability of a table unlinks the table. */
static void test_delete_unmaps(struct env *env)
{
    seL4_CPtr level1 = map_tables(env, VSPACE, REGION, 3);
    seL4_CPtr page = frame(env), other = frame(env), spare = page_table(env);
    seL4_CPtr alias = env_copy(env, other, seL4_AllRights);
    CHECK(env, map(page, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    *word_at(REGION) = 1;
    CHECK(env, seL4_CNode_Delete(ROOT, page, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, map(other, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, *word_at(REGION) == 0);
    CHECK(env, map(alias, VSPACE, REGION + PAGE, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, alias, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, map(frame(env), VSPACE, REGION + PAGE, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, level1 + 2, ROOT_DEPTH) == seL4_NoError);
    check_missing_table(env, map(frame(env), VSPACE, REGION + PAGE, seL4_ReadWrite), 21);
    CHECK(env, seL4_ARM_PageTable_Map(spare, VSPACE, REGION, ATTR) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, level1, ROOT_DEPTH) == seL4_NoError);
    check_missing_table(env, map(frame(env), VSPACE, REGION, seL4_ReadWrite), 39);
}

static void test_vspace_and_asid_pool(struct env *env)
{
    seL4_CPtr vspace = assigned_vspace(env), page = frame(env);
    seL4_CPtr unassigned = env_retype(env, seL4_ARM_VSpaceObject, 0, 1), slot = env_slot(env);
    CHECK(env, seL4_DebugCapIdentify(vspace) == CAP_TYPE_VSPACE);
    CHECK(env, seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) ==
                   seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, page) ==
                   seL4_InvalidCapability);
    CHECK(env, invoke_raw(seL4_CapInitThreadASIDPool, ARMASIDPoolAssign, 0, 0) ==
                   seL4_TruncatedMessage);
    CHECK(env, invoke_raw(seL4_CapInitThreadASIDPool, ARMPageMap, 0, 1) ==
                   seL4_IllegalOperation);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, unassigned, ROOT_DEPTH,
                               seL4_AllRights) == seL4_IllegalOperation);
    env_copy(env, vspace, seL4_AllRights);
    /* A second address space takes tables and frames like the root task's own. */
    map_tables(env, vspace, REGION, 3);
    CHECK(env, map(page, vspace, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_ARM_VSpace_Clean_Data(vspace, REGION, REGION + PAGE) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Clean_Data(page, 0, PAGE) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
}

/* A 4 KiB untyped of RAM made in a fresh slot. */
static seL4_CPtr small_untyped(struct env *env)
{
    return env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits, 1);
}

static seL4_Error make_pool(seL4_CPtr untyped, seL4_CPtr slot)
{
    return seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, ROOT, slot, ROOT_DEPTH);
}

static void test_asid_control_errors(struct env *env)
{
    seL4_CPtr big = env_retype(env, seL4_UntypedObject, seL4_ASIDPoolBits + 1, 1);
    seL4_CPtr used = small_untyped(env), untyped = small_untyped(env), slot = env_slot(env);
    CHECK(env, seL4_Untyped_Retype(used, seL4_EndpointObject, 0, ROOT, 0, 0, env_slot(env),
                                   1) == seL4_NoError);
    CHECK(env, make_pool(big, slot) == seL4_InvalidCapability);
    CHECK_MR(env, 0, 1);
    CHECK(env, make_pool(seL4_CapInitThreadTCB, slot) == seL4_InvalidCapability);
    CHECK(env, make_pool(used, slot) == seL4_RevokeFirst);
    CHECK(env, make_pool(untyped, seL4_CapInitThreadTCB) == seL4_DeleteFirst);
    CHECK(env, seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, ROOT, slot, 0) ==
                   seL4_RangeError);
    CHECK(env, invoke_raw(seL4_CapASIDControl, ARMASIDControlMakePool, 2, 1) ==
                   seL4_TruncatedMessage);
    CHECK(env, invoke_raw(seL4_CapASIDControl, ARMASIDPoolAssign, 2, 2) ==
                   seL4_IllegalOperation);
    CHECK(env, make_pool(untyped, slot) == seL4_NoError);
    CHECK(env, seL4_DebugCapIdentify(slot) == CAP_TYPE_ASID_POOL);
    /* The untyped is used up by the pool. */
    CHECK(env, make_pool(untyped, env_slot(env)) == seL4_RevokeFirst);
    seL4_CPtr endpoint = env_slot(env);
    CHECK(env, seL4_Untyped_Retype(untyped, seL4_EndpointObject, 0, ROOT, 0, 0, endpoint, 1) ==
                   seL4_NotEnoughMemory);
}

/* Deleting a pool takes the ASIDs of its VSpaces away: they can no longer be used. */
static void test_asid_pool_delete(struct env *env)
{
    seL4_CPtr untyped = small_untyped(env), pool = env_slot(env), page = frame(env);
    seL4_CPtr vspace = env_retype(env, seL4_ARM_VSpaceObject, 0, 1);
    CHECK(env, make_pool(untyped, pool) == seL4_NoError);
    CHECK(env, seL4_ARM_ASIDPool_Assign(pool, vspace) == seL4_NoError);
    seL4_CPtr table = map_tables(env, vspace, REGION, 3);
    CHECK(env, map(page, vspace, REGION, seL4_ReadWrite) == seL4_NoError);
    CHECK(env, seL4_CNode_Delete(ROOT, pool, ROOT_DEPTH) == seL4_NoError);
    check_no_vspace(env, seL4_ARM_PageTable_Map(page_table(env), vspace, REGION + HUGE, ATTR));
    check_no_vspace(env, map(frame(env), vspace, REGION + PAGE, seL4_ReadWrite));
    check_no_vspace(env, seL4_ARM_Page_Clean_Data(page, 0, PAGE));
    check_no_vspace(env, seL4_ARM_VSpace_Clean_Data(vspace, REGION, REGION + 8));
    /* Unmapping through capabilities whose VSpace is gone is harmless. */
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
    CHECK(env, seL4_ARM_PageTable_Unmap(table) == seL4_NoError);
    /* The pool's range of ASIDs is free again. */
    CHECK(env, seL4_CNode_Revoke(ROOT, untyped, ROOT_DEPTH) == seL4_NoError);
    CHECK(env, make_pool(untyped, pool) == seL4_NoError);
}

/* 127 pools besides the boot pool; then there is no range of ASIDs left. */
static void test_asid_pools_run_out(struct env *env)
{
    int made = 0;
    for (int i = 0; i < ASID_POOLS; i++) {
        seL4_Error error = make_pool(small_untyped(env), env_slot(env));
        if (error != seL4_NoError) {
            CHECK(env, error == seL4_DeleteFirst);
            break;
        }
        made++;
    }
    CHECK(env, made == ASID_POOLS - 1);
}

/* A device untyped of at least `bits` from the boot info; 0 if there is none. */
static seL4_CPtr device_untyped(struct env *env, seL4_Word bits)
{
    seL4_BootInfo *bi = env->bootinfo;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (desc->isDevice && desc->sizeBits >= bits)
            return slot;
    }
    return 0;
}

/* A 2 MiB frame from device memory: maps with two tables, at 2 MiB alignment. The device
 * untyped is a boot capability, so the test revokes what it made from it. */
static void test_large_device_page(struct env *env)
{
    seL4_CPtr untyped = device_untyped(env, seL4_LargePageBits), large = env_slot(env);
    CHECK(env, untyped != 0);
    CHECK(env, seL4_Untyped_Retype(untyped, seL4_ARM_LargePageObject, 0, ROOT, 0, 0, large,
                                   1) == seL4_NoError);
    CHECK(env, seL4_Untyped_Retype(untyped, seL4_ARM_PageTableObject, 0, ROOT, 0, 0,
                                   env_slot(env), 1) == seL4_InvalidArgument);
    map_tables(env, VSPACE, REGION, 2);
    seL4_ARM_Page_GetAddress_t address = seL4_ARM_Page_GetAddress(large);
    CHECK(env, address.error == seL4_NoError && address.paddr % LARGE == 0);
    CHECK(env, map(large, VSPACE, REGION + PAGE, seL4_ReadWrite) == seL4_AlignmentError);
    CHECK(env, map(large, VSPACE, REGION, seL4_ReadWrite) == seL4_NoError);
    /* The walk for a table at REGION ends at the large page's level-2 entry: a table cannot
     * take a valid entry's place (DeleteFirst, no detail words), and the page stays. */
    const seL4_Word table_at_region[2] = {REGION, ATTR};
    const seL4_CPtr in_vspace[1] = {VSPACE};
    CHECK_REPLY(env, env_invoke(page_table(env), ARMPageTableMap, table_at_region, 2, in_vspace,
                                1),
                seL4_DeleteFirst);
    CHECK(env, seL4_ARM_Page_Clean_Data(large, 0, LARGE) == seL4_NoError);
    CHECK(env, seL4_ARM_Page_Unmap(large) == seL4_NoError);
    /* With a level-3 table in the way, the walk ends a level too low for a large page. */
    map_tables(env, VSPACE, REGION, 1);
    check_missing_table(env, map(large, VSPACE, REGION, seL4_ReadWrite), 12);
    CHECK(env, seL4_CNode_Revoke(ROOT, untyped, ROOT_DEPTH) == seL4_NoError);
}

/* seL4_MaxUntypedBits is 47 on aarch64 (ABI §4.2): a larger untyped is a range error before
 * memory is looked at; 2^39 is in range (and too large for the test's untyped). */
static void test_untyped_max_bits(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_MaxUntypedBits == 47);
    CHECK(env, seL4_Untyped_Retype(env->untyped, seL4_UntypedObject, 48, ROOT, 0, 0, slot,
                                   1) == seL4_RangeError);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, 47);
    CHECK(env, seL4_Untyped_Retype(env->untyped, seL4_UntypedObject, 39, ROOT, 0, 0, slot,
                                   1) == seL4_NotEnoughMemory);
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++)
        CHECK(env, bi->untypedList[i].sizeBits <= seL4_MaxUntypedBits);
}

/* A frame capability to the device page at `paddr`, retyped from the device untyped that
 * covers it: untyped children of the sizes of the bits of its offset take up the memory
 * before it. The device untyped is returned in *untyped, to revoke afterwards; 0 if no
 * device untyped covers `paddr`. */
static seL4_CPtr device_frame_at(struct env *env, seL4_Word paddr, seL4_CPtr *untyped)
{
    seL4_BootInfo *bi = env->bootinfo;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (!desc->isDevice || paddr < desc->paddr || (paddr - desc->paddr) >> desc->sizeBits)
            continue;
        seL4_Word offset = paddr - desc->paddr;
        for (seL4_Word bits = desc->sizeBits; bits-- > seL4_PageBits;) {
            if (offset & (1ul << bits))
                CHECK(env, seL4_Untyped_Retype(slot, seL4_UntypedObject, bits, ROOT, 0, 0,
                                               env_slot(env), 1) == seL4_NoError);
        }
        *untyped = slot;
        seL4_CPtr page = env_slot(env);
        CHECK(env, seL4_Untyped_Retype(slot, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, page, 1) ==
                       seL4_NoError);
        return page;
    }
    return 0;
}

/* The console: QEMU virt's PL011, polled as the kernel does. The line goes out at user
 * level only; tests/system/test_system.py looks for it on the console. */
#define UART_PADDR 0x09000000ul
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

static void pl011_print(volatile seL4_Uint32 *uart, const char *line)
{
    for (const char *c = line; *c; c++) {
        while (uart[PL011_FR / 4] & PL011_FR_TXFF)
            ;
        uart[PL011_DR / 4] = (seL4_Uint8)*c;
    }
}

static void test_console_uart_from_user(struct env *env)
{
    seL4_CPtr untyped = 0, page = device_frame_at(env, UART_PADDR, &untyped);
    CHECK(env, page != 0);
    if (!page)
        return;
    CHECK(env, seL4_ARM_Page_GetAddress(page).paddr == UART_PADDR);
    map_tables(env, VSPACE, REGION, 3);
    /* No attributes: not cacheable, which makes the mapping device memory. */
    CHECK(env, seL4_ARM_Page_Map(page, VSPACE, REGION, seL4_ReadWrite, 0) == seL4_NoError);
    pl011_print((volatile seL4_Uint32 *)REGION,
                "system-test: hello from the user-level UART\n");
    CHECK(env, seL4_ARM_Page_Unmap(page) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, untyped, ROOT_DEPTH) == seL4_NoError);
}

const struct system_test arch_system_tests[] = {
    {"aarch64_boot_caps", test_boot_caps},
    {"aarch64_frame_map_and_access", test_frame_map_and_access},
    {"aarch64_frame_map_errors", test_frame_map_errors},
    {"aarch64_frame_unmap_and_remap", test_frame_unmap_and_remap},
    {"aarch64_frame_map_over_mapping", test_frame_map_over_mapping},
    {"aarch64_frame_rights", test_frame_rights},
    {"aarch64_frame_read_only_write_faults", test_frame_read_only_write_faults},
    {"aarch64_frame_flush", test_frame_flush},
    {"aarch64_vspace_flush", test_vspace_flush},
    {"aarch64_page_table_map_and_unmap", test_page_table_map_and_unmap},
    {"aarch64_page_table_errors", test_page_table_errors},
    {"aarch64_delete_unmaps", test_delete_unmaps},
    {"aarch64_vspace_and_asid_pool", test_vspace_and_asid_pool},
    {"aarch64_asid_control_errors", test_asid_control_errors},
    {"aarch64_asid_pool_delete", test_asid_pool_delete},
    {"aarch64_asid_pools_run_out", test_asid_pools_run_out},
    {"aarch64_large_device_page", test_large_device_page},
    {"aarch64_untyped_max_bits", test_untyped_max_bits},
    {"aarch64_console_uart_from_user", test_console_uart_from_user},
    {"aarch64_device_tree_chunk", test_device_tree_chunk},
    {"aarch64_fpu_registers_per_thread", test_fpu_registers_per_thread},
    {"aarch64_fpu_disabled_thread_faults", test_fpu_disabled_thread_faults},
    {"aarch64_irq_control_trigger", test_irq_control_trigger},
    {"aarch64_irq_sgi_signal", test_irq_sgi_signal},
    {"aarch64_irq_sgi_signal_revoke", test_irq_sgi_signal_revoke},
    {"aarch64_irq_rtc_device", test_irq_rtc_device},
    {0, 0},
};
