/*
 * IRQControl's RISC-V label: IssueIRQHandlerTrigger is IRQControl Get with a trigger mode.
 * The PLIC has no trigger setting, so the mode is ignored, as seL4 ignores it on QEMU virt;
 * every check of Get applies, in seL4's order.
 */
#include <api/invocation.h>
#include <arch.h>
#include <object/irq.h>
#include <sel4/arch/invocation_labels.h>

/* irq, trigger (ignored), index, depth; the CNode as extra capability. */
static struct syscall_error irq_control_decode_trigger(struct invocation *inv)
{
    word_t irq;
    struct cte *dest;
    struct syscall_error error = irq_control_check_issue(inv, 1, &irq, &dest);
    if (error_is_none(error))
        irq_control_issue(inv->slot, dest, irq);
    return error;
}

struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    if (inv->label == RISCVIRQIssueIRQHandlerTrigger)
        return irq_control_decode_trigger(inv);
    return error_plain(seL4_IllegalOperation);
}
