/* The generic boot: after the arch has a console and has described memory, bring up traps,
 * interrupts, the timer and the user counter, build the root task and enter user mode. */
#include <arch.h>
#include <core/boot.h>
#include <core/interrupt.h>
#include <core/memory.h>
#include <core/root_task.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>
#include <lib/string.h>

static void report_memory(const struct boot_params *params)
{
    word_t ram = 0;
    for (unsigned i = 0; i < params->ram_count; i++)
        ram += params->ram[i].end - params->ram[i].start;
    kprintf("kernel: %lu MiB RAM in %u regions, %u reserved, %lu MiB free in %u regions\n",
            ram >> 20, params->ram_count, params->reserved_count, memory_free_bytes() >> 20,
            memory_free_region_count());
}

bool boot_find_packed_root_task(paddr_t at, struct memory_region *elf)
{
    const struct packed_root_task *header = arch_phys_to_virt(at);
    if (memcmp(header->magic, PACKED_ROOT_TASK_MAGIC, sizeof(header->magic)) ||
        header->elf_offset < sizeof(*header) || !header->elf_size)
        return false;
    elf->start = at + header->elf_offset;
    elf->end = elf->start + header->elf_size;
    return true;
}

void boot_kernel(struct boot_params *params)
{
    arch_init_traps();
    if (params->root_task_elf.end <= params->root_task_elf.start)
        kernel_panic("boot: no root task (give its ELF as the first boot module)");
    boot_params_add_reserved(params, params->root_task_elf.start, params->root_task_elf.end);
    if (params->device_tree.end > params->device_tree.start)
        boot_params_add_reserved(params, params->device_tree.start, params->device_tree.end);
    memory_init(params);
    report_memory(params);
    interrupt_init();

    arch_init_interrupts();
    arch_init_timer();
    scheduler_init();
    arch_enable_user_counter();

    current_thread = root_task_create(params);
    kernel_exit();
}
