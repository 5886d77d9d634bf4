/* System tests of what the boot gives the root task: its arch capabilities, and device
 * untypeds that leave out the kernel's own devices. */
#include "x86_tests.h"

/* The boot's arch capabilities: their tags, and the root task's PDPT, page directory and page
 * table listed by level in userImagePaging. */
void test_boot_capabilities(struct env *env)
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
    env_copy(env, VSPACE, seL4_AllRights);
    env_copy(env, bi->userImagePaging.start + 2, seL4_AllRights);
    env_copy(env, seL4_CapInitThreadASIDPool, seL4_AllRights);
}

#define LAPIC_BASE 0xfee00000ul  /* boards/qemu-x86_64.toml */
#define IOAPIC_BASE 0xfec00000ul

/* The device untyped covering `paddr`, or 0. */
static seL4_CPtr device_untyped_at(seL4_BootInfo *bi, seL4_Word paddr)
{
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        int covers = desc->paddr <= paddr && paddr - desc->paddr < (1ul << desc->sizeBits);
        if (desc->isDevice && covers)
            return slot;
    }
    return 0;
}

/* The local and I/O APIC register pages are the kernel's: no device untyped covers them,
 * while the pages next to them are there for the taking. */
void test_boot_kernel_devices_reserved(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    CHECK(env, device_untyped_at(bi, LAPIC_BASE) == 0);
    CHECK(env, device_untyped_at(bi, IOAPIC_BASE) == 0);
    CHECK(env, device_untyped_at(bi, LAPIC_BASE + PAGE) != 0);
    CHECK(env, device_untyped_at(bi, IOAPIC_BASE + PAGE) != 0);
    CHECK(env, device_untyped_at(bi, IOAPIC_BASE - PAGE) != 0);
}
