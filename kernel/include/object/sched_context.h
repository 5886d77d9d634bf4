/* Scheduling contexts (MCS): the budget a thread may run for in each period, kept as a queue
 * of refills (core/refill.c) in the object after this header. A thread runs only while bound
 * to a configured one whose head refill is due. Times are counter ticks (core/time.h); the
 * ABI's microseconds are converted at Configure, Consumed and in Timeout faults. */
#pragma once
#include <arch.h>
#include <core/time.h>
#include <sel4/object_type.h>

struct invocation;
struct reply;
struct notification;
struct syscall_error;

/* The kernel's worst-case path, seL4's getKernelWcetUs: 10 µs on all three boards (pc99's and
 * riscv's timer.h, qemu-arm-virt's KERNEL_WCET), with KernelWCETScale 1. */
#define KERNEL_WCET_US 10ul
#define MIN_BUDGET_US (2ul * KERNEL_WCET_US) /* two kernel worst-case paths, as in seL4 */
#define MAX_PERIOD_US (3600ul * 1000000ul) /* one hour */
#define SC_HEADER_BYTES 96ul               /* struct sched_context; refills follow it */
#define REFILL_BYTES 16ul
#define MIN_REFILLS 2ul                    /* every configured context has room for two */
#define SC_FLAG_SPORADIC 1ul               /* ConfigureFlags bit 0: sporadic unblock check */

struct refill {
    ticks_t release; /* when the amount may be used */
    ticks_t amount;
};
_Static_assert(sizeof(struct refill) == REFILL_BYTES, "the ABI's refill size");

struct sched_context {
    ticks_t budget;
    ticks_t period;            /* 0: round robin (budget == period at Configure) */
    ticks_t consumed;          /* charged since the last SchedContext_Consumed */
    word_t badge;              /* sent in timeout faults */
    struct tcb *tcb;           /* the thread running on it (bound, or given it by donation), or NULL */
    struct reply *call_stack;  /* the newest reply object of the Call chain it travels, or NULL */
    struct notification *notification; /* bound by SchedContext_Bind, or NULL */
    struct tcb *yield_from;    /* the thread whose SchedContext_YieldTo it completes, or NULL */
    uint32_t refill_max;       /* room in the refill queue; 0: not configured, cannot run */
    uint32_t refill_head;      /* index of the head refill */
    uint32_t refill_count;     /* refills in the queue, from the head, wrapping at refill_max */
    uint32_t flags;            /* SC_FLAG_SPORADIC */
};
_Static_assert(sizeof(struct sched_context) <= SC_HEADER_BYTES, "refills start after it");
_Static_assert(SC_HEADER_BYTES + MIN_REFILLS * REFILL_BYTES <= BIT(seL4_MinSchedContextBits),
               "the smallest context holds two refills");

static inline struct sched_context *sched_context_at(paddr_t paddr)
{
    return arch_phys_to_virt(paddr);
}

/* The refill queue, in the object after the header. */
static inline struct refill *sched_context_refills(struct sched_context *sc)
{
    return (struct refill *)((char *)sc + SC_HEADER_BYTES);
}

/* How many refills a context of 2^size_bits bytes holds. */
static inline word_t sched_context_refills_fit(word_t size_bits)
{
    return (BIT(size_bits) - SC_HEADER_BYTES) / REFILL_BYTES;
}

static inline bool sched_context_is_round_robin(const struct sched_context *sc)
{
    return sc->period == 0;
}

/* Give `sc` a budget and period (microseconds, checked by the caller; equal: round robin)
 * with room for `extra_refills` more refills than the minimum (sel4-abi.md §12.5 r6). */
void sched_context_configure(struct sched_context *sc, word_t budget_us, word_t period_us,
                             word_t extra_refills, word_t badge, word_t flags);
/* Bind `sc` and `tcb` to each other (both free). */
void sched_context_bind_tcb(struct sched_context *sc, struct tcb *tcb);
/* Unbind whatever thread `sc` has. */
void sched_context_unbind_tcb(struct sched_context *sc);
/* Unbind its thread and notification and leave its call stack (SchedContext_Unbind, §12.5). */
void sched_context_unbind_all(struct sched_context *sc);
/* The last capability to `sc` is going: its holder keeps its state without it, its call
 * stack loses it, and it is unconfigured (§12.9). */
void sched_context_destroy(struct sched_context *sc);
/* Donation (§12.5): `sc` leaves its thread, if any, and runs `tcb` (which has none). */
void sched_context_donate(struct sched_context *sc, struct tcb *tcb);
/* Consumed: the microseconds charged since the last read, which starts a new count. */
word_t sched_context_take_consumed(struct sched_context *sc);
/* A thread whose SchedContext_YieldTo waits for it to run again: its reply, the context's
 * Consumed in MR0 (label 0, one word), is written now and the yield ends. Nothing pending:
 * nothing. */
void sched_context_complete_yield_to(struct tcb *yielder);
/* The yield ends without a reply (its thread is suspended or destroyed). */
void sched_context_cancel_yield_to(struct tcb *yielder);

/* Decode and perform SchedContext and SchedControl invocations. */
struct syscall_error sched_context_decode(struct invocation *inv);
struct syscall_error sched_control_decode(struct invocation *inv);
