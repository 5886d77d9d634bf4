/* Interrupt state: which interrupts are the kernel's, which have a user handler, and the
 * notification each handler signals. */
#pragma once
#include <core/cspace.h>

enum irq_state {
    IRQ_INACTIVE,  /* no handler capability */
    IRQ_SIGNAL,    /* a handler capability exists; signals its notification, if set */
    IRQ_RESERVED,  /* the kernel's own (its timer) */
};

/* Allocate the per-interrupt notification slots from boot memory; mark the timer reserved. */
void interrupt_init(void);
enum irq_state interrupt_state(word_t irq);
/* Set the state; IRQ_SIGNAL unmasks the interrupt, IRQ_INACTIVE masks it. */
void interrupt_set_state(word_t irq, enum irq_state state);
/* The slot holding the notification capability interrupt `irq` signals. */
struct cte *interrupt_slot(word_t irq);
/* A user-handled interrupt was signalled: mask it until its handler acks it. */
void interrupt_await_ack(word_t irq);
/* IRQHandler Ack: unmask it again. */
void interrupt_ack(word_t irq);
/* True if some interrupt could still signal a notification: it has a handler, is not waiting
 * for an Ack, and its handler has a notification set. */
bool interrupt_may_signal(void);
/* Handle an interrupt (from interrupt_handle, or the idle loop): the kernel timer, a
 * user-handled interrupt's signal, or a stray one masked. ARCH_NO_INTERRUPT: nothing. */
void interrupt_dispatch(word_t irq);
/* Kernel entry for an interrupt that arrived (from user or idle); the arch's trap code has
 * saved the user registers into current_thread->context. */
_Noreturn void interrupt_handle(word_t irq);
