/* Notifications: a word of badge bits that Signal ORs in and Poll takes. (Waiting on one,
 * binding one to a thread and to a scheduling context arrive with the IPC issue.) */
#pragma once
#include <api/invocation.h>

struct notification {
    word_t word;            /* pending badge bits; 0 when idle */
    struct tcb *bound_tcb;  /* the thread bound to it (TCB BindNotification), or NULL */
};
_Static_assert(sizeof(struct notification) <= BIT(seL4_NotificationBits), "fits its object");

static inline struct notification *notification_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* Bind or unbind a thread (each side free / bound to the other). */
void notification_bind(struct notification *ntfn, struct tcb *tcb);
void notification_unbind(struct notification *ntfn);

/* OR `badge` into the notification's word. */
void notification_signal(struct notification *ntfn, word_t badge);
/* Take the pending word (0 if none), leaving the notification idle. */
word_t notification_poll(struct notification *ntfn);

/* A Send or Call on a notification capability: Signal with its badge (InvalidCapability 0
 * without the write right; a Send then does nothing). */
struct syscall_error notification_decode_signal(struct invocation *inv);
