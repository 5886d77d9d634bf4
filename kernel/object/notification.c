/* Notifications (sel4-abi.md §12.7): Signal wakes the highest-priority waiter, or a bound
 * thread blocked in Recv, or sets the word; Wait takes the word or blocks; Poll never
 * blocks. The woken thread's badge register gets the badge; nothing else is written. A
 * scheduling context bound to a notification is lent to the SC-less threads it wakes and
 * comes back when they wait on it again (§12.5 r4). */
#include <api/invocation.h>
#include <core/ipc.h>
#include <core/thread_state.h>
#include <object/notification.h>
#include <object/sched_context.h>
#include <object/tcb.h>

void notification_bind(struct notification *ntfn, struct tcb *tcb)
{
    ntfn->bound_tcb = tcb;
    tcb->bound_notification = ntfn;
}

void notification_unbind(struct notification *ntfn)
{
    if (ntfn->bound_tcb)
        ntfn->bound_tcb->bound_notification = 0;
    ntfn->bound_tcb = 0;
}

void notification_bind_sc(struct notification *ntfn, struct sched_context *sc)
{
    ntfn->sc = sc;
    sc->notification = ntfn;
}

void notification_unbind_sc(struct notification *ntfn)
{
    if (ntfn->sc)
        ntfn->sc->notification = 0;
    ntfn->sc = 0;
}

/* `tcb`, without a scheduling context, gets `ntfn`'s if no thread holds it
 * (maybeDonateSchedContext); binding puts it in the ready or release queue to match. */
static void notification_donate_sc(struct notification *ntfn, struct tcb *tcb)
{
    if (!tcb->sc && ntfn->sc && !ntfn->sc->tcb)
        sched_context_bind_tcb(ntfn->sc, tcb);
}

/* `tcb` is about to wait: if it runs on `ntfn`'s scheduling context, it gives it back
 * (maybeReturnSchedContext). */
static void notification_return_sc(struct notification *ntfn, struct tcb *tcb)
{
    if (ntfn->sc && tcb->sc == ntfn->sc)
        sched_context_unbind_tcb(ntfn->sc);
}

static void notification_wake(struct notification *ntfn, struct tcb *tcb, word_t badge)
{
    arch_user_reg_set(&tcb->context, REG_CAP, badge);
    notification_donate_sc(ntfn, tcb);
    thread_set_state(tcb, THREAD_RUNNING);
}

void notification_signal(struct notification *ntfn, word_t badge)
{
    struct tcb *waiter = ntfn->waiters.head;
    struct tcb *bound = ntfn->bound_tcb;
    if (waiter) {
        thread_queue_remove(&ntfn->waiters, waiter);
        notification_wake(ntfn, waiter, badge);
    } else if (ntfn->active) {
        ntfn->word |= badge;
    } else if (bound && bound->state == THREAD_BLOCKED_ON_RECEIVE) {
        ipc_cancel(bound); /* leaves its endpoint, and its reply object */
        notification_wake(ntfn, bound, badge);
    } else {
        ntfn->word = badge;
        ntfn->active = true;
    }
}

word_t notification_poll(struct notification *ntfn)
{
    word_t word = ntfn->active ? ntfn->word : 0;
    ntfn->word = 0;
    ntfn->active = false;
    return word;
}

void notification_wait(struct notification *ntfn, struct tcb *tcb, bool blocking)
{
    if (ntfn->active) {
        arch_user_reg_set(&tcb->context, REG_CAP, notification_poll(ntfn));
        notification_donate_sc(ntfn, tcb);
        return;
    }
    if (!blocking) {
        arch_user_reg_set(&tcb->context, REG_CAP, 0);
        return;
    }
    notification_return_sc(ntfn, tcb);
    tcb->ipc.blocked_on = ntfn;
    thread_set_state(tcb, THREAD_BLOCKED_ON_NOTIFICATION);
    thread_queue_insert(&ntfn->waiters, tcb);
}

bool notification_take_bound(struct tcb *tcb)
{
    struct notification *ntfn = tcb->bound_notification;
    if (!ntfn || !ntfn->active)
        return false;
    arch_user_reg_set(&tcb->context, REG_CAP, notification_poll(ntfn));
    notification_donate_sc(ntfn, tcb);
    return true;
}

void notification_return_bound_sc(struct tcb *tcb)
{
    if (tcb->bound_notification)
        notification_return_sc(tcb->bound_notification, tcb);
}

void notification_cancel(struct notification *ntfn, struct tcb *tcb)
{
    thread_queue_remove(&ntfn->waiters, tcb);
}

void notification_reorder(struct notification *ntfn, struct tcb *tcb)
{
    thread_queue_remove(&ntfn->waiters, tcb);
    thread_queue_insert(&ntfn->waiters, tcb);
}

void notification_destroy(struct notification *ntfn)
{
    notification_unbind_sc(ntfn);
    notification_unbind(ntfn);
    while (ntfn->waiters.head) {
        struct tcb *tcb = ntfn->waiters.head;
        thread_queue_remove(&ntfn->waiters, tcb);
        thread_set_state(tcb, THREAD_RESTART);
    }
}

struct syscall_error notification_decode_signal(struct invocation *inv)
{
    if (!(cap_rights(inv->cap) & CAP_RIGHT_WRITE))
        return error_invalid_capability(0);
    notification_signal(notification_at(cap_object(inv->cap)), cap_badge(inv->cap));
    return error_none();
}
