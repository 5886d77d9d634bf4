/*
 * IRQControl's Arm labels and the SGI signal capability. IssueIRQHandlerTrigger is IRQControl
 * Get with the line's trigger (level or edge) programmed first. IssueSGISignal makes a
 * capability that raises one software-generated interrupt (0-15) at one GIC CPU interface
 * when invoked (seL4_Signal), as seL4 does on single-core configurations; the interrupt is
 * received like any other through an IRQHandler for the SGI's number.
 */
#include <api/invocation.h>
#include <arch.h>
#include <arch/cap.h>
#include <arch/gic.h>
#include <object/irq.h>
#include <sel4/arch/invocation_labels.h>

/* seL4 on Arm accepts any line up to the board's last one. */
struct syscall_error arch_irq_check(word_t irq)
{
    if (irq > ARCH_MAX_IRQ)
        return error_range(0, ARCH_MAX_IRQ);
    return error_none();
}

/* The CNode comes as extra capability. */
static struct syscall_error irq_control_decode_trigger(struct invocation *inv)
{
    struct irq_control_get_trigger_args args;
    struct cte *dest;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error =
        irq_control_check_issue(inv, args.irq, args.index, args.depth, &dest);
    if (!error_is_none(error))
        return error;
    gic_set_trigger(args.irq, args.trigger != 0);
    irq_control_issue(inv->slot, dest, args.irq);
    return error_none();
}

/* IRQControl_IssueSGISignal's message words (ABI §5.6). */
struct sgi_signal_args {
    word_t irq, target, index, depth;
};

/* irq is an SGI (0-15), target a GIC CPU interface; the CNode comes as extra capability.
 * Like seL4, only the architectural limits are checked: whether the target CPU exists is the
 * caller's business (QEMU drops SGIs to absent CPUs). */
static struct syscall_error irq_control_decode_sgi_signal(struct invocation *inv)
{
    struct sgi_signal_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    if (args.irq >= GIC_SGI_COUNT)
        return error_range(0, GIC_SGI_COUNT - 1);
    if (args.target >= GIC_SGI_TARGETS)
        return error_invalid_argument(1);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, args.index, args.depth,
                                                    &error);
    if (!dest)
        return error;
    cspace_insert_child(inv->slot, dest, cap_sgi_signal(args.irq, args.target), true);
    return error_none();
}

struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    switch (inv->label) {
    case ARMIRQIssueIRQHandlerTrigger:
        return irq_control_decode_trigger(inv);
    case ARMIRQIssueSGISignal:
        return irq_control_decode_sgi_signal(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}

/* Any invocation of an SGI signal capability raises its SGI (seL4 ignores the label). */
struct syscall_error sgi_signal_decode(struct invocation *inv)
{
    gic_send_sgi(cap_sgi_signal_irq(inv->cap), cap_sgi_signal_target(inv->cap));
    return error_none();
}
