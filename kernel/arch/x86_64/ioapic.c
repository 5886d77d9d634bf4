/*
 * The I/O APIC (the board has one): every pin masked at boot; IRQControl GetIOAPIC routes a
 * pin to a vector, fixed delivery to this CPU's local APIC in physical mode, and IRQ masking
 * sets and clears the pin's mask bit. The low word of each redirection entry is cached, as
 * seL4 does, so that masking is one register write.
 */
#include <arch.h>
#include <arch/apic.h>
#include <board.h>

#define IOAPIC_SELECT 0x00
#define IOAPIC_WINDOW 0x10
#define IOAPIC_VERSION 0x01
#define IOAPIC_REDIRECTION_LOW(pin) (0x10 + 2 * (pin))
#define IOAPIC_REDIRECTION_HIGH(pin) (0x11 + 2 * (pin))
#define IOAPIC_MAX_PINS 256 /* the version register has an 8-bit "maximum redirection entry" */

#define REDIRECTION_POLARITY_LOW BIT(13)
#define REDIRECTION_TRIGGER_LEVEL BIT(15)
#define REDIRECTION_MASKED BIT(16)
#define REDIRECTION_LOW_RESERVED 0xfffe0000u  /* bits 17-31: written back as read */
#define REDIRECTION_HIGH_RESERVED 0x00ffffffu /* bits 0-23 */
#define REDIRECTION_DESTINATION_SHIFT 24

static uint32_t redirection_low[IOAPIC_MAX_PINS];
static word_t pins;
static uint32_t destination_apic;

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

/* Every pin masked, with vector 0 (so that an unrouted pin is recognisable), delivered to the
 * local APIC `apic_id`. */
void ioapic_init(uint32_t apic_id)
{
    destination_apic = apic_id;
    pins = (ioapic_read(IOAPIC_VERSION) >> 16 & 0xff) + 1;
    for (word_t pin = 0; pin < pins; pin++) {
        uint32_t low = ioapic_read(IOAPIC_REDIRECTION_LOW(pin));
        redirection_low[pin] = (low & REDIRECTION_LOW_RESERVED) | REDIRECTION_MASKED;
        ioapic_write(IOAPIC_REDIRECTION_LOW(pin), redirection_low[pin]);
    }
}

word_t ioapic_pin_count(void)
{
    return pins;
}

/* Route `pin` (< ioapic_pin_count()) to `vector`, masked: level-triggered if `level`, active
 * low if `low_active`. */
void ioapic_route(word_t pin, bool level, bool low_active, uint8_t vector)
{
    uint32_t high = ioapic_read(IOAPIC_REDIRECTION_HIGH(pin)) & REDIRECTION_HIGH_RESERVED;
    ioapic_write(IOAPIC_REDIRECTION_HIGH(pin),
                 high | destination_apic << REDIRECTION_DESTINATION_SHIFT);
    uint32_t low = (redirection_low[pin] & REDIRECTION_LOW_RESERVED) | REDIRECTION_MASKED |
                   vector;
    if (level)
        low |= REDIRECTION_TRIGGER_LEVEL;
    if (low_active)
        low |= REDIRECTION_POLARITY_LOW;
    redirection_low[pin] = low;
    ioapic_write(IOAPIC_REDIRECTION_LOW(pin), low);
}

/* Mask or unmask a pin; a pin never routed stays masked. */
void ioapic_set_masked(word_t pin, bool masked)
{
    if (pin >= pins || (!masked && !(redirection_low[pin] & 0xff)))
        return;
    if (masked)
        redirection_low[pin] |= REDIRECTION_MASKED;
    else
        redirection_low[pin] &= ~REDIRECTION_MASKED;
    ioapic_write(IOAPIC_REDIRECTION_LOW(pin), redirection_low[pin]);
}
