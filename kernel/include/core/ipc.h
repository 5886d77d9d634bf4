/* Message transfer between two threads and cancelling a thread's IPC: what endpoints,
 * notifications and reply objects share (sel4-abi.md §12.2, §12.3, §12.9). */
#pragma once
#include <object/tcb.h>

/* How a send goes: the invoked capability's badge and rights, and the syscall's kind. */
struct ipc_send {
    word_t badge;
    bool can_grant;
    bool can_grant_reply;
    bool is_call;    /* Call: the sender waits for a reply once the message is received */
    bool blocking;   /* Send and Call wait for a receiver; NBSend and phase-1 sends do not */
    bool can_donate; /* Call and phase-1 sends may give their SC to a receiver without one */
};

/* Deliver `sender`'s message (its msginfo register, MR0-3 and IPC buffer) to `receiver`:
 * label, length, MRs, badge, and with `can_grant` the extra caps; caps to `endpoint` (the
 * object the message travels through; 0 for a reply) are unwrapped into badges. */
void ipc_transfer(struct tcb *sender, struct tcb *receiver, word_t badge, bool can_grant,
                  paddr_t endpoint);
/* Take a blocked thread out of whatever it waits on and make it Inactive; a thread that
 * is not blocked is left as it is (seL4's cancelIPC). */
void ipc_cancel(struct tcb *tcb);
/* `tcb`'s priority changed: keep the queue it waits in ordered (seL4's reorderEP). */
void ipc_reorder(struct tcb *tcb);
