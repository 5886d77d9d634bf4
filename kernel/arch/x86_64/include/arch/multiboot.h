/*
 * Multiboot (version 1) as QEMU's -kernel loader gives it: the info structure, the module list
 * and the memory map. multiboot.c reads them into struct boot_params.
 */
#pragma once
#include <core/boot.h>

#define MULTIBOOT_LOADER_MAGIC 0x2badb002
#define MULTIBOOT_INFO_MODULES (1 << 3)
#define MULTIBOOT_INFO_MEMORY_MAP (1 << 6)
#define MULTIBOOT_MEMORY_AVAILABLE 1
#define MULTIBOOT_MEMORY_MAP_MAX 50 /* entries kept for the boot info (sel4-abi.md §6.2) */

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end; /* physical, end exclusive */
    uint32_t string, reserved;
};

/* Also the layout of the boot info's MBMMAP entries. `size` counts the bytes after itself. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));
_Static_assert(sizeof(struct multiboot_mmap_entry) == 24, "sel4-abi.md §6.2");

/* Fill `params` from the info at `info_paddr`: RAM from 1 MiB up, the root task (module 0) and
 * reservations for the info itself and every module that lie in RAM. Panics when the loader
 * gave no memory map. */
void multiboot_read(paddr_t info_paddr, struct boot_params *params);
/* The loader's memory map, as copied at boot (at most MULTIBOOT_MEMORY_MAP_MAX entries). */
const struct multiboot_mmap_entry *multiboot_memory_map(unsigned *count);
