/*
 * Refills: the queue of (release, amount) pairs a scheduling context's budget is split into
 * (sel4-abi.md §12.5 r6-r8). The queue is circular in the object after the context's header;
 * every function keeps the amounts adding up to the budget and the refills disjoint, oldest
 * first. Time is counter ticks.
 */
#include <core/refill.h>

/* MIN_BUDGET_US and KERNEL_WCET_US in ticks, converted once at boot: refill_sufficient and
 * refill_ready are on every kernel path, and a conversion costs more than either check. */
static ticks_t min_budget, kernel_wcet;

void refill_init(void)
{
    min_budget = time_us_to_ticks(MIN_BUDGET_US);
    kernel_wcet = time_us_to_ticks(KERNEL_WCET_US);
}

ticks_t refill_min_budget(void)
{
    return min_budget;
}

static word_t refill_index(const struct sched_context *sc, word_t i)
{
    return (sc->refill_head + i) % sc->refill_max;
}

static struct refill *refill_at(struct sched_context *sc, word_t i)
{
    return &sched_context_refills(sc)[refill_index(sc, i)];
}

static struct refill *refill_tail(struct sched_context *sc)
{
    return refill_at(sc, sc->refill_count - 1);
}

static ticks_t refill_end(const struct refill *r)
{
    return r->release + r->amount;
}

static void refill_add_tail(struct sched_context *sc, struct refill refill)
{
    sc->refill_count++;
    *refill_tail(sc) = refill;
}

static struct refill refill_pop_head(struct sched_context *sc)
{
    struct refill head = *refill_head(sc);
    sc->refill_head = (uint32_t)refill_index(sc, 1);
    sc->refill_count--;
    return head;
}

void refill_new(struct sched_context *sc, word_t max_refills, ticks_t budget, ticks_t period,
                ticks_t now)
{
    sc->budget = budget;
    sc->period = period;
    sc->refill_max = (uint32_t)max_refills;
    sc->refill_head = 0;
    sc->refill_count = 1;
    *refill_head(sc) = (struct refill){now, budget};
    if (sched_context_is_round_robin(sc))
        refill_add_tail(sc, (struct refill){now, 0});
}

/* Due within one kernel worst-case path from `now` (seL4's refill_ready): the kernel may not
 * be entered again before then. */
bool refill_ready(struct sched_context *sc, ticks_t now)
{
    return refill_head(sc)->release <= now + kernel_wcet;
}

bool refill_sufficient(struct sched_context *sc, ticks_t usage)
{
    ticks_t amount = refill_head(sc)->amount;
    return amount > usage && amount - usage >= min_budget;
}

void refill_update(struct sched_context *sc, word_t max_refills, ticks_t budget,
                   ticks_t period, ticks_t now)
{
    struct refill head = *refill_head(sc);
    sc->refill_max = (uint32_t)max_refills;
    sc->refill_head = 0;
    sc->refill_count = 1;
    sc->budget = budget;
    sc->period = period;
    if (head.release <= now)
        head.release = now;
    if (head.amount > budget)
        head.amount = budget;
    *refill_head(sc) = head;
    if (head.amount < budget)
        refill_add_tail(sc, (struct refill){head.release + period, budget - head.amount});
}

/* A used amount becomes available again at `used.release`: it joins the tail if they touch
 * or overlap; with the queue full the tail is delayed to end where `used` ends and takes
 * its amount (schedule_used). The queue is never empty here. */
static void refill_schedule_used(struct sched_context *sc, struct refill used)
{
    struct refill *tail = refill_tail(sc);
    if (used.release <= refill_end(tail)) {
        tail->amount += used.amount;
    } else if (sc->refill_count < sc->refill_max) {
        refill_add_tail(sc, used);
    } else {
        tail->release = refill_end(&used) - tail->amount - used.amount;
        tail->amount += used.amount;
    }
}

/* A head smaller than MIN_BUDGET is folded into the next refill, which becomes due that
 * much earlier (it still ends where it did). */
static void refill_fold_small_head(struct sched_context *sc)
{
    while (sc->refill_count > 1 && refill_head(sc)->amount < min_budget) {
        struct refill small = refill_pop_head(sc);
        refill_head(sc)->amount += small.amount;
        refill_head(sc)->release -= small.amount;
    }
}

/* Only a due head is charged: once the head is a later period's, what is left of `usage` is
 * the overrun past the budget's end (the timer's and the kernel entry's latency), and charging
 * it to a refill not yet due would push the whole budget a period further on. */
void refill_charge(struct sched_context *sc, ticks_t usage, ticks_t now)
{
    while (refill_head(sc)->amount <= usage && refill_ready(sc, now)) {
        usage -= refill_head(sc)->amount;
        if (sc->refill_count == 1) {
            refill_head(sc)->release += sc->period;
        } else {
            struct refill used = refill_pop_head(sc);
            used.release += sc->period;
            refill_schedule_used(sc, used);
        }
    }
    if (usage && refill_ready(sc, now)) {
        struct refill *head = refill_head(sc);
        struct refill used = {head->release + sc->period, usage};
        head->amount -= usage;
        head->release += usage;
        refill_schedule_used(sc, used);
    }
    refill_fold_small_head(sc);
}

void refill_charge_round_robin(struct sched_context *sc, ticks_t usage)
{
    struct refill *head = refill_head(sc);
    if (usage > head->amount)
        usage = head->amount;
    head->amount -= usage;
    refill_tail(sc)->amount += usage;
}

void refill_reset_round_robin(struct sched_context *sc)
{
    refill_head(sc)->amount += refill_tail(sc)->amount;
    refill_tail(sc)->amount = 0;
}

void refill_unblock_check(struct sched_context *sc, ticks_t now)
{
    if (sched_context_is_round_robin(sc) || !refill_ready(sc, now))
        return;
    struct refill *head = refill_head(sc);
    head->release = now;
    while (sc->refill_count > 1 && refill_at(sc, 1)->release <= refill_end(head)) {
        ticks_t amount = refill_at(sc, 1)->amount;
        *refill_at(sc, 1) = *head;
        refill_pop_head(sc);
        head = refill_head(sc);
        head->amount += amount;
    }
}

ticks_t refill_total(struct sched_context *sc)
{
    ticks_t total = 0;
    for (word_t i = 0; i < sc->refill_count; i++)
        total += refill_at(sc, i)->amount;
    return total;
}
