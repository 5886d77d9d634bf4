/*
 * Message transfer (sel4-abi.md §12.2) and capability transfer (§12.3) from one thread to
 * another, and cancelling a blocked thread's IPC (§12.9). Registers are named by their ABI
 * roles; MR4 and up travel through the IPC buffers, which the kernel reaches through each
 * thread's buffer frame capability, never through a user pointer.
 */
#include <api/fault.h>
#include <api/invocation.h>
#include <core/derive.h>
#include <core/ipc.h>
#include <core/thread_state.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/reply.h>
#include <sel4/ipc_buffer.h>

static const enum user_reg message_regs[] = {REG_MR0, REG_MR1, REG_MR2, REG_MR3};
#define MESSAGE_REGS ARRAY_SIZE(message_regs)

/* Copy `length` message words; without a buffer on either side only the registers travel.
 * Returns the words delivered (copyMRs). */
static word_t copy_message(struct tcb *sender, struct tcb *receiver, const word_t *from,
                           word_t *to, word_t length)
{
    word_t i = 0;
    for (; i < length && i < MESSAGE_REGS; i++)
        arch_user_reg_set(&receiver->context, message_regs[i],
                          arch_user_reg_get(&sender->context, message_regs[i]));
    if (!from || !to)
        return i;
    for (; i < length; i++)
        to[1 + i] = from[1 + i]; /* msg[i]: word 0 of the buffer is the tag */
    return i;
}

/* The empty slot the receiver named for a capability (receiveCNode, receiveIndex,
 * receiveDepth in its buffer), or NULL: any failure means no slot (getReceiveSlots). */
static struct cte *receive_slot(struct tcb *receiver, const seL4_IPCBuffer *buffer)
{
    struct lookup_fault fault;
    word_t bits_left;
    struct syscall_error error;
    struct cte *root = cspace_resolve(receiver->slots[TCB_CTABLE].cap, buffer->receiveCNode,
                                      seL4_WordBits, &bits_left, &fault);
    if (!root)
        return 0;
    struct cte *slot = invocation_lookup_slot(root->cap, buffer->receiveIndex,
                                              buffer->receiveDepth, false, &error);
    return slot && cap_is_null(slot->cap) ? slot : 0;
}

/* The sender's extra caps, looked up again now; false if any fails (then none travel). */
static bool lookup_extra_caps(struct tcb *sender, const seL4_IPCBuffer *buffer, word_t count,
                              struct cte **slots)
{
    struct lookup_fault fault;
    word_t bits_left;
    for (word_t i = 0; i < count; i++) {
        slots[i] = cspace_resolve(sender->slots[TCB_CTABLE].cap, buffer->caps_or_badges[i],
                                  seL4_WordBits, &bits_left, &fault);
        if (!slots[i])
            return false;
    }
    return true;
}

/* Caps to `endpoint` become badges; the first other cap is copied into the receive slot;
 * the loop stops at a cap that cannot go. Returns how many were processed (transferCaps). */
static word_t transfer_caps(struct cte **caps, word_t count, struct tcb *receiver,
                            seL4_IPCBuffer *to, paddr_t endpoint, word_t *unwrapped)
{
    struct cte *dest = receive_slot(receiver, to);
    word_t i = 0;
    for (; i < count; i++) {
        struct cap cap = caps[i]->cap;
        if (endpoint && cap_type(cap) == CAP_ENDPOINT && cap_object(cap) == endpoint) {
            to->caps_or_badges[i] = cap_badge(cap);
            *unwrapped |= BIT(i);
            continue;
        }
        struct cap derived;
        if (!dest || !error_is_none(cap_derive(caps[i], cap, &derived)) ||
            cap_is_null(derived))
            break;
        cap_insert_derived(caps[i], dest, derived);
        dest = 0;
    }
    return i;
}

/* A fault message (§12.2 r6, §12.8 r3): label = fault type, the handler capability's badge,
 * no caps; words past MR3 go to the receiver's buffer, or are dropped without one. */
static void transfer_fault(struct tcb *sender, struct tcb *receiver, word_t badge)
{
    word_t words[FAULT_MAX_WORDS];
    word_t length = fault_message(sender, words);
    word_t *to = tcb_ipc_buffer(receiver, true);
    if (!to && length > MESSAGE_REGS)
        length = MESSAGE_REGS;
    for (word_t i = 0; i < length; i++) {
        if (i < MESSAGE_REGS)
            arch_user_reg_set(&receiver->context, message_regs[i], words[i]);
        else
            to[1 + i] = words[i];
    }
    seL4_MessageInfo_t out = seL4_MessageInfo_new(sender->fault.type, 0, 0, length);
    arch_user_reg_set(&receiver->context, REG_MSGINFO, out.words[0]);
    arch_user_reg_set(&receiver->context, REG_CAP, badge);
}

void ipc_transfer(struct tcb *sender, struct tcb *receiver, word_t badge, bool can_grant,
                  paddr_t endpoint)
{
    if (sender->fault.type != FAULT_NULL) {
        transfer_fault(sender, receiver, badge);
        return;
    }
    seL4_MessageInfo_t info = {{arch_user_reg_get(&sender->context, REG_MSGINFO)}};
    word_t *from = tcb_ipc_buffer(sender, false), *to = tcb_ipc_buffer(receiver, true);
    word_t length = seL4_MessageInfo_get_length(info);
    if (length > seL4_MsgMaxLength)
        length = seL4_MsgMaxLength;
    length = copy_message(sender, receiver, from, to, length);
    word_t extra = 0, unwrapped = 0, count = seL4_MessageInfo_get_extraCaps(info);
    struct cte *caps[seL4_MsgMaxExtraCaps];
    if (can_grant && from && to && count &&
        lookup_extra_caps(sender, (const seL4_IPCBuffer *)from, count, caps))
        extra = transfer_caps(caps, count, receiver, (seL4_IPCBuffer *)to, endpoint, &unwrapped);
    seL4_MessageInfo_t out =
        seL4_MessageInfo_new(seL4_MessageInfo_get_label(info), unwrapped, extra, length);
    arch_user_reg_set(&receiver->context, REG_MSGINFO, out.words[0]);
    arch_user_reg_set(&receiver->context, REG_CAP, badge);
}

void ipc_cancel(struct tcb *tcb)
{
    switch (tcb->state) {
    case THREAD_BLOCKED_ON_SEND:
    case THREAD_BLOCKED_ON_RECEIVE:
        endpoint_cancel(tcb->ipc.blocked_on, tcb);
        break;
    case THREAD_BLOCKED_ON_NOTIFICATION:
        notification_cancel(tcb->ipc.blocked_on, tcb);
        break;
    case THREAD_BLOCKED_ON_REPLY:
        reply_remove_tcb(tcb);
        break;
    default:
        return;
    }
    tcb->fault.type = FAULT_NULL;
    thread_set_state(tcb, THREAD_INACTIVE);
}

void ipc_reorder(struct tcb *tcb)
{
    switch (tcb->state) {
    case THREAD_BLOCKED_ON_SEND:
    case THREAD_BLOCKED_ON_RECEIVE:
        endpoint_reorder(tcb->ipc.blocked_on, tcb);
        break;
    case THREAD_BLOCKED_ON_NOTIFICATION:
        notification_reorder(tcb->ipc.blocked_on, tcb);
        break;
    default:
        break;
    }
}
