/* Endpoints: the rendezvous of synchronous IPC (sel4-abi.md §12.1-12.5). An endpoint is one
 * queue of threads, all senders or all receivers; its state is that of the queue's head. */
#pragma once
#include <core/ipc.h>
#include <core/thread_queue.h>

struct invocation;
struct reply;
struct syscall_error;

struct endpoint {
    struct thread_queue queue; /* BlockedOnSend or BlockedOnReceive threads, by priority */
};
_Static_assert(sizeof(struct endpoint) <= BIT(seL4_EndpointBits), "fits its object");

static inline struct endpoint *endpoint_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* `sender` sends as `send` says (seL4's sendIPC). */
void endpoint_send(struct endpoint *ep, struct tcb *sender, const struct ipc_send *send);
/* `receiver` receives, with `reply` (or NULL) to answer a Call through; if nothing is
 * pending it blocks, or with !blocking gets badge 0 (seL4's receiveIPC, endpoint half). */
void endpoint_receive(struct endpoint *ep, struct tcb *receiver, struct reply *reply,
                      bool blocking);
/* Take `tcb`, blocked on `ep`, out of its queue (and from its reply object). */
void endpoint_cancel(struct endpoint *ep, struct tcb *tcb);
/* The last capability to `ep` is going: every queued thread restarts (cancelAllIPC). */
void endpoint_destroy(struct endpoint *ep);
/* Senders queued with `badge` restart (CNode_CancelBadgedSends, cancelBadgedSends). */
void endpoint_cancel_badged_sends(struct endpoint *ep, word_t badge);
/* `tcb`, blocked on `ep`, changed priority: re-queue it behind its new equals. */
void endpoint_reorder(struct endpoint *ep, struct tcb *tcb);

/* Send, NBSend or Call on an endpoint capability (§12.1): InvalidCapability 0 without Write
 * (a Send then does nothing, ABI §11 row 1); otherwise the message is sent and the caller's
 * registers are left to the IPC (inv->sent_ipc). */
struct syscall_error endpoint_decode(struct invocation *inv);
