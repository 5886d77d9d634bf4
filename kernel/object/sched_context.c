/*
 * Scheduling contexts: configuring one (from sched_control.c), binding it to a thread, and
 * its invocations Bind, Unbind, UnbindObject, Consumed and YieldTo. Binding a context to a
 * thread that is ready lets it run; unbinding stops it.
 */
#include <api/invocation.h>
#include <core/refill.h>
#include <core/scheduler.h>
#include <core/thread_state.h>
#include <object/notification.h>
#include <object/reply.h>
#include <object/sched_context.h>
#include <sel4/invocation_labels.h>
#include <sel4/message_info.h>

/* The new refills (§12.5 r6): round robin for budget == period; a context whose thread may be
 * running keeps its head (refill_update); any other starts afresh (refill_new). */
static void sched_context_set_refills(struct sched_context *sc, ticks_t budget, ticks_t period,
                                      word_t max_refills, bool round_robin)
{
    ticks_t now = scheduler_now();
    bool runnable = sc->tcb && (sc->tcb->state == THREAD_RUNNING ||
                                sc->tcb->state == THREAD_RESTART);
    if (round_robin)
        refill_new(sc, MIN_REFILLS, budget, 0, now);
    else if (sc->refill_max && runnable)
        refill_update(sc, max_refills, budget, period, now);
    else
        refill_new(sc, max_refills, budget, period, now);
}

void sched_context_configure(struct sched_context *sc, word_t budget_us, word_t period_us,
                             word_t extra_refills, word_t badge, word_t flags)
{
    struct tcb *tcb = sc->tcb;
    scheduler_commit_if_running(sc);
    if (tcb)
        scheduler_remove(tcb);
    sched_context_set_refills(sc, time_us_to_ticks(budget_us), time_us_to_ticks(period_us),
                              extra_refills + MIN_REFILLS, budget_us == period_us);
    sc->badge = badge;
    sc->flags = (uint32_t)(flags & SC_FLAG_SPORADIC);
    if (tcb)
        scheduler_update(tcb);
}

word_t sched_context_take_consumed(struct sched_context *sc)
{
    word_t us = time_ticks_to_us(sc->consumed);
    sc->consumed = 0;
    return us;
}

void sched_context_bind_tcb(struct sched_context *sc, struct tcb *tcb)
{
    sc->tcb = tcb;
    tcb->sc = sc;
    scheduler_update(tcb);
}

void sched_context_unbind_tcb(struct sched_context *sc)
{
    struct tcb *tcb = sc->tcb;
    if (!tcb)
        return;
    scheduler_remove(tcb);
    tcb->sc = 0;
    sc->tcb = 0;
}

/* The SC no longer heads its call stack: a caller replied to later gets no SC back. */
static void sched_context_unlink_call_stack(struct sched_context *sc)
{
    if (sc->call_stack)
        sc->call_stack->sc = 0;
    sc->call_stack = 0;
}

void sched_context_unbind_all(struct sched_context *sc)
{
    sched_context_unbind_tcb(sc);
    if (sc->notification)
        notification_unbind_sc(sc->notification);
    sched_context_unlink_call_stack(sc);
}

void sched_context_cancel_yield_to(struct tcb *yielder)
{
    if (!yielder->yield_to)
        return;
    yielder->yield_to->yield_from = 0;
    yielder->yield_to = 0;
}

void sched_context_complete_yield_to(struct tcb *yielder)
{
    struct sched_context *sc = yielder->yield_to;
    if (!sc)
        return;
    seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, 1);
    arch_user_reg_set(&yielder->context, REG_MR0, sched_context_take_consumed(sc));
    arch_user_reg_set(&yielder->context, REG_CAP, 0);
    arch_user_reg_set(&yielder->context, REG_MSGINFO, info.words[0]);
    sched_context_cancel_yield_to(yielder);
}

void sched_context_destroy(struct sched_context *sc)
{
    if (sc->yield_from)
        sched_context_complete_yield_to(sc->yield_from);
    sched_context_unbind_all(sc);
    scheduler_forget_if_running(sc);
    sc->refill_max = 0;
}

void sched_context_donate(struct sched_context *sc, struct tcb *tcb)
{
    sched_context_unbind_tcb(sc);
    sched_context_bind_tcb(sc, tcb);
}

/* Configured, and its head refill due now (seL4's sc_released). */
static bool sched_context_released(struct sched_context *sc)
{
    return sc->refill_max && refill_ready(sc, scheduler_now());
}

/* SchedContext_Bind of a thread (§12.5): both free, and a blocked thread only to a context
 * it could run on at once. */
static struct syscall_error sched_context_decode_bind_tcb(struct sched_context *sc,
                                                          struct tcb *tcb)
{
    if (sc->tcb || tcb->sc)
        return error_plain(seL4_IllegalOperation);
    if (thread_is_blocked(tcb) && !sched_context_released(sc))
        return error_plain(seL4_IllegalOperation);
    sched_context_bind_tcb(sc, tcb);
    scheduler_enqueue_at_head(tcb); /* schedContext_bindTCB */
    return error_none();
}

/* SchedContext_Bind of a notification: both free (schedContext_bindNtfn). */
static struct syscall_error sched_context_decode_bind_notification(struct sched_context *sc,
                                                                   struct notification *ntfn)
{
    if (sc->notification || ntfn->sc)
        return error_plain(seL4_IllegalOperation);
    notification_bind_sc(ntfn, sc);
    return error_none();
}

static struct syscall_error sched_context_decode_bind(struct invocation *inv,
                                                      struct sched_context *sc)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cap cap = inv->extra[0]->cap;
    switch (cap_type(cap)) {
    case CAP_THREAD:
        return sched_context_decode_bind_tcb(sc, tcb_at(cap_object(cap)));
    case CAP_NOTIFICATION:
        return sched_context_decode_bind_notification(sc, notification_at(cap_object(cap)));
    default:
        return error_invalid_capability(1);
    }
}

/* SchedContext_UnbindObject: the thread now running on the context, but not the caller
 * (it could not run to see the reply), or the bound notification. */
static struct syscall_error sched_context_decode_unbind_object(struct invocation *inv,
                                                               struct sched_context *sc)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct cap cap = inv->extra[0]->cap;
    switch (cap_type(cap)) {
    case CAP_THREAD:
        if (sc->tcb != tcb_at(cap_object(cap)) || sc->tcb == inv->thread)
            return error_plain(seL4_IllegalOperation);
        sched_context_unbind_tcb(sc);
        return error_none();
    case CAP_NOTIFICATION:
        if (sc->notification != notification_at(cap_object(cap)))
            return error_plain(seL4_IllegalOperation);
        notification_unbind_sc(sc->notification);
        return error_none();
    default:
        return error_invalid_capability(1);
    }
}

/* SchedContext_Unbind: everything, unless the caller runs on it. */
static struct syscall_error sched_context_decode_unbind(struct invocation *inv,
                                                        struct sched_context *sc)
{
    if (sc->tcb == inv->thread)
        return error_plain(seL4_IllegalOperation);
    sched_context_unbind_all(sc);
    return error_none();
}

static struct syscall_error sched_context_decode_consumed(struct invocation *inv,
                                                         struct sched_context *sc)
{
    invocation_set_result(inv, 0, sched_context_take_consumed(sc));
    invocation_reply_length(inv, 1);
    return error_none();
}

/* SchedContext_YieldTo (sel4-abi.md §12.5): an earlier yielder to `sc` gets its reply; a
 * schedulable target of lower priority than the caller goes to the head of its queue and the
 * caller has Consumed at once; one of higher or equal priority runs first, from the head of
 * its queue, and the caller, behind it if they are equals, has Consumed when it next runs
 * (then even after a Send). Until then a Call has the empty success reply, as seL4 writes
 * for a caller it leaves in Restart: what a yielder suspended meanwhile resumes with. */
static struct syscall_error sched_context_decode_yield_to(struct invocation *inv,
                                                          struct sched_context *sc)
{
    struct tcb *caller = inv->thread, *target = sc->tcb;
    if (!target || target == caller || target->priority > caller->mcp || caller->yield_to)
        return error_plain(seL4_IllegalOperation);
    if (sc->yield_from)
        sched_context_complete_yield_to(sc->yield_from);
    bool runs_first = target->queued && target->priority >= caller->priority;
    if (target->queued)
        scheduler_move_to_head(target);
    if (!runs_first)
        return sched_context_decode_consumed(inv, sc);
    caller->yield_to = sc;
    sc->yield_from = caller;
    return error_none();
}

struct syscall_error sched_context_decode(struct invocation *inv)
{
    struct sched_context *sc = sched_context_at(cap_object(inv->cap));
    switch (inv->label) {
    case SchedContextBind:
        return sched_context_decode_bind(inv, sc);
    case SchedContextUnbind:
        return sched_context_decode_unbind(inv, sc);
    case SchedContextUnbindObject:
        return sched_context_decode_unbind_object(inv, sc);
    case SchedContextConsumed:
        return sched_context_decode_consumed(inv, sc);
    case SchedContextYieldTo:
        return sched_context_decode_yield_to(inv, sc);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}
