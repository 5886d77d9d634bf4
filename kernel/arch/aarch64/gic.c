/* The GICv2 interrupt controller: the distributor (which lines reach which CPU) and this
 * CPU's interface (acknowledge, end of interrupt). Every line starts disabled; timer.c
 * enables the kernel's timer PPI. No security extensions: all interrupts are group 0 IRQs. */
#include <arch.h>
#include <arch/gic.h>
#include <arch/window.h>
#include <board.h>
#include <core/stop.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00

#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_BPR 0x008
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010

#define GIC_PRIORITY_ALL 0xa0a0a0a0u /* one middling priority for every line */
#define GIC_PRIORITY_MASK 0xf0u     /* lets every priority above 0xf0 through */

_Static_assert(ARCH_MAX_IRQ == BOARD_INTERRUPT_CONTROLLER_IRQ_MAX, "arch/machine.h: ARCH_MAX_IRQ");

static volatile uint32_t *distributor;
static volatile uint32_t *cpu_interface;

static uint32_t gicd_read(word_t offset)
{
    return distributor[offset / 4];
}

static void gicd_write(word_t offset, uint32_t value)
{
    distributor[offset / 4] = value;
}

static void gicc_write(word_t offset, uint32_t value)
{
    cpu_interface[offset / 4] = value;
}

/* Every line disabled, not pending, not active, one priority, SPIs aimed at this CPU. */
static void distributor_init(void)
{
    word_t lines = 32 * ((gicd_read(GICD_TYPER) & MASK(5)) + 1);
    uint32_t this_cpu = gicd_read(GICD_ITARGETSR) & 0xff; /* banked: reads back our own bit */
    gicd_write(GICD_CTLR, 0);
    for (word_t i = 0; i < lines; i += 32) {
        gicd_write(GICD_ICENABLER + i / 8, ~0u);
        gicd_write(GICD_ICPENDR + i / 8, ~0u);
        gicd_write(GICD_ICACTIVER + i / 8, ~0u);
    }
    for (word_t i = 0; i < lines; i += 4)
        gicd_write(GICD_IPRIORITYR + i, GIC_PRIORITY_ALL);
    for (word_t i = 32; i < lines; i += 4)
        gicd_write(GICD_ITARGETSR + i, this_cpu * 0x01010101u);
    gicd_write(GICD_CTLR, 1);
}

void arch_init_interrupts(void)
{
    paddr_t gicd = BOARD_INTERRUPT_CONTROLLER_DISTRIBUTOR_BASE;
    paddr_t gicc = BOARD_INTERRUPT_CONTROLLER_CPU_INTERFACE_BASE;
    if (!window_map_device(gicd, gicd + GIC_DISTRIBUTOR_SIZE) ||
        !window_map_device(gicc, gicc + GIC_CPU_INTERFACE_SIZE))
        kernel_panic("gic: cannot map the GIC registers");
    distributor = arch_phys_to_virt(gicd);
    cpu_interface = arch_phys_to_virt(gicc);
    distributor_init();
    gicc_write(GICC_PMR, GIC_PRIORITY_MASK);
    gicc_write(GICC_BPR, 0);
    gicc_write(GICC_CTLR, 1);
}

void gic_enable(word_t irq)
{
    gicd_write(GICD_ISENABLER + (irq / 32) * 4, (uint32_t)BIT(irq % 32));
}

word_t gic_acknowledge(void)
{
    return cpu_interface[GICC_IAR / 4];
}

void gic_end_of_interrupt(word_t acknowledge)
{
    gicc_write(GICC_EOIR, (uint32_t)acknowledge);
}

void gic_disable(word_t irq)
{
    gicd_write(GICD_ICENABLER + (irq / 32) * 4, (uint32_t)BIT(irq % 32));
}

/* Only SPIs are configurable: SGIs are always edge-triggered and GICv2 leaves the PPIs'
 * configuration to the implementation, so those keep theirs. Called with the line masked, as
 * the GIC requires for a change. */
void gic_set_trigger(word_t irq, bool edge)
{
    if (irq < GIC_FIRST_SPI)
        return;
    word_t offset = GICD_ICFGR + (irq / 16) * 4;
    unsigned shift = (irq % 16) * 2 + 1; /* the upper bit of each 2-bit field: edge */
    gicd_write(offset, (gicd_read(offset) & ~(1u << shift)) | ((uint32_t)edge << shift));
}

/* TargetListFilter 0: exactly the CPU interfaces in the list. */
void gic_send_sgi(word_t irq, word_t target)
{
    gicd_write(GICD_SGIR, (uint32_t)(BIT(target) << 16 | irq));
}

void arch_irq_mask(word_t irq)
{
    gic_disable(irq);
}

void arch_irq_unmask(word_t irq)
{
    gic_enable(irq);
}
