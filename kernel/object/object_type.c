/*
 * Object types: sizes, construction in fresh memory, and destruction when the last
 * capability goes. Generic types here; arch types (frames, tables, ASID pools, I/O ports)
 * through the arch_object_* hooks.
 */
#include <arch.h>
#include <core/cspace.h>
#include <object/asid_pool.h>
#include <object/endpoint.h>
#include <object/frame.h>
#include <object/irq.h>
#include <object/notification.h>
#include <object/object_type.h>
#include <object/reply.h>
#include <object/sched_context.h>
#include <object/tcb.h>
#include <sel4/object_type.h>

word_t object_size_bits(word_t type, word_t user_size)
{
    switch (type) {
    case seL4_UntypedObject:
    case seL4_SchedContextObject:
        return user_size;
    case seL4_TCBObject:
        return seL4_TCBBits;
    case seL4_EndpointObject:
        return seL4_EndpointBits;
    case seL4_NotificationObject:
        return seL4_NotificationBits;
    case seL4_CapTableObject:
        return seL4_SlotBits + user_size;
    case seL4_ReplyObject:
        return seL4_ReplyBits;
    default:
        return arch_object_size_bits(type);
    }
}

static struct cap tcb_create(paddr_t paddr)
{
    struct tcb *tcb = tcb_at(paddr);
    arch_context_init_user(&tcb->context, 0);
    tcb->state = THREAD_INACTIVE;
    return cap_thread(paddr);
}

struct cap object_create(word_t type, paddr_t paddr, word_t user_size, bool device)
{
    switch (type) {
    case seL4_UntypedObject:
        return cap_untyped(paddr, user_size, device);
    case seL4_TCBObject:
        return tcb_create(paddr);
    case seL4_EndpointObject:
        return cap_endpoint(paddr, 0, CAP_RIGHTS_ALL);
    case seL4_NotificationObject:
        return cap_notification(paddr, 0, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
    case seL4_CapTableObject:
        return cap_cnode(paddr, user_size, 0, 0);
    case seL4_SchedContextObject:
        return cap_sched_context(paddr, user_size);
    case seL4_ReplyObject:
        return cap_reply(paddr, true);
    default:
        return arch_object_create(type, paddr, device);
    }
}

struct cte *object_slots(struct cap cap, word_t *count)
{
    switch (cap_type(cap)) {
    case CAP_CNODE:
        *count = BIT(cap_cnode_radix(cap));
        return arch_phys_to_virt(cap_object(cap));
    case CAP_THREAD:
        *count = TCB_SLOT_COUNT;
        return tcb_at(cap_object(cap))->slots;
    default:
        *count = 0;
        return 0;
    }
}

void object_finalise(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_THREAD:
        tcb_destroy(tcb_at(cap_object(cap)));
        break;
    case CAP_NOTIFICATION:
        notification_destroy(notification_at(cap_object(cap)));
        break;
    case CAP_ENDPOINT:
        endpoint_destroy(endpoint_at(cap_object(cap)));
        break;
    case CAP_REPLY:
        reply_destroy(reply_at(cap_object(cap)));
        break;
    case CAP_SCHED_CONTEXT:
        sched_context_destroy(sched_context_at(cap_object(cap)));
        break;
    case CAP_IRQ_HANDLER:
        irq_handler_destroy(cap_irq_handler_irq(cap));
        break;
    case CAP_FRAME:
        frame_unmap(cap);
        break;
    case CAP_ASID_POOL:
        asid_finalise_pool(cap);
        break;
    default:
        /* CNodes and TCBs had their slots emptied by cspace_delete. */
        if (cap_is_arch(cap))
            arch_object_finalise(cap);
        break;
    }
}
