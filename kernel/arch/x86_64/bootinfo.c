/*
 * The x86 extra boot info (sel4-abi.md §6.2), packed back to back: ACPI_RSDP when the BIOS
 * areas hold one, then MBMMAP (the loader's memory map, always) and TSC_FREQ (always). The
 * generic code maps them after the boot info frame and adds the closing padding chunk.
 */
#include <arch.h>
#include <arch/multiboot.h>
#include <arch/timer.h>
#include <core/stop.h>
#include <lib/string.h>
#include <sel4/bootinfo_types.h>

#define RSDP_SIZE 36        /* the ACPI 2.0 RSDP, copied whole whatever its revision */
#define RSDP_V1_SIZE 20     /* the part the version 1 checksum covers */
#define BDA_EBDA_SEGMENT 0x40e
#define EBDA_SCAN_BYTES 1024
#define BIOS_AREA_START 0xe0000
#define BIOS_AREA_END 0x100000

struct mbmmap_chunk {
    seL4_BootInfoHeader header;
    uint32_t mmap_length; /* bytes of entries in use */
    struct multiboot_mmap_entry entries[MULTIBOOT_MEMORY_MAP_MAX];
} __attribute__((packed));
_Static_assert(sizeof(struct mbmmap_chunk) == 1220, "sel4-abi.md §6.2");

struct tsc_chunk {
    seL4_BootInfoHeader header;
    uint32_t mhz;
} __attribute__((packed));
_Static_assert(sizeof(struct tsc_chunk) == 20, "sel4-abi.md §6.2");

static bool rsdp_valid(const uint8_t *candidate)
{
    uint8_t sum = 0;
    for (unsigned i = 0; i < RSDP_V1_SIZE; i++)
        sum += candidate[i];
    return !memcmp(candidate, "RSD PTR ", 8) && sum == 0;
}

/* The RSDP lies on a 16-byte boundary in [start, end), or the answer is NULL. */
static const uint8_t *rsdp_scan(paddr_t start, paddr_t end)
{
    for (paddr_t at = start; at + RSDP_SIZE <= end; at += 16) {
        if (rsdp_valid(arch_phys_to_virt(at)))
            return arch_phys_to_virt(at);
    }
    return NULL;
}

/* ACPI's search order: the first KiB of the EBDA, then the BIOS read-only area. */
static const uint8_t *rsdp_find(void)
{
    paddr_t ebda = (paddr_t)*(const uint16_t *)arch_phys_to_virt(BDA_EBDA_SEGMENT) << 4;
    const uint8_t *rsdp = NULL;
    if (ebda >= PAGE_SIZE && ebda + EBDA_SCAN_BYTES <= BIOS_AREA_START)
        rsdp = rsdp_scan(ebda, ebda + EBDA_SCAN_BYTES);
    return rsdp ? rsdp : rsdp_scan(BIOS_AREA_START, BIOS_AREA_END);
}

static word_t add_rsdp(uint8_t *dest)
{
    const uint8_t *rsdp = rsdp_find();
    if (!rsdp)
        return 0;
    seL4_BootInfoHeader header = {SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP, sizeof(header) + RSDP_SIZE};
    memcpy(dest, &header, sizeof(header));
    memcpy(dest + sizeof(header), rsdp, RSDP_SIZE);
    return header.len;
}

static word_t add_memory_map(uint8_t *dest)
{
    struct mbmmap_chunk chunk = {{SEL4_BOOTINFO_HEADER_X86_MBMMAP, sizeof(chunk)}, 0, {{0}}};
    unsigned count;
    const struct multiboot_mmap_entry *entries = multiboot_memory_map(&count);
    memcpy(chunk.entries, entries, count * sizeof(*entries));
    chunk.mmap_length = count * sizeof(*entries);
    memcpy(dest, &chunk, sizeof(chunk));
    return sizeof(chunk);
}

static word_t add_tsc_frequency(uint8_t *dest)
{
    struct tsc_chunk chunk = {{SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, sizeof(chunk)}, timer_tsc_mhz()};
    memcpy(dest, &chunk, sizeof(chunk));
    return sizeof(chunk);
}

word_t arch_extra_bootinfo(void *dest, word_t room)
{
    word_t most = sizeof(seL4_BootInfoHeader) + RSDP_SIZE + sizeof(struct mbmmap_chunk) +
                  sizeof(struct tsc_chunk);
    if (room < most)
        kernel_panic("bootinfo: %lu bytes of room for up to %lu", room, most);
    uint8_t *at = dest;
    at += add_rsdp(at);
    at += add_memory_map(at);
    at += add_tsc_frequency(at);
    return at - (uint8_t *)dest;
}
