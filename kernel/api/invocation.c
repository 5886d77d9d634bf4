/*
 * Invoking a capability: look it up and its extra capabilities, read the message, hand it to
 * the object's decoder, and write the reply (results, or the error with its detail words) back
 * to the caller's registers and IPC buffer as the ABI lays them out (§2, §3.6).
 */
#include <api/invocation.h>
#include <arch.h>
#include <object/asid_pool.h>
#include <object/cnode.h>
#include <object/domain.h>
#include <object/endpoint.h>
#include <object/frame.h>
#include <object/irq.h>
#include <object/notification.h>
#include <object/reply.h>
#include <object/sched_context.h>
#include <object/tcb.h>
#include <object/untyped.h>
#include <sel4/ipc_buffer.h>

static const enum user_reg message_regs[] = {REG_MR0, REG_MR1, REG_MR2, REG_MR3};
#define MESSAGE_REGS ARRAY_SIZE(message_regs)

struct syscall_error error_failed_lookup(bool source, const struct lookup_fault *fault)
{
    struct syscall_error error = {seL4_FailedLookup, 2, {source, fault->type}};
    switch (fault->type) {
    case LOOKUP_MISSING_CAPABILITY:
        error.words[2] = fault->bits_left;
        error.count = 3;
        break;
    case LOOKUP_DEPTH_MISMATCH:
        error.words[2] = fault->bits_left;
        error.words[3] = fault->bits_found;
        error.count = 4;
        break;
    case LOOKUP_GUARD_MISMATCH:
        error.words[2] = fault->bits_left;
        error.words[3] = fault->guard_found;
        error.words[4] = fault->bits_found;
        error.count = 5;
        break;
    default:
        break;
    }
    return error;
}

void invocation_set_result(struct invocation *inv, word_t i, word_t value)
{
    if (!inv->is_call)
        return;
    if (i < MESSAGE_REGS)
        arch_user_reg_set(&inv->thread->context, message_regs[i], value);
    else if (inv->reply_buffer)
        inv->reply_buffer[1 + i] = value;
}

void invocation_reply_length(struct invocation *inv, word_t length)
{
    inv->reply_length = length;
}

/* The reply's message info: `label`, and `length` words (at most 4 without a buffer). */
static void reply_message_info(struct invocation *inv, word_t label, word_t length)
{
    if (!inv->reply_buffer && length > MESSAGE_REGS)
        length = MESSAGE_REGS;
    seL4_MessageInfo_t info = seL4_MessageInfo_new(label, 0, 0, length);
    arch_user_reg_set(&inv->thread->context, REG_MSGINFO, info.words[0]);
}

struct cte *invocation_lookup_slot(struct cap root, cptr_t cptr, word_t depth, bool source,
                                   struct syscall_error *error)
{
    if (cap_type(root) != CAP_CNODE) {
        struct lookup_fault invalid_root = lookup_fault_invalid_root();
        *error = error_failed_lookup(source, &invalid_root);
        return 0;
    }
    if (depth < 1 || depth > seL4_WordBits) {
        *error = error_range(1, seL4_WordBits);
        return 0;
    }
    struct lookup_fault fault;
    struct cte *slot = cspace_lookup_slot(root, cptr, depth, &fault);
    if (!slot)
        *error = error_failed_lookup(source, &fault);
    return slot;
}

struct cte *invocation_lookup_empty_slot(struct cap root, cptr_t cptr, word_t depth,
                                         struct syscall_error *error)
{
    struct cte *slot = invocation_lookup_slot(root, cptr, depth, false, error);
    if (!slot)
        return NULL;
    if (!cap_is_null(slot->cap)) {
        *error = error_plain(seL4_DeleteFirst);
        return NULL;
    }
    *error = error_none();
    return slot;
}

static struct cte *lookup_cap(struct tcb *thread, cptr_t cptr, struct lookup_fault *fault)
{
    word_t bits_left;
    return cspace_resolve(thread->slots[TCB_CTABLE].cap, cptr, seL4_WordBits, &bits_left,
                          fault);
}

bool invocation_read(struct invocation *inv, struct tcb *thread, struct lookup_fault *fault,
                     cptr_t *failed)
{
    return invocation_read_cap(inv, thread, arch_user_reg_get(&thread->context, REG_CAP), fault,
                               failed);
}

bool invocation_read_cap(struct invocation *inv, struct tcb *thread, cptr_t cptr,
                         struct lookup_fault *fault, cptr_t *failed)
{
    seL4_MessageInfo_t info = {{arch_user_reg_get(&thread->context, REG_MSGINFO)}};
    /* Field by field: the slot, the cap and the extra slots are written before they are
     * read, and zeroing the whole struct cost more than the lookup. */
    inv->thread = thread;
    inv->label = seL4_MessageInfo_get_label(info);
    inv->extra_caps = 0;
    inv->is_call = false;
    inv->is_blocking = false;
    inv->can_donate = false;
    inv->sent_ipc = false;
    inv->reply_length = 0;
    inv->buffer = tcb_ipc_buffer(thread, false);
    inv->reply_buffer = tcb_ipc_buffer(thread, true);
    inv->length = seL4_MessageInfo_get_length(info);
    if (inv->length > (inv->buffer ? seL4_MsgMaxLength : MESSAGE_REGS))
        inv->length = inv->buffer ? seL4_MsgMaxLength : MESSAGE_REGS;
    *failed = cptr;
    if (!(inv->slot = lookup_cap(thread, *failed, fault)))
        return false;
    inv->cap = inv->slot->cap;
    word_t extra = inv->buffer ? seL4_MessageInfo_get_extraCaps(info) : 0;
    for (; inv->extra_caps < extra; inv->extra_caps++) {
        *failed = ((seL4_IPCBuffer *)inv->buffer)->caps_or_badges[inv->extra_caps];
        if (!(inv->extra[inv->extra_caps] = lookup_cap(thread, *failed, fault)))
            return false;
    }
    return true;
}

/* The error reply: label = error, detail words as results. */
static void reply_error(struct invocation *inv, struct syscall_error error)
{
    for (word_t i = 0; i < error.count; i++)
        invocation_set_result(inv, i, error.words[i]);
    reply_message_info(inv, error.type, error.count);
}

static struct syscall_error decode(struct invocation *inv)
{
    switch (cap_type(inv->cap)) {
    case CAP_NULL:
        return error_invalid_capability(0);
    case CAP_UNTYPED:
        return untyped_decode(inv);
    case CAP_CNODE:
        return cnode_decode(inv);
    case CAP_THREAD:
        return tcb_decode(inv);
    case CAP_SCHED_CONTEXT:
        return sched_context_decode(inv);
    case CAP_SCHED_CONTROL:
        return sched_control_decode(inv);
    case CAP_NOTIFICATION:
        return notification_decode_signal(inv);
    case CAP_ENDPOINT:
        return endpoint_decode(inv);
    case CAP_REPLY:
        return reply_decode(inv);
    case CAP_IRQ_CONTROL:
        return irq_control_decode(inv);
    case CAP_IRQ_HANDLER:
        return irq_handler_decode(inv);
    case CAP_DOMAIN:
        return domain_decode(inv);
    case CAP_FRAME:
        return frame_decode(inv);
    case CAP_ASID_CONTROL:
        return asid_control_decode(inv);
    case CAP_ASID_POOL:
        return asid_pool_decode(inv);
    default:
        if (cap_is_arch(inv->cap))
            return arch_decode_invocation(inv);
        return error_plain(seL4_IllegalOperation);
    }
}

/* Decode and perform; for a Call, the reply goes back in the caller's registers (label 0
 * and the decoder's result length, or the error), with badge 0 (replyFromKernel_*). The
 * message info register is written last: an IPC send reads it. */
void invocation_perform(struct invocation *inv, bool is_call)
{
    inv->is_call = is_call;
    struct syscall_error error = decode(inv);
    if (!is_call || inv->sent_ipc)
        return;
    if (!error_is_none(error))
        reply_error(inv, error);
    else
        reply_message_info(inv, 0, inv->reply_length);
    arch_user_reg_set(&inv->thread->context, REG_CAP, 0);
}
