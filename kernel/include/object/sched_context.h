/* Scheduling contexts (MCS): the budget a thread may run for in each period. A thread runs
 * only while bound to one with budget left. Times are microseconds, as in the ABI. */
#pragma once
#include <api/invocation.h>

struct reply;

struct sched_context {
    word_t budget_us;     /* 0: not configured, the bound thread cannot run */
    word_t period_us;     /* 0 with budget: round robin */
    word_t remaining_us;  /* of the current budget */
    word_t consumed_us;   /* since the last SchedContext_Consumed */
    word_t badge;         /* sent in timeout faults */
    word_t flags;
    struct tcb *tcb;      /* the thread running on it (bound, or given it by donation), or NULL */
    struct reply *call_stack; /* the newest reply object of the Call chain it travels, or NULL */
};
_Static_assert(sizeof(struct sched_context) <= BIT(seL4_MinSchedContextBits), "fits");

static inline struct sched_context *sched_context_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* Give `sc` a budget and period, refilled now. */
void sched_context_configure(struct sched_context *sc, word_t budget_us, word_t period_us,
                             word_t badge, word_t flags);
/* Bind `sc` and `tcb` to each other (both free). */
void sched_context_bind_tcb(struct sched_context *sc, struct tcb *tcb);
/* Unbind whatever thread `sc` has. */
void sched_context_unbind_tcb(struct sched_context *sc);
/* SchedContext_Unbind: unbind its thread and leave its call stack (§12.5). */
void sched_context_unbind_all(struct sched_context *sc);
/* The last capability to `sc` is going: its holder keeps its state without it, its call
 * stack loses it, and it is unconfigured (§12.9). */
void sched_context_destroy(struct sched_context *sc);
/* Donation (§12.5): `sc` leaves its thread, if any, and runs `tcb` (which has none). */
void sched_context_donate(struct sched_context *sc, struct tcb *tcb);

/* Decode and perform SchedContext and SchedControl invocations. */
struct syscall_error sched_context_decode(struct invocation *inv);
struct syscall_error sched_control_decode(struct invocation *inv);
