/* Reply objects (MCS, sel4-abi.md §12.4): the rendezvous through which a callee answers a
 * Call, and the links of the call stack a donated scheduling context travels (§12.5). */
#pragma once
#include <arch.h>
#include <sel4/object_type.h>

struct invocation;
struct syscall_error;

struct reply {
    struct tcb *tcb;          /* the caller BlockedOnReply on it, or the receiver blocked in
                               * Recv that holds it; NULL when it is free */
    struct reply *prev;       /* call stack: the reply of the older Call on the same SC */
    struct reply *next;       /* call stack: the reply of the newer Call; NULL at the head */
    struct sched_context *sc; /* at the head of a call stack: the SC it belongs to */
};
_Static_assert(sizeof(struct reply) <= BIT(seL4_ReplyBits), "fits its object");

static inline struct reply *reply_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* A receiver blocking in Recv holds `reply` until a message arrives. */
void reply_hold(struct reply *reply, struct tcb *receiver);
/* The receiver got its message: it and `reply` part (seL4's reply_unlink). */
void reply_unlink(struct reply *reply);
/* A Call (or fault) was delivered to `callee`: `caller` waits on `reply` for the answer, and
 * if `can_donate` and `callee` has no SC, the caller's SC moves to the callee and `reply`
 * becomes the head of that SC's call stack (seL4's reply_push). */
void reply_push(struct reply *reply, struct tcb *caller, struct tcb *callee, bool can_donate);
/* Reply through `reply` with `replier`'s message; nothing if no caller waits on it
 * (seL4's doReplyTransfer). Caps travel only if `can_grant`. */
void reply_send(struct reply *reply, struct tcb *replier, bool can_grant);
/* The caller BlockedOnReply `tcb` is cancelled: it leaves its reply object and the call
 * stack is cut on both sides; a donated SC stays where it is (seL4's reply_remove_tcb). */
void reply_remove_tcb(struct tcb *tcb);
/* The last capability to `reply` is going (§12.4 r6). */
void reply_destroy(struct reply *reply);

/* Send, NBSend or Call on a reply capability: reply (§12.4 r3). */
struct syscall_error reply_decode(struct invocation *inv);
