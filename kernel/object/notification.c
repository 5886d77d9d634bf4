/* Notifications: Signal ORs the capability's badge into the word; Poll returns and clears
 * it. Both are O(1) and never block. */
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

void notification_signal(struct notification *ntfn, word_t badge)
{
    ntfn->word |= badge;
}

word_t notification_poll(struct notification *ntfn)
{
    word_t word = ntfn->word;
    ntfn->word = 0;
    return word;
}

struct syscall_error notification_decode_signal(struct invocation *inv)
{
    if (!(cap_rights(inv->cap) & CAP_RIGHT_WRITE))
        return error_invalid_capability(0);
    notification_signal(notification_at(cap_object(inv->cap)), cap_badge(inv->cap));
    return error_none();
}
