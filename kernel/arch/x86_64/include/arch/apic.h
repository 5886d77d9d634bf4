/* The interrupt controllers: the local APIC (lapic.c), the I/O APIC (ioapic.c) and the legacy
 * 8259 PICs (pic.c). */
#pragma once

#define VECTOR_SPURIOUS 0xff /* low four bits set, as older local APICs require */

#ifndef __ASSEMBLER__
#include <types.h>

void lapic_init(void);
void lapic_eoi(void);
/* Run the LAPIC timer down from its maximum, masked, to count its ticks. */
void lapic_timer_start_counting(void);
uint32_t lapic_timer_current(void);
/* Interrupt on `vector` every `ticks` LAPIC timer ticks. */
void lapic_timer_start_periodic(uint32_t ticks, uint8_t vector);

void ioapic_mask_all(void);
void pic_disable(void);
#endif
