/* riscv64 boot in C: head.S calls riscv_boot on the boot table at the kernel's link address,
 * with the hart id and the device tree's physical address from OpenSBI. We read memory from
 * the device tree, switch to the kernel's own tables, describe what must never be handed out
 * (kernel image and bss, the kernel's devices, the packed root task, the device tree) and
 * start the generic boot. */
#include <arch.h>
#include <arch/plic.h>
#include <arch/vspace.h>
#include <board.h>
#include <core/boot.h>
#include <core/stop.h>
#include <lib/fdt.h>
#include <lib/printf.h>

_Static_assert(BOARD_BOOT_RAM_BASE == KERNEL_RAM_BASE, "arch/machine.h: KERNEL_RAM_BASE");
_Static_assert(BOARD_INTERRUPT_CONTROLLER_IRQ_MAX + 1 == ARCH_MAX_IRQ &&
                   BOARD_TIMER_IRQ == ARCH_MAX_IRQ, "arch/machine.h: ARCH_MAX_IRQ");

extern char _kernel_start[], _kernel_end[];

_Noreturn void riscv_boot(word_t hart, paddr_t device_tree);

static struct boot_params params;

/* Read RAM from the device tree, then pack it (it may sit in a larger buffer; the root task
 * gets only the tree) and record it. */
static void read_device_tree(paddr_t device_tree)
{
    void *blob = arch_phys_to_virt(device_tree);
    if (!device_tree || !fdt_valid(blob))
        kernel_panic("boot: no valid device tree at %lx", device_tree);
    if (!fdt_read_memory(blob, &params) || !params.ram_count)
        kernel_panic("boot: no memory in the device tree at %lx", device_tree);
    word_t size = fdt_total_size(blob), packed = fdt_pack(blob);
    kprintf("kernel: device tree of %lu bytes packed into %lu\n", size, packed);
    params.device_tree = (struct memory_region){device_tree, device_tree + packed};
}

/* The window must reach the end of RAM (devices on this board sit below RAM). */
static paddr_t ram_end(void)
{
    paddr_t end = 0;
    for (unsigned i = 0; i < params.ram_count; i++)
        end = params.ram[i].end > end ? params.ram[i].end : end;
    return end;
}

/* harness/pack.py puts the root task on the first page after the header's image_size,
 * which is _kernel_end - _kernel_start. */
static void find_root_task(paddr_t kernel_end)
{
    paddr_t packed = ROUND_UP(kernel_end, PAGE_SIZE);
    if (!boot_find_packed_root_task(packed, &params.root_task_elf))
        kernel_panic("boot: no packed root task at %lx (pack the image with harness/pack.py)",
                     packed);
}

/* The kernel's own devices never become device untypeds (seL4 keeps its PLIC too): the PLIC
 * (QEMU virt's device tree: 6 MiB) and the exit device (a page). The console UART is left to
 * user level, as seL4 leaves serial consoles: release root tasks print through it, while
 * the kernel keeps printing through the physical window. */
#define PLIC_SIZE 0x600000ul

static void reserve_kernel_devices(void)
{
    paddr_t plic = BOARD_INTERRUPT_CONTROLLER_BASE;
    boot_params_add_reserved(&params, plic, plic + PLIC_SIZE);
    boot_params_add_reserved(&params, BOARD_EXIT_BASE, BOARD_EXIT_BASE + PAGE_SIZE);
}

void riscv_boot(word_t hart, paddr_t device_tree)
{
    arch_console_init();
    kprintf("kernel: riscv64, hart %lu, device tree at %lx\n", hart, device_tree);
    read_device_tree(device_tree);
    vspace_init_kernel(ram_end());
    paddr_t kernel_start = arch_virt_to_phys(_kernel_start);
    paddr_t kernel_end = arch_virt_to_phys(_kernel_end);
    boot_params_add_reserved(&params, kernel_start, kernel_end);
    reserve_kernel_devices();
    find_root_task(kernel_end);
    plic_use_hart(hart);
    boot_kernel(&params);
}

word_t arch_extra_bootinfo(void *dest, word_t room)
{
    (void)dest;
    (void)room;
    return 0; /* the device tree chunk (added by the generic code) is all riscv has */
}
