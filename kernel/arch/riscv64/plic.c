/* The platform-level interrupt controller: device interrupts reach the kernel as the
 * supervisor external interrupt of the boot hart's S-mode context, and are claimed here. Every
 * source starts masked (priority 0, not enabled) until IRQ handlers arrive, and is masked
 * again when its handler goes. */
#include <arch.h>
#include <arch/csr.h>
#include <arch/plic.h>
#include <board.h>

#define PLIC_PRIORITY(source) (4u * (source))
#define PLIC_ENABLE(context, word) (0x2000u + 0x80u * (context) + 4u * (word))
#define PLIC_THRESHOLD(context) (0x200000u + 0x1000u * (context))
#define PLIC_CLAIM(context) (PLIC_THRESHOLD(context) + 4u)

/* On the virt board hart h has context 2h (M-mode) and 2h + 1 (S-mode). */
static word_t plic_context = 1;

static volatile uint32_t *plic_reg(word_t offset)
{
    return (volatile uint32_t *)((uint8_t *)arch_phys_to_virt(BOARD_INTERRUPT_CONTROLLER_BASE) +
                                 offset);
}

void plic_use_hart(word_t hart)
{
    plic_context = 2 * hart + 1;
}

void arch_init_interrupts(void)
{
    for (word_t source = 1; source <= BOARD_INTERRUPT_CONTROLLER_IRQ_MAX; source++)
        *plic_reg(PLIC_PRIORITY(source)) = 0;
    for (word_t word = 0; word <= BOARD_INTERRUPT_CONTROLLER_IRQ_MAX / 32; word++)
        *plic_reg(PLIC_ENABLE(plic_context, word)) = 0;
    *plic_reg(PLIC_THRESHOLD(plic_context)) = 0;
    csr_set(sie, SIE_SEIE);
}

word_t plic_claim(void)
{
    return *plic_reg(PLIC_CLAIM(plic_context));
}

void plic_complete(word_t source)
{
    *plic_reg(PLIC_CLAIM(plic_context)) = (uint32_t)source;
}

/* The timer (above the PLIC's sources) has no enable bit here. */
void arch_irq_disable(word_t irq)
{
    if (irq == 0 || irq > BOARD_INTERRUPT_CONTROLLER_IRQ_MAX)
        return;
    *plic_reg(PLIC_ENABLE(plic_context, irq / 32)) &= ~(uint32_t)BIT(irq % 32);
}
