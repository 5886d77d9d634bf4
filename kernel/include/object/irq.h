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
/* IRQControl_Get's message words (ABI §5.6), and those of GetTrigger, which Arm and RISC-V
 * add (trigger: 0 level, non-zero edge). */
struct irq_control_get_args {
    word_t irq, index, depth;
};
struct irq_control_get_trigger_args {
    word_t irq, trigger, index, depth;
};
/* IRQIssueIRQHandler's checks in seL4's order once the message is read, for Get and the
 * arch's labels that extend it: the destination CNode as extra capability, the irq, then the
 * empty destination at `index`/`depth`. On success *dest is the slot for the handler of `irq`;
 * nothing has changed yet. */
struct syscall_error irq_control_check_issue(struct invocation *inv, word_t irq, word_t index,
                                             word_t depth, struct cte **dest);
/* IRQIssueIRQHandler once the message is read: those checks, then the handler capability of
 * `irq` issued at `index`/`depth` (also the riscv64 trigger label, whose trigger is ignored). */
struct syscall_error irq_control_get(struct invocation *inv, word_t irq, word_t index,
                                     word_t depth);
/* The last handler capability of `irq` is gone: mask it and drop its notification. */
void irq_handler_destroy(word_t irq);
