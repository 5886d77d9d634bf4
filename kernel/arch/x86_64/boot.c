/*
 * The x86_64 boot in C, entered from start.S on the boot page tables: console, GDT and IDT
 * first (so that a fault during boot is reported), then the CPU's features, the multiboot
 * tables and the kernel's own page tables, then the generic boot. The reserved regions
 * (never handed out) are the kernel image and the interrupt controllers; the low megabyte is
 * not RAM to the kernel (multiboot.c), so device untypeds cover what it holds (BIOS areas, the
 * VGA hole), as upstream's do.
 */
#include <arch.h>
#include <arch/cpu.h>
#include <arch/multiboot.h>
#include <arch/segments.h>
#include <arch/trap.h>
#include <arch/vspace.h>
#include <board.h>
#include <core/stop.h>
#include <lib/printf.h>

static struct boot_params boot_params;

_Noreturn void boot_x86_64(uint32_t magic, uint32_t info_paddr);

_Noreturn void boot_x86_64(uint32_t magic, uint32_t info_paddr)
{
    arch_console_init();
    gdt_init();
    idt_init();
    if (magic != MULTIBOOT_LOADER_MAGIC)
        kernel_panic("boot: not started by a multiboot loader (magic %x)", magic);
    cpu_init();
    /* The newline ends the firmware's last line ("Booting from ROM.."). */
    kprintf("\nkernel: x86_64, NX %d, 1 GiB pages %d, global pages %d, SMEP %d, FSGSBASE %d\n",
            cpu_features.nx, cpu_features.page_1g, cpu_features.global, cpu_features.smep,
            cpu_features.fsgsbase);
    boot_params_add_reserved(&boot_params, arch_virt_to_phys(kernel_image_start),
                             arch_virt_to_phys(kernel_image_end));
    /* The interrupt controllers' registers: the kernel's devices, in no device untyped. (Its
     * UART and exit device are I/O ports, kept from IOPortControl by io_port.c.) */
    boot_params_add_reserved(&boot_params, BOARD_INTERRUPT_CONTROLLER_LAPIC_BASE,
                             BOARD_INTERRUPT_CONTROLLER_LAPIC_BASE + PAGE_SIZE);
    boot_params_add_reserved(&boot_params, BOARD_INTERRUPT_CONTROLLER_IOAPIC_BASE,
                             BOARD_INTERRUPT_CONTROLLER_IOAPIC_BASE + PAGE_SIZE);
    multiboot_read(info_paddr, &boot_params);
    vspace_init_kernel(&boot_params);
    boot_kernel(&boot_params);
}
