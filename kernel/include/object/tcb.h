/* Thread control blocks: a thread's saved user registers, state, and the capability slots
 * it holds (CSpace and VSpace roots, IPC buffer frame, fault and timeout handlers).
 * A TCB object is 2^seL4_TCBBits bytes with struct tcb at its start. */
#pragma once
#include <arch.h>
#include <core/cspace.h>
#include <sel4/object_type.h>

struct sched_context;
struct notification;

enum thread_state {
    THREAD_INACTIVE, /* stopped: suspended, faulted with no handler, or never started */
    THREAD_RUNNING,
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
