/*
 * Reply objects (sel4-abi.md §12.4, §12.5): who waits on one, the call stack they form
 * behind a donated scheduling context, and replying. The call stack is a list from the
 * SC's newest reply (sc->call_stack, the head) through `prev` to older ones; a reply is on
 * it exactly when it has `sc` (the head) or `next` set.
 */
#include <api/fault.h>
#include <api/invocation.h>
#include <core/ipc.h>
#include <core/scheduler.h>
#include <core/thread_state.h>
#include <object/reply.h>
#include <object/sched_context.h>

void reply_hold(struct reply *reply, struct tcb *receiver)
{
    reply->tcb = receiver;
    receiver->ipc.reply = reply;
}

void reply_unlink(struct reply *reply)
{
    if (reply->tcb)
        reply->tcb->ipc.reply = 0;
    reply->tcb = 0;
}

void reply_push(struct reply *reply, struct tcb *caller, struct tcb *callee, bool can_donate)
{
    struct sched_context *sc = caller->sc;
    reply_hold(reply, caller);
    thread_set_state(caller, THREAD_BLOCKED_ON_REPLY);
    if (!can_donate || !sc || callee->sc)
        return;
    struct reply *older = sc->call_stack;
    reply->prev = older;
    if (older) {
        older->sc = 0;
        older->next = reply;
    }
    reply->sc = sc;
    sc->call_stack = reply;
    sched_context_donate(sc, callee);
}

/* Take the head `reply` off its SC's call stack; the SC goes back to the caller only if
 * the caller holds none (seL4's reply_pop). */
static void reply_pop(struct reply *reply)
{
    struct sched_context *sc = reply->sc;
    struct tcb *caller = reply->tcb;
    sc->call_stack = reply->prev;
    if (reply->prev) {
        reply->prev->next = 0;
        reply->prev->sc = sc;
    }
    reply->prev = 0;
    reply->sc = 0;
    reply_unlink(reply);
    if (!caller->sc)
        sched_context_donate(sc, caller);
}

/* Cut `reply` out of its call stack: the older and newer calls no longer link to it. */
static void reply_cut(struct reply *reply)
{
    if (reply->sc)
        reply->sc->call_stack = 0;
    if (reply->next)
        reply->next->prev = 0;
    if (reply->prev) {
        reply->prev->next = 0;
        reply->prev->sc = 0;
    }
    reply->prev = reply->next = 0;
    reply->sc = 0;
}

/* The caller waiting on `reply` is answered (or the reply goes): pop a head, cut a
 * non-head out of its stack, and part caller and reply (seL4's reply_remove). */
static void reply_remove(struct reply *reply)
{
    if (reply->sc) {
        reply_pop(reply);
        return;
    }
    reply_cut(reply);
    reply_unlink(reply);
}

void reply_remove_tcb(struct tcb *tcb)
{
    struct reply *reply = tcb->ipc.reply;
    reply_cut(reply);
    reply_unlink(reply);
}

static bool reply_has_caller(const struct reply *reply)
{
    return reply->tcb && reply->tcb->state == THREAD_BLOCKED_ON_REPLY;
}

void reply_send(struct reply *reply, struct tcb *replier, bool can_grant)
{
    if (!reply_has_caller(reply))
        return;
    struct tcb *caller = reply->tcb;
    enum fault_type fault = caller->fault.type;
    reply_remove(reply);
    if (fault != FAULT_NULL) {
        fault_reply(caller, replier);
    } else {
        ipc_transfer(replier, caller, 0, can_grant, 0);
        thread_set_state(caller, THREAD_RUNNING);
    }
    scheduler_after_reply(caller, fault == FAULT_TIMEOUT);
}

void reply_destroy(struct reply *reply)
{
    struct tcb *tcb = reply->tcb;
    if (!tcb)
        return;
    if (tcb->state == THREAD_BLOCKED_ON_REPLY) {
        reply_remove(reply);
        tcb->fault.type = FAULT_NULL;
        thread_set_state(tcb, THREAD_INACTIVE);
    } else {
        ipc_cancel(tcb);
    }
}

struct syscall_error reply_decode(struct invocation *inv)
{
    reply_send(reply_at(cap_object(inv->cap)), inv->thread, cap_reply_can_grant(inv->cap));
    return error_none();
}
