/*
 * x86_64 interrupt numbers, as seL4's pc99 numbers them: interrupt `irq` arrives on IDT vector
 * IRQ_VECTOR_OFFSET + irq. IRQs 0-15 are the ISA lines, which with an I/O APIC nobody may take
 * through the generic IRQControl Get; 16-123 (vectors 0x30-0x9b) are the user's, handed out by
 * GetIOAPIC and GetMSI, whose `vector` argument v (0-107) names irq 16 + v, i.e. CPU vector
 * 0x30 + v; ARCH_MAX_IRQ (125, vector 157) is seL4's timer number. The kernel timer's vector
 * is the board's (timer.irq in boards/qemu-x86_64.toml); the spurious vector is 0xff.
 */
#pragma once

#define IRQ_VECTOR_OFFSET 0x20
#define IRQ_USER_MIN 16
#define IRQ_USER_MAX 123
#define IRQ_VECTOR_FIRST IRQ_VECTOR_OFFSET
#define IRQ_VECTOR_LAST 0xfe /* every vector from 0x20 up to the spurious one has a stub */

#ifndef __ASSEMBLER__
#include <types.h>

static inline bool irq_is_user(word_t irq)
{
    return irq >= IRQ_USER_MIN && irq <= IRQ_USER_MAX;
}

/* An interrupt vector fired in user mode (trap.c): quiet its source, acknowledge it at the
 * local APIC and hand it to interrupt_handle(). Does not return. */
_Noreturn void irq_handle_vector(word_t vector);
/* Quiet and acknowledge an interrupt vector's source as irq_handle_vector does; its number. */
word_t irq_acknowledge_vector(word_t vector);
#endif
