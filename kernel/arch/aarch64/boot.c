/* aarch64 boot in C: entered from entry.S at the link address with the MMU on, a stack and
 * an empty physical window. Brings up the console, finds RAM in the device tree and maps it,
 * reserves the kernel image and the kernel's devices, finds the root task packed after the
 * image, then hands over to the generic boot. */
#include <arch.h>
#include <arch/gic.h>
#include <arch/window.h>
#include <board.h>
#include <core/boot.h>
#include <core/stop.h>
#include <lib/fdt.h>
#include <lib/printf.h>

#define FDT_HEADER_SIZE 40

_Noreturn void arch_boot(paddr_t device_tree, paddr_t image, word_t entry_level);

extern char _kernel_start[], _kernel_end[];

static struct boot_params params;

/* Map the device tree into the window, pack it (QEMU hands over a 1 MiB buffer; the root
 * task gets only the tree) and record it; panics without a valid one, since it is the only
 * description of RAM. */
static const void *map_device_tree(paddr_t device_tree)
{
    if (!device_tree || !window_map_memory(device_tree, device_tree + FDT_HEADER_SIZE))
        kernel_panic("boot: no device tree (x0 was %lx at entry)", device_tree);
    void *blob = arch_phys_to_virt(device_tree);
    if (!fdt_valid(blob))
        kernel_panic("boot: no valid device tree at %lx", device_tree);
    word_t size = fdt_total_size(blob);
    if (!window_map_memory(device_tree, device_tree + size))
        kernel_panic("boot: cannot map the device tree [%lx, %lx)", device_tree,
                     device_tree + size);
    word_t packed = fdt_pack(blob);
    kprintf("kernel: device tree of %lu bytes packed into %lu\n", size, packed);
    params.device_tree = (struct memory_region){device_tree, device_tree + packed};
    return blob;
}

static void map_ram(void)
{
    for (unsigned i = 0; i < params.ram_count; i++) {
        struct memory_region r = params.ram[i];
        if (!window_map_memory(r.start, r.end))
            kernel_panic("boot: cannot map RAM [%lx, %lx) into the window", r.start, r.end);
    }
}

/* The GIC is the kernel's: no device untyped may cover it. The console UART is not kept
 * from user level (seL4 marks serial consoles user-visible): release root tasks print
 * through it, while the kernel keeps printing through its own mapping. */
static void reserve_kernel_devices(void)
{
    paddr_t gicd = BOARD_INTERRUPT_CONTROLLER_DISTRIBUTOR_BASE;
    paddr_t gicc = BOARD_INTERRUPT_CONTROLLER_CPU_INTERFACE_BASE;
    boot_params_add_reserved(&params, gicd, gicd + GIC_DISTRIBUTOR_SIZE);
    boot_params_add_reserved(&params, gicc, gicc + GIC_CPU_INTERFACE_SIZE);
}

void arch_boot(paddr_t device_tree, paddr_t image, word_t entry_level)
{
    arch_console_init();
    paddr_t image_end = arch_virt_to_phys(_kernel_end);
    kprintf("kernel: aarch64, entered at EL%lu, image [%lx, %lx) at %lx, device tree at %lx\n",
            entry_level, image, image_end, (word_t)_kernel_start, device_tree);
    const void *blob = map_device_tree(device_tree);
    if (!fdt_read_memory(blob, &params) || !params.ram_count)
        kernel_panic("boot: no memory in the device tree");
    map_ram();
    boot_params_add_reserved(&params, image, image_end);
    reserve_kernel_devices();
    /* harness/pack.py puts the root task on the first page after the kernel's footprint. */
    if (boot_find_packed_root_task(image_end, &params.root_task_elf))
        boot_params_add_reserved(&params, image_end, params.root_task_elf.start);
    boot_kernel(&params);
}

/* The device tree is the only extra boot info on aarch64; the generic code adds it. */
word_t arch_extra_bootinfo(void *dest, word_t room)
{
    (void)dest;
    (void)room;
    return 0;
}
