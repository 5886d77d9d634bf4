/* What an arch's boot code hands to the generic boot: memory, the root task, the device tree. */
#pragma once
#include <types.h>

#define BOOT_MAX_REGIONS 32

struct memory_region {
    paddr_t start;
    paddr_t end; /* exclusive */
};

struct boot_params {
    struct memory_region ram[BOOT_MAX_REGIONS];
    unsigned ram_count;
    /* kernel image, boot modules, device tree, firmware: never handed out */
    struct memory_region reserved[BOOT_MAX_REGIONS];
    unsigned reserved_count;
    struct memory_region root_task_elf; /* physical bytes of the root task's ELF file */
    struct memory_region device_tree;   /* empty when the loader passed none */
};

/* The header harness/pack.py writes on the first page boundary after the kernel's memory
 * image (kernel image, data and bss) in a packed boot image; the root task's ELF follows. */
#define PACKED_ROOT_TASK_MAGIC "ROOTTASK"
struct packed_root_task {
    char magic[8];
    uint64_t elf_offset; /* from this header */
    uint64_t elf_size;
    uint64_t reserved[5];
};
_Static_assert(sizeof(struct packed_root_task) == 64, "harness/pack.py writes 64 bytes");

/* Find a packed root task whose header is at physical address `at`; false if there is none. */
bool boot_find_packed_root_task(paddr_t at, struct memory_region *elf);

/* Record a region; false (and a console warning) when the table is full. */
bool boot_params_add_ram(struct boot_params *params, paddr_t start, paddr_t end);
bool boot_params_add_reserved(struct boot_params *params, paddr_t start, paddr_t end);

/* The generic boot: memory, the root task, then user mode. Called once by the arch. */
_Noreturn void boot_kernel(struct boot_params *params);

/* A zeroed 4 KiB frame of boot memory; 0 when none is left. For boot-time tables only. */
paddr_t boot_alloc_frame(void);
