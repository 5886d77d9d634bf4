/* Trap entry and exit (entry.S) and the C handlers it calls (trap.c). */
#pragma once
#include <arch.h>

/* Load the IDT: every exception, every interrupt vector and the spurious vector. */
void idt_init(void);

/* entry.S: per-vector entry stubs, the SYSCALL entry, the kernel stacks and the exits. */
extern const word_t trap_exception_stubs[32];
extern const char trap_interrupt_stubs[]; /* vector v's at + 16 * (v - IRQ_VECTOR_FIRST) */
void trap_spurious_stub(void);
void syscall_entry(void);
extern char kernel_stack_top[], emergency_stack_top[];
_Noreturn void context_restore_iret(struct arch_context *context);
_Noreturn void context_restore_sysret(struct arch_context *context);

/* Called by entry.S on the kernel stack once the user registers are in current_thread. */
_Noreturn void trap_handle_user(void);
/* Called by entry.S for a trap taken in the kernel; `frame` has the arch_context layout.
 * Returns (to an iretq with interrupts off) only for the interrupt that ends an idle wait. */
void trap_handle_kernel(struct arch_context *frame);
