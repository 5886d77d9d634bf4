/*
 * Reading what the multiboot loader left: RAM from its memory map, the root task (module 0),
 * and what must stay untouched (the info, the memory map, the module list, every module).
 * A copy of the memory map is kept for the root task's boot info. RAM starts at 1 MiB, as in
 * upstream seL4: the low megabyte (BIOS data, EBDA, VGA hole, BIOS ROMs) is left to device
 * untypeds, where user-level ACPI code finds the RSDP.
 */
#include <arch.h>
#include <arch/multiboot.h>
#include <core/stop.h>

static struct multiboot_mmap_entry memory_map[MULTIBOOT_MEMORY_MAP_MAX];
static unsigned memory_map_count;

const struct multiboot_mmap_entry *multiboot_memory_map(unsigned *count)
{
    *count = memory_map_count;
    return memory_map;
}

/* The part of [start, end) at or above 1 MiB, or an empty region. */
static struct memory_region above_low_memory(paddr_t start, paddr_t end)
{
    start = start > LOW_MEMORY_END ? start : LOW_MEMORY_END;
    return (struct memory_region){start, end > start ? end : start};
}

/* Keep the boot allocator off a loader table until the boot has read it: only RAM needs it. */
static void reserve_loader_table(struct boot_params *params, paddr_t start, paddr_t end)
{
    struct memory_region high = above_low_memory(start, end);
    if (high.end > high.start)
        boot_params_add_reserved(params, high.start, high.end);
}

/* Walk the loader's map (entries are `size` + 4 bytes apart): keep a copy, add the RAM. */
static void read_memory_map(const struct multiboot_info *info, struct boot_params *params)
{
    if (!(info->flags & MULTIBOOT_INFO_MEMORY_MAP))
        kernel_panic("boot: the multiboot loader gave no memory map");
    const uint8_t *at = arch_phys_to_virt(info->mmap_addr);
    const uint8_t *end = at + info->mmap_length;
    while (at < end) {
        const struct multiboot_mmap_entry *entry = (const void *)at;
        struct multiboot_mmap_entry copy = {sizeof(copy) - sizeof(copy.size), entry->base,
                                            entry->length, entry->type};
        if (memory_map_count < MULTIBOOT_MEMORY_MAP_MAX)
            memory_map[memory_map_count++] = copy;
        struct memory_region ram = above_low_memory(copy.base, copy.base + copy.length);
        if (copy.type == MULTIBOOT_MEMORY_AVAILABLE && ram.end > ram.start)
            boot_params_add_ram(params, ram.start, ram.end);
        at += entry->size + sizeof(entry->size);
    }
    reserve_loader_table(params, info->mmap_addr, info->mmap_addr + info->mmap_length);
}

static void read_modules(const struct multiboot_info *info, struct boot_params *params)
{
    if (!(info->flags & MULTIBOOT_INFO_MODULES) || !info->mods_count)
        return;
    const struct multiboot_module *modules = arch_phys_to_virt(info->mods_addr);
    for (uint32_t i = 0; i < info->mods_count; i++)
        reserve_loader_table(params, modules[i].start, modules[i].end);
    reserve_loader_table(params, info->mods_addr,
                         info->mods_addr + info->mods_count * sizeof(*modules));
    params->root_task_elf = (struct memory_region){modules[0].start, modules[0].end};
}

void multiboot_read(paddr_t info_paddr, struct boot_params *params)
{
    const struct multiboot_info *info = arch_phys_to_virt(info_paddr);
    reserve_loader_table(params, info_paddr, info_paddr + sizeof(*info));
    read_memory_map(info, params);
    read_modules(info, params);
}
