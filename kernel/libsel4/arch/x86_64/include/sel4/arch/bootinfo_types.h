/* The x86 extra boot info's MBMMAP chunk (ABI §6.2): the multiboot memory map, 50 packed
 * 24-byte entries, of which the first mmap_length bytes are in use. */
#pragma once
#include <sel4/bootinfo_types.h>

#define SEL4_MULTIBOOT_MAX_MMAP_ENTRIES 50
#define SEL4_MULTIBOOT_RAM_REGION_TYPE 1

typedef struct seL4_X86_mb_mmap {
    seL4_Uint32 size; /* bytes of the entry after this field: 20 */
    seL4_Uint64 base_addr;
    seL4_Uint64 length;
    seL4_Uint32 type; /* 1 RAM, 2 reserved, 3 ACPI reclaimable, 4 ACPI NVS, 5 bad */
} __attribute__((packed)) seL4_X86_mb_mmap_t;

typedef struct seL4_X86_BootInfo_mmap {
    seL4_BootInfoHeader header;
    seL4_Uint32 mmap_length;
    seL4_X86_mb_mmap_t mmap[SEL4_MULTIBOOT_MAX_MMAP_ENTRIES];
} __attribute__((packed)) seL4_X86_BootInfo_mmap_t;

_Static_assert(sizeof(seL4_X86_mb_mmap_t) == 24, "ABI §6.2");
_Static_assert(sizeof(seL4_X86_BootInfo_mmap_t) == 1220, "ABI §6.2");
