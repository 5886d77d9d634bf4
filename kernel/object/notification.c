/* Notifications (sel4-abi.md §12.7): Signal wakes the highest-priority waiter, or a bound
 * thread blocked in Recv, or sets the word; Wait takes the word or blocks; Poll never
 * blocks. The woken thread's badge register gets the badge; nothing else is written. */
#include <api/invocation.h>
#include <core/ipc.h>
#include <core/thread_state.h>
#include <object/notification.h>
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

static void notification_wake(struct tcb *tcb, word_t badge)
{
    arch_user_reg_set(&tcb->context, REG_CAP, badge);
    thread_set_state(tcb, THREAD_RUNNING);
}

void notification_signal(struct notification *ntfn, word_t badge)
{
    struct tcb *waiter = ntfn->waiters.head;
    struct tcb *bound = ntfn->bound_tcb;
    if (waiter) {
        thread_queue_remove(&ntfn->waiters, waiter);
        notification_wake(waiter, badge);
    } else if (ntfn->active) {
        ntfn->word |= badge;
    } else if (bound && bound->state == THREAD_BLOCKED_ON_RECEIVE) {
        ipc_cancel(bound); /* leaves its endpoint, and its reply object */
        notification_wake(bound, badge);
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
    if (ntfn->active || !blocking) {
        arch_user_reg_set(&tcb->context, REG_CAP, notification_poll(ntfn));
        return;
    }
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
    return true;
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
