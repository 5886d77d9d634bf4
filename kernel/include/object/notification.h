/* Notifications (sel4-abi.md §12.7): a word of badge bits that Signal ORs in and Wait or Poll
 * takes; threads waiting on one queue by priority; one thread may be bound to it. */
#pragma once
#include <core/thread_queue.h>

struct invocation;
struct syscall_error;

struct notification {
    word_t word;                 /* pending badge bits (meaningful when active) */
    bool active;                 /* signalled and not yet taken: Active, even for badge 0 */
    struct tcb *bound_tcb;       /* the thread bound to it (TCB BindNotification), or NULL */
    struct sched_context *sc;    /* bound by SchedContext_Bind: lent to the threads it wakes */
    struct thread_queue waiters; /* BlockedOnNotification threads: Waiting when not empty */
};
_Static_assert(sizeof(struct notification) <= BIT(seL4_NotificationBits), "fits its object");

static inline struct notification *notification_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* Bind or unbind a thread (each side free / bound to the other). */
void notification_bind(struct notification *ntfn, struct tcb *tcb);
void notification_unbind(struct notification *ntfn);

/* Bind or unbind a scheduling context (SchedContext_Bind, UnbindObject; each side free /
 * bound to the other). */
void notification_bind_sc(struct notification *ntfn, struct sched_context *sc);
void notification_unbind_sc(struct notification *ntfn);

/* Signal with `badge` (seL4's sendSignal). */
void notification_signal(struct notification *ntfn, word_t badge);
/* Take the pending word (0 if none), leaving the notification idle. */
word_t notification_poll(struct notification *ntfn);
/* Wait (blocking) or Poll: the word in the badge register, or block (receiveSignal). */
void notification_wait(struct notification *ntfn, struct tcb *tcb, bool blocking);
/* If `tcb`'s bound notification is active, deliver its word and return true
 * (completeSignal): a Recv on an endpoint then leaves the endpoint alone. */
bool notification_take_bound(struct tcb *tcb);
/* `tcb` is about to block in Recv on an endpoint: it gives back its bound notification's
 * scheduling context if it runs on it (§12.5 r4, maybeReturnSchedContext). */
void notification_return_bound_sc(struct tcb *tcb);
/* Take `tcb`, waiting on `ntfn`, out of its queue. */
void notification_cancel(struct notification *ntfn, struct tcb *tcb);
/* `tcb`, waiting on `ntfn`, changed priority: re-queue it behind its new equals. */
void notification_reorder(struct notification *ntfn, struct tcb *tcb);
/* The last capability to `ntfn` is going: unbind its thread and scheduling context, and every
 * waiter restarts. */
void notification_destroy(struct notification *ntfn);

/* A Send or Call on a notification capability: Signal with its badge (InvalidCapability 0
 * without the write right; a Send then does nothing). */
struct syscall_error notification_decode_signal(struct invocation *inv);
