/* The platform-level interrupt controller: device interrupts reach the kernel as the
 * supervisor external interrupt of the boot hart's S-mode context, and are claimed here. Every
 * source starts masked (priority 0, not enabled); IRQ handlers unmask and mask them. */
#include <api/invocation.h>
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

static bool plic_is_source(word_t irq)
{
    return irq >= 1 && irq <= BOARD_INTERRUPT_CONTROLLER_IRQ_MAX;
}

/* QEMU 7.2's PLIC re-evaluates its interrupt output on priority, threshold and claim
 * accesses but not on enable writes: after one, rewrite the threshold (still 0) so that an
 * interrupt already pending reaches the hart at once. Harmless on other PLICs. */
static void plic_set_enable(word_t irq, bool enable)
{
    volatile uint32_t *word = plic_reg(PLIC_ENABLE(plic_context, irq / 32));
    if (enable)
        *word |= (uint32_t)BIT(irq % 32);
    else
        *word &= ~(uint32_t)BIT(irq % 32);
    *plic_reg(PLIC_THRESHOLD(plic_context)) = 0;
}

/* The timer (above the PLIC's sources) is never masked here. */
void arch_irq_mask(word_t irq)
{
    if (plic_is_source(irq))
        plic_set_enable(irq, false);
}

/* Priority 1 is above the threshold of 0, so an enabled source interrupts. */
void arch_irq_unmask(word_t irq)
{
    if (!plic_is_source(irq))
        return;
    *plic_reg(PLIC_PRIORITY(irq)) = 1;
    plic_set_enable(irq, true);
}

/* As seL4 on RISC-V: 1..maxIRQ, the timer's number included (generic code answers
 * RevokeFirst for it); 0 means "no interrupt". */
struct syscall_error arch_irq_check(word_t irq)
{
    if (irq < 1 || irq > ARCH_MAX_IRQ)
        return error_range(1, ARCH_MAX_IRQ);
    return error_none();
}
