/* The I/O APIC: every pin masked. Device interrupts get routed here when IRQ handlers arrive. */
#include <arch.h>
#include <arch/apic.h>
#include <board.h>

#define IOAPIC_SELECT 0x00
#define IOAPIC_WINDOW 0x10
#define IOAPIC_VERSION 0x01
#define IOAPIC_REDIRECTION(pin) (0x10 + 2 * (pin))
#define REDIRECTION_MASKED BIT(16)

static volatile uint32_t *ioapic_register(unsigned offset)
{
    return (volatile uint32_t *)((uint8_t *)arch_phys_to_virt(
                                     BOARD_INTERRUPT_CONTROLLER_IOAPIC_BASE) + offset);
}

static uint32_t ioapic_read(unsigned reg)
{
    *ioapic_register(IOAPIC_SELECT) = reg;
    return *ioapic_register(IOAPIC_WINDOW);
}

static void ioapic_write(unsigned reg, uint32_t value)
{
    *ioapic_register(IOAPIC_SELECT) = reg;
    *ioapic_register(IOAPIC_WINDOW) = value;
}

void ioapic_mask_all(void)
{
    unsigned pins = (ioapic_read(IOAPIC_VERSION) >> 16 & 0xff) + 1;
    for (unsigned pin = 0; pin < pins; pin++) {
        ioapic_write(IOAPIC_REDIRECTION(pin), REDIRECTION_MASKED);
        ioapic_write(IOAPIC_REDIRECTION(pin) + 1, 0);
    }
}
