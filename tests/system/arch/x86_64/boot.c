/* System tests of what the boot gives the root task: its arch capabilities, and device
 * untypeds that cover what is not RAM (the BIOS areas below 1 MiB, the firmware's reserved
 * and ACPI ranges, the HPET) but leave out the kernel's own devices. */
#include "x86_tests.h"
#include <sel4/arch/bootinfo_types.h>
#include <sel4common/string.h>

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

#define LOW_MEMORY_END 0x100000ul
#define BIOS_AREA 0xe0000ul /* to 1 MiB: where ACPI's RSDP search looks */
#define BIOS_AREA_PAGES ((LOW_MEMORY_END - BIOS_AREA) / PAGE)
#define VGA_HOLE 0xa0000ul
#define HPET_BASE 0xfed00000ul

/* The extra boot info chunk `id`, or NULL. */
static const seL4_BootInfoHeader *extra_chunk(seL4_BootInfo *bi, seL4_Word id)
{
    const char *base = (const char *)bi + PAGE;
    for (seL4_Word at = 0; at + sizeof(seL4_BootInfoHeader) <= bi->extraLen;) {
        const seL4_BootInfoHeader *chunk = (const seL4_BootInfoHeader *)(base + at);
        if (chunk->id == id)
            return chunk;
        if (chunk->len < sizeof(*chunk))
            return NULL;
        at += chunk->len;
    }
    return NULL;
}

/* Every page of [start, end) in a device untyped, or in none. */
static int device_untypeds_cover(seL4_BootInfo *bi, seL4_Word start, seL4_Word end, int covered)
{
    for (seL4_Word page = start & ~(PAGE - 1); page < end; page += PAGE) {
        if ((device_untyped_at(bi, page) != 0) != covered)
            return 0;
    }
    return 1;
}

/* The loader's memory map says what is RAM: RAM from 1 MiB up is in no device untyped, and
 * everything else it lists (RAM below 1 MiB, reserved, ACPI reclaimable and NVS ranges) is
 * in device untypeds, as are the VGA hole, the BIOS area and the HPET, which it leaves out. */
void test_boot_device_untypeds_cover_firmware(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    const seL4_X86_BootInfo_mmap_t *map =
        (const void *)extra_chunk(bi, SEL4_BOOTINFO_HEADER_X86_MBMMAP);
    CHECK(env, map != NULL);
    if (!map)
        return;
    seL4_Word entries = map->mmap_length / sizeof(seL4_X86_mb_mmap_t);
    CHECK(env, entries > 2);
    for (seL4_Word i = 0; i < entries; i++) {
        seL4_Word start = map->mmap[i].base_addr, end = start + map->mmap[i].length;
        int ram = map->mmap[i].type == SEL4_MULTIBOOT_RAM_REGION_TYPE && start >= LOW_MEMORY_END;
        if (!ram && end > 1ul << 40)
            continue; /* beyond the physical address bits device untypeds cover */
        CHECK(env, device_untypeds_cover(bi, start, end, !ram));
    }
    CHECK(env, device_untypeds_cover(bi, 0, LOW_MEMORY_END, 1));
    CHECK(env, device_untyped_at(bi, VGA_HOLE) != 0);
    CHECK(env, device_untyped_at(bi, BIOS_AREA) != 0);
    CHECK(env, device_untyped_at(bi, HPET_BASE) != 0);
}

/* Retype `untyped` (at `base`, nothing retyped from it yet) into untypeds that end at `paddr`,
 * largest first, so that its next object starts there. Returns the first of them (at `base`),
 * or 0 if `paddr` is `base`. */
static seL4_CPtr untyped_skip_to(struct env *env, seL4_CPtr untyped, seL4_Word base,
                                 seL4_Word paddr)
{
    seL4_Word skip = paddr - base;
    seL4_CPtr first = 0;
    for (int bits = 63; bits >= seL4_PageBits; bits--) {
        if (!(skip & (1ul << bits)))
            continue;
        seL4_CPtr part = retype_from(env, untyped, seL4_UntypedObject, bits);
        first = first ? first : part;
    }
    return first;
}

/* The BIOS data area's pointer to the EBDA (a real-mode segment at 0x40e), read through a
 * frame at physical address 0 from `low`, an untyped at 0; the EBDA lies below the VGA hole. */
static void check_bios_data_area(struct env *env, seL4_CPtr low, seL4_Word vaddr)
{
    seL4_CPtr frame = retype_from(env, low, seL4_X86_4K, 0);
    CHECK(env, paddr_of(frame) == 0);
    CHECK(env, seL4_X86_Page_Map(frame, VSPACE, vaddr, seL4_CanRead, ATTR) == seL4_NoError);
    seL4_Word ebda = (seL4_Word)*(volatile seL4_Uint16 *)(vaddr + 0x40e) << 4;
    CHECK(env, ebda >= PAGE && ebda < VGA_HOLE);
}

/* The RSDP (ACPI §5.2.5): "RSD PTR " on a 16-byte boundary; its first 20 bytes sum to 0. */
static const unsigned char *rsdp_search(const unsigned char *area, seL4_Word bytes)
{
    for (seL4_Word at = 0; at + 20 <= bytes; at += 16) {
        unsigned char sum = 0;
        for (int i = 0; i < 20; i++)
            sum += area[at + i];
        if (!memcmp(area + at, "RSD PTR ", 8) && sum == 0)
            return area + at;
    }
    return NULL;
}

/* User-level ACPI code's start: map 0xe0000-0xfffff from the device untyped that holds it
 * and find the RSDP there, the same one the kernel gives in the extra boot info; the BIOS
 * data area at physical 0 maps too. */
void test_boot_bios_area_maps(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    seL4_CPtr device = device_untyped_at(bi, BIOS_AREA);
    CHECK(env, device != 0);
    if (!device)
        return;
    seL4_Word base = bi->untypedList[device - bi->untyped.start].paddr;
    seL4_CPtr low = untyped_skip_to(env, device, base, BIOS_AREA);
    seL4_CPtr frames = env->next_slot;
    env->next_slot += BIOS_AREA_PAGES;
    CHECK(env, seL4_Untyped_Retype(device, seL4_X86_4K, 0, ROOT, 0, 0, frames,
                                   BIOS_AREA_PAGES) == seL4_NoError);
    CHECK(env, paddr_of(frames) == BIOS_AREA);
    map_tables(env, VSPACE, REGION);
    for (seL4_Word i = 0; i < BIOS_AREA_PAGES; i++)
        CHECK(env, seL4_X86_Page_Map(frames + i, VSPACE, REGION + i * PAGE, seL4_CanRead,
                                     ATTR) == seL4_NoError);
    const unsigned char *rsdp = rsdp_search((const unsigned char *)REGION, BIOS_AREA_PAGES * PAGE);
    const seL4_BootInfoHeader *chunk = extra_chunk(bi, SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP);
    CHECK(env, rsdp != NULL && chunk != NULL);
    if (rsdp && chunk)
        CHECK(env, !memcmp(rsdp, chunk + 1, 20));
    CHECK(env, base == 0 && low != 0);
    if (low)
        check_bios_data_area(env, low, REGION + BIOS_AREA_PAGES * PAGE);
    printf("system-test: RSDP found at %lx in the BIOS area\n",
           rsdp ? BIOS_AREA + (seL4_Word)(rsdp - (const unsigned char *)REGION) : 0);
    CHECK(env, seL4_CNode_Revoke(ROOT, device, ROOT_DEPTH) == seL4_NoError);
}
