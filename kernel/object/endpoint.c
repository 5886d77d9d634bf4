/*
 * Endpoints (sel4-abi.md §12): send, receive, and cancelling threads queued on one. Each
 * function follows the rule it names in §12; every state change of a thread goes through
 * thread_set_state, so the ready queues follow.
 */
#include <api/invocation.h>
#include <core/thread_state.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/reply.h>
#include <object/sched_context.h>

/* The head of the queue if the endpoint holds threads in `state`, else NULL. */
static struct tcb *endpoint_first(struct endpoint *ep, enum thread_state state)
{
    struct tcb *head = ep->queue.head;
    return head && head->state == state ? head : 0;
}

static paddr_t endpoint_paddr(struct endpoint *ep)
{
    return arch_virt_to_phys(ep);
}

static void endpoint_block(struct endpoint *ep, struct tcb *tcb, enum thread_state state)
{
    tcb->ipc.blocked_on = ep;
    thread_set_state(tcb, state);
    thread_queue_insert(&ep->queue, tcb);
}

/* A Call (or fault) was received: the caller waits on the receiver's reply object if it
 * gave one and the caller's cap lets a reply come back (Grant or GrantReply); otherwise
 * the caller becomes Inactive (§12.4 r2). */
static void endpoint_complete_call(struct tcb *caller, struct tcb *receiver,
                                   struct reply *reply, bool may_reply, bool can_donate)
{
    if (reply && may_reply)
        reply_push(reply, caller, receiver, can_donate);
    else
        thread_set_state(caller, THREAD_INACTIVE);
}

void endpoint_send(struct endpoint *ep, struct tcb *sender, const struct ipc_send *send)
{
    struct tcb *receiver = endpoint_first(ep, THREAD_BLOCKED_ON_RECEIVE);
    if (!receiver) {
        if (!send->blocking)
            return; /* NBSend with no receiver waiting: the message is dropped */
        sender->ipc.badge = send->badge;
        sender->ipc.can_grant = send->can_grant;
        sender->ipc.can_grant_reply = send->can_grant_reply;
        sender->ipc.is_call = send->is_call;
        endpoint_block(ep, sender, THREAD_BLOCKED_ON_SEND);
        return;
    }
    thread_queue_remove(&ep->queue, receiver);
    ipc_transfer(sender, receiver, send->badge, send->can_grant, endpoint_paddr(ep));
    struct reply *reply = receiver->ipc.reply;
    if (reply)
        reply_unlink(reply);
    if (send->is_call)
        endpoint_complete_call(sender, receiver, reply,
                               send->can_grant || send->can_grant_reply, send->can_donate);
    else if (send->can_donate && !receiver->sc && sender->sc)
        sched_context_donate(sender->sc, receiver); /* phase-1 send, §12.5 r2 */
    thread_set_state(receiver, THREAD_RUNNING);
}

void endpoint_receive(struct endpoint *ep, struct tcb *receiver, struct reply *reply,
                      bool blocking)
{
    if (reply && reply->tcb && reply->tcb != receiver)
        ipc_cancel(reply->tcb); /* the reply object is taken from its old holder, §12.4 r1 */
    if (notification_take_bound(receiver))
        return; /* an active bound notification: the badge only, §12.7 r3 */
    if (blocking)
        notification_return_bound_sc(receiver); /* before the endpoint is examined, §12.5 r4 */
    struct tcb *sender = endpoint_first(ep, THREAD_BLOCKED_ON_SEND);
    if (!sender) {
        if (blocking) {
            if (reply)
                reply_hold(reply, receiver);
            endpoint_block(ep, receiver, THREAD_BLOCKED_ON_RECEIVE);
        } else {
            arch_user_reg_set(&receiver->context, REG_CAP, 0); /* doNBRecvFailedTransfer */
        }
        return;
    }
    thread_queue_remove(&ep->queue, sender);
    ipc_transfer(sender, receiver, sender->ipc.badge, sender->ipc.can_grant,
                 endpoint_paddr(ep));
    if (sender->ipc.is_call)
        endpoint_complete_call(sender, receiver, reply,
                               sender->ipc.can_grant || sender->ipc.can_grant_reply,
                               sender->fault.type != FAULT_TIMEOUT);
    else
        thread_set_state(sender, THREAD_RUNNING);
}

void endpoint_cancel(struct endpoint *ep, struct tcb *tcb)
{
    thread_queue_remove(&ep->queue, tcb);
    if (tcb->state == THREAD_BLOCKED_ON_RECEIVE && tcb->ipc.reply)
        reply_unlink(tcb->ipc.reply);
}

/* Dequeue a thread and let it redo its syscall against its CSpace as it is now; a thread
 * sending a fault becomes Inactive instead (seL4's restart_thread_if_no_fault). */
static void endpoint_restart(struct endpoint *ep, struct tcb *tcb)
{
    endpoint_cancel(ep, tcb);
    thread_set_state(tcb, tcb->fault.type == FAULT_NULL ? THREAD_RESTART : THREAD_INACTIVE);
}

void endpoint_destroy(struct endpoint *ep)
{
    while (ep->queue.head)
        endpoint_restart(ep, ep->queue.head);
}

void endpoint_cancel_badged_sends(struct endpoint *ep, word_t badge)
{
    struct tcb *tcb = endpoint_first(ep, THREAD_BLOCKED_ON_SEND);
    while (tcb) {
        struct tcb *next = tcb->ipc.queue_next;
        if (tcb->ipc.badge == badge)
            endpoint_restart(ep, tcb);
        tcb = next;
    }
}

void endpoint_reorder(struct endpoint *ep, struct tcb *tcb)
{
    thread_queue_remove(&ep->queue, tcb);
    thread_queue_insert(&ep->queue, tcb);
}

struct syscall_error endpoint_decode(struct invocation *inv)
{
    word_t rights = cap_rights(inv->cap);
    if (!(rights & CAP_RIGHT_WRITE))
        return error_invalid_capability(0);
    struct ipc_send send = {
        .badge = cap_badge(inv->cap),
        .can_grant = rights & CAP_RIGHT_GRANT,
        .can_grant_reply = rights & CAP_RIGHT_GRANT_REPLY,
        .is_call = inv->is_call,
        .blocking = inv->is_blocking,
        .can_donate = inv->can_donate,
    };
    inv->sent_ipc = true;
    endpoint_send(endpoint_at(cap_object(inv->cap)), inv->thread, &send);
    return error_none();
}
