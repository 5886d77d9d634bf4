/* IRQControl (the authority to take interrupts) and IRQHandler (one interrupt): their
 * invocations. */
#pragma once

struct invocation;
struct syscall_error;

struct syscall_error irq_control_decode(struct invocation *inv);
struct syscall_error irq_handler_decode(struct invocation *inv);
/* Hand out `irq`'s handler capability into the empty `dest`, a child of the IRQControl
 * capability in `control`; the interrupt is unmasked (for the arch's own IRQControl labels). */
void irq_control_issue(struct cte *control, struct cte *dest, word_t irq);
/* The last handler capability of `irq` is gone: mask it and drop its notification. */
void irq_handler_destroy(word_t irq);
