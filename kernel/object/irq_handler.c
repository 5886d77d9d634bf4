/* IRQHandler: Ack unmasks the interrupt after the handler dealt with it; SetNotification
 * chooses the notification it signals (a derived copy kept in the interrupt's slot); Clear
 * removes that. */
#include <api/invocation.h>
#include <arch.h>
#include <core/derive.h>
#include <core/interrupt.h>
#include <object/irq.h>
#include <sel4/invocation_labels.h>

static struct syscall_error irq_handler_decode_set_notification(struct invocation *inv,
                                                                word_t irq)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cte *ntfn = inv->extra[0];
    if (cap_type(ntfn->cap) != CAP_NOTIFICATION || !(cap_rights(ntfn->cap) & CAP_RIGHT_WRITE))
        return error_invalid_capability(0);
    cspace_delete(interrupt_slot(irq));
    cap_insert_derived(ntfn, interrupt_slot(irq), ntfn->cap);
    return error_none();
}

struct syscall_error irq_handler_decode(struct invocation *inv)
{
    word_t irq = cap_irq_handler_irq(inv->cap);
    switch (inv->label) {
    case IRQAckIRQ:
        interrupt_ack(irq);
        return error_none();
    case IRQSetIRQHandler:
        return irq_handler_decode_set_notification(inv, irq);
    case IRQClearIRQHandler:
        cspace_delete(interrupt_slot(irq));
        return error_none();
    default:
        return error_plain(seL4_IllegalOperation);
    }
}

void irq_handler_destroy(word_t irq)
{
    cspace_delete(interrupt_slot(irq));
    interrupt_set_state(irq, IRQ_INACTIVE);
}
