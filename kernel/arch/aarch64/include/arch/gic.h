/* The GICv2 interrupt controller, as trap.c and timer.c use it. */
#pragma once
#include <types.h>

/* Unmask one interrupt (SGI, PPI or SPI number). */
void gic_enable(word_t irq);
/* Mask one interrupt again. */
void gic_disable(word_t irq);
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
