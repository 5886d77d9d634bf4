/* Thread control blocks: a thread's saved user registers, state, and the capability slots
 * it holds (CSpace and VSpace roots, IPC buffer frame, fault and timeout handlers).
 * A TCB object is 2^seL4_TCBBits bytes with struct tcb at its start. */
#pragma once
#include <arch.h>
#include <core/cspace.h>
#include <core/fault_types.h>
#include <sel4/object_type.h>

struct sched_context;
struct notification;
struct reply;

/* The states of sel4-abi.md §12; core/thread.c and the IPC objects make every transition. */
enum thread_state {
    THREAD_INACTIVE,   /* stopped: suspended, faulted with no handler, or never started */
    THREAD_RUNNING,    /* runs on from where it is (after its syscall) */
    THREAD_RESTART,    /* runs, and first redoes the syscall it trapped on (at FaultIP) */
    THREAD_BLOCKED_ON_SEND,         /* queued on ipc.blocked_on, an endpoint */
    THREAD_BLOCKED_ON_RECEIVE,      /* queued on ipc.blocked_on, an endpoint; holds ipc.reply */
    THREAD_BLOCKED_ON_REPLY,        /* a caller waiting on its reply object, ipc.reply */
    THREAD_BLOCKED_ON_NOTIFICATION, /* queued on ipc.blocked_on, a notification */
};

/* What a blocked thread waits on, and what its send carries (seL4's thread state words). */
struct tcb_ipc {
    void *blocked_on;        /* the endpoint or notification whose queue holds the thread */
    struct reply *reply;     /* BlockedOnReceive: the reply object it receives with (or NULL);
                              * BlockedOnReply: the reply object its caller will answer */
    word_t badge;            /* BlockedOnSend: the badge of the capability it sends through */
    bool can_grant;          /* BlockedOnSend: that capability's Grant right */
    bool can_grant_reply;    /* BlockedOnSend: its GrantReply right */
    bool is_call;            /* BlockedOnSend: a Call, which waits for a reply once received */
    struct tcb *queue_next;  /* in the endpoint's or notification's queue (core/thread_queue.c) */
    struct tcb *queue_prev;
};

enum tcb_slot {
    TCB_CTABLE,
    TCB_VTABLE,
    TCB_BUFFER,
    TCB_FAULT_HANDLER,
    TCB_TIMEOUT_HANDLER,
    TCB_SLOT_COUNT,
};

struct tcb {
    struct arch_context context; /* first: the arch's trap entry saves into it */
    enum thread_state state;
    paddr_t vspace_root; /* root table of the VSpace in slots[TCB_VTABLE], cached for switches */
    vaddr_t ipc_buffer;
    word_t priority;
    word_t mcp;
    word_t flags;                  /* seL4_TCBFlag bits (SetFlags) */
    struct sched_context *sc;      /* bound scheduling context: a thread runs only with one */
    struct notification *bound_notification;
    struct tcb *ready_next;        /* in its priority's ready queue (core/scheduler.c) */
    struct tcb *ready_prev;
    bool queued;
    struct tcb *release_next;      /* in the release queue, waiting for its refill */
    struct tcb *release_prev;
    bool in_release_queue;
    struct sched_context *yield_to; /* the context of its pending SchedContext_YieldTo */
    struct tcb_ipc ipc;
    struct fault fault;            /* on its way to the handler, or awaiting its reply */
    char name[16];
    struct cte slots[TCB_SLOT_COUNT];
};
_Static_assert(sizeof(struct tcb) <= BIT(seL4_TCBBits), "struct tcb fits its object");

/* The TCB at physical address `paddr` (a thread capability's object). */
static inline struct tcb *tcb_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* The thread's IPC buffer as the kernel sees it (through the frame capability in its buffer
 * slot, never the user's pointer), or NULL if it has none (or, `writing`, none the thread may
 * write). */
word_t *tcb_ipc_buffer(const struct tcb *tcb, bool writing);
/* Stop a thread: it runs no more until resumed. */
void tcb_suspend(struct tcb *tcb);
/* The last capability to `tcb` is gone: stop it and let go of its scheduling context. */
void tcb_destroy(struct tcb *tcb);

struct invocation;
struct syscall_error;
/* Decode and perform an invocation of a thread capability. */
struct syscall_error tcb_decode(struct invocation *inv);
