/* The GICv2 interrupt controller, as trap.c, timer.c and irq_control.c use it. */
#pragma once
#include <types.h>

/* The register blocks the kernel maps (at the board's bases). */
#define GIC_DISTRIBUTOR_SIZE 0x1000
#define GIC_CPU_INTERFACE_SIZE 0x2000

#define GIC_SGI_COUNT 16   /* interrupts 0-15 are software generated */
#define GIC_FIRST_SPI 32   /* 16-31 are per-CPU peripherals, shared ones start here */
#define GIC_SGI_TARGETS 8  /* GICv2 CPU interfaces */

/* Unmask one interrupt (SGI, PPI or SPI number). */
void gic_enable(word_t irq);
/* Mask one interrupt again. */
void gic_disable(word_t irq);
/* Program an SPI's trigger: edge (true) or level; SGIs and PPIs keep theirs. */
void gic_set_trigger(word_t irq, bool edge);
/* Raise SGI `irq` (< GIC_SGI_COUNT) at CPU interface `target` (< GIC_SGI_TARGETS). */
void gic_send_sgi(word_t irq, word_t target);
/* Take the highest-priority pending interrupt; returns the raw GICC_IAR value. */
word_t gic_acknowledge(void);
/* Signal the end of an interrupt taken with gic_acknowledge (pass its value back). */
void gic_end_of_interrupt(word_t acknowledge);

static inline word_t gic_irq_number(word_t acknowledge)
{
    return acknowledge & MASK(10);
}

/* 1020-1023 are the GIC's special numbers: nothing to handle. */
static inline bool gic_is_spurious(word_t irq)
{
    return irq >= 1020;
}
