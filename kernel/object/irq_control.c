/*
 * IRQControl: Get (IRQIssueIRQHandler) hands out the handler capability of one interrupt,
 * once: the interrupt must be valid for the board (the arch says), not the kernel's, and not
 * already handed out. The arch's own labels go to the arch.
 */
#include <api/invocation.h>
#include <arch.h>
#include <core/interrupt.h>
#include <object/irq.h>
#include <sel4/invocation_labels.h>

struct syscall_error irq_control_check_issue(struct invocation *inv, word_t irq, word_t index,
                                             word_t depth, struct cte **dest)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error = arch_irq_check(irq);
    if (!error_is_none(error))
        return error;
    if (interrupt_state(irq) != IRQ_INACTIVE)
        return error_plain(seL4_RevokeFirst);
    *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, index, depth, &error);
    return error;
}

struct syscall_error irq_control_get(struct invocation *inv, word_t irq, word_t index,
                                     word_t depth)
{
    struct cte *dest;
    struct syscall_error error = irq_control_check_issue(inv, irq, index, depth, &dest);
    if (error_is_none(error))
        irq_control_issue(inv->slot, dest, irq);
    return error;
}

static struct syscall_error irq_control_decode_get(struct invocation *inv)
{
    struct irq_control_get_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    return irq_control_get(inv, args.irq, args.index, args.depth);
}

void irq_control_issue(struct cte *control, struct cte *dest, word_t irq)
{
    interrupt_set_state(irq, IRQ_SIGNAL);
    cspace_insert_child(control, dest, cap_irq_handler(irq), true);
}

struct syscall_error irq_control_decode(struct invocation *inv)
{
    if (inv->label == IRQIssueIRQHandler)
        return irq_control_decode_get(inv);
    return arch_decode_irq_control(inv);
}
