/* The interrupt controllers: the local APIC (lapic.c), the I/O APIC (ioapic.c) and the legacy
 * 8259 PICs (pic.c). */
#pragma once

#define VECTOR_SPURIOUS 0xff /* low four bits set, as older local APICs require */

#ifndef __ASSEMBLER__
#include <types.h>

void lapic_init(void);
/* This CPU's local APIC ID (the I/O APIC's delivery destination). */
uint32_t lapic_id(void);
void lapic_eoi(void);
/* Run the LAPIC timer down from its maximum, masked, to count its ticks. */
void lapic_timer_start_counting(void);
uint32_t lapic_timer_current(void);
/* One-shot mode on `vector`, stopped. */
void lapic_timer_start_oneshot(uint8_t vector);
/* Interrupt once after `ticks` LAPIC timer ticks; 0 stops the timer. */
void lapic_timer_arm(uint32_t ticks);

void ioapic_init(uint32_t apic_id);
word_t ioapic_pin_count(void);
void ioapic_route(word_t pin, bool level, bool low_active, uint8_t vector);
void ioapic_set_masked(word_t pin, bool masked);
void pic_disable(void);
#endif
