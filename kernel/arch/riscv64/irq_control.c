/*
 * IRQControl's RISC-V label: IssueIRQHandlerTrigger is IRQControl Get with a trigger mode.
 * The PLIC has no trigger setting, so the mode is ignored, as seL4 ignores it on QEMU virt;
 * every check of Get applies, in seL4's order.
 */
#include <api/invocation.h>
#include <arch.h>
#include <object/irq.h>
#include <sel4/arch/invocation_labels.h>

/* The trigger is ignored; the CNode comes as extra capability. */
static struct syscall_error irq_control_decode_trigger(struct invocation *inv)
{
    struct irq_control_get_trigger_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    return irq_control_get(inv, args.irq, args.index, args.depth);
}

struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    if (inv->label == RISCVIRQIssueIRQHandlerTrigger)
        return irq_control_decode_trigger(inv);
    return error_plain(seL4_IllegalOperation);
}
