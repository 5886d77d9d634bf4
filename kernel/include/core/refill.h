/* Refills (sel4-abi.md §12.5 r6-r8): the sporadic-server arithmetic of a scheduling context's
 * budget. A context's refills are disjoint intervals, oldest first, whose amounts always add
 * up to its budget; the head is the one the thread runs on. Pure arithmetic on the context
 * and the time given: the scheduler (core/scheduler.c) decides when each applies. */
#pragma once
#include <object/sched_context.h>

/* The tick conversions of MIN_BUDGET_US and KERNEL_WCET_US, once at boot (scheduler_init). */
void refill_init(void);
/* MIN_BUDGET_US in ticks: a head refill smaller than this is not worth running on. */
ticks_t refill_min_budget(void);
/* One refill holding the whole budget, due `now`, in a queue of `max_refills`; a round-robin
 * context (period 0) also gets an empty second refill for the time it uses (refill_new). */
void refill_new(struct sched_context *sc, word_t max_refills, ticks_t budget, ticks_t period,
                ticks_t now);
/* Reconfigure a context whose thread may be running: the head survives (due now if it was
 * due, no more than the new budget), the rest of the budget comes one new period after the
 * head's start (refill_update). */
void refill_update(struct sched_context *sc, word_t max_refills, ticks_t budget,
                   ticks_t period, ticks_t now);
static inline struct refill *refill_head(struct sched_context *sc)
{
    return &sched_context_refills(sc)[sc->refill_head];
}
/* The head refill is due at `now`, or within KERNEL_WCET_US after it (§12.5 r10). */
bool refill_ready(struct sched_context *sc, ticks_t now);
/* After `usage` more ticks the head refill would still hold MIN_BUDGET. */
bool refill_sufficient(struct sched_context *sc, ticks_t usage);
/* Charge `usage` ticks, used up to `now`, to a sporadic (not round-robin) context, §12.5 r7
 * (refill_budget_check): refills are charged only while the head is due at `now`; the rest is
 * an overrun past the budget's end and is not carried into later periods. */
void refill_charge(struct sched_context *sc, ticks_t usage, ticks_t now);
/* Round robin: `usage` moves from the available refill to the used one. */
void refill_charge_round_robin(struct sched_context *sc, ticks_t usage);
/* Round robin at the end of a timeslice: the whole budget is available again. */
void refill_reset_round_robin(struct sched_context *sc);
/* A due head refill starts `now` and absorbs the refills it then overlaps (§12.5 r8). */
void refill_unblock_check(struct sched_context *sc, ticks_t now);
/* The sum of the amounts: always the budget (a check for tests). */
ticks_t refill_total(struct sched_context *sc);
