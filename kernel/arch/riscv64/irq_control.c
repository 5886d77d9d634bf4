/*
 * IRQControl's RISC-V label: IssueIRQHandlerTrigger is IRQControl Get with a trigger mode.
 * The PLIC has no trigger setting, so the mode is ignored, as seL4 ignores it on QEMU virt;
 * every check of Get applies, in seL4's order.
 */
#include <api/invocation.h>
#include <arch.h>
#include <core/interrupt.h>
#include <object/irq.h>
#include <sel4/arch/invocation_labels.h>

/* irq, trigger (ignored), index, depth; the CNode as extra capability. */
static struct syscall_error irq_control_decode_trigger(struct invocation *inv)
{
    if (inv->length < 4 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    word_t irq = invocation_arg(inv, 0);
    struct syscall_error error = arch_irq_check(irq);
    if (!error_is_none(error))
        return error;
    if (interrupt_state(irq) != IRQ_INACTIVE)
        return error_plain(seL4_RevokeFirst);
    struct cte *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, invocation_arg(inv, 2),
                                                    invocation_arg(inv, 3), &error);
    if (!dest)
        return error;
    irq_control_issue(inv->slot, dest, irq);
    return error_none();
}

struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    if (inv->label == RISCVIRQIssueIRQHandlerTrigger)
        return irq_control_decode_trigger(inv);
    return error_plain(seL4_IllegalOperation);
}
