/* Host tests of the refill arithmetic (sel4-abi.md §12.5 r6-r8): configuring, charging
 * (amounts always add up to the budget, refills merge, a full queue delays its tail, small
 * heads fold), round robin, and the unblock check. One tick is one microsecond here. */
#include "unit.h"
#include <core/refill.h>
#include <stdlib.h>
#include <string.h>

static _Alignas(16) char object[256];
static struct sched_context *const sc = (struct sched_context *)object;

static void check_refill(word_t i, ticks_t release, ticks_t amount)
{
    struct refill *r = &sched_context_refills(sc)[(sc->refill_head + i) % sc->refill_max];
    CHECK_EQ(r->release, release);
    CHECK_EQ(r->amount, amount);
}

static void test_new_and_round_robin(void)
{
    refill_new(sc, 2, 1000, 0, 50);
    CHECK(sched_context_is_round_robin(sc));
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 50, 1000);
    check_refill(1, 50, 0);
    /* due within the kernel's worst-case path (KERNEL_WCET_US ticks here) */
    CHECK(refill_ready(sc, 50 - KERNEL_WCET_US) && !refill_ready(sc, 49 - KERNEL_WCET_US));
    CHECK(refill_sufficient(sc, 980) && !refill_sufficient(sc, 981));
    refill_charge_round_robin(sc, 300);
    check_refill(0, 50, 700);
    check_refill(1, 50, 300);
    refill_charge_round_robin(sc, 900); /* an overrun takes what is left */
    check_refill(0, 50, 0);
    check_refill(1, 50, 1000);
    refill_reset_round_robin(sc);
    check_refill(0, 50, 1000);
    check_refill(1, 50, 0);
    refill_unblock_check(sc, 5000); /* never for round robin */
    check_refill(0, 50, 1000);

    refill_new(sc, 5, 100, 1000, 7);
    CHECK_EQ(sc->budget, 100);
    CHECK(!sched_context_is_round_robin(sc));
    CHECK_EQ(sc->refill_count, 1);
    CHECK_EQ(sc->refill_max, 5);
    check_refill(0, 7, 100);
}

static void test_charge(void)
{
    refill_new(sc, 4, 100, 1000, 0);
    refill_charge(sc, 30, 30); /* split: the used part comes back one period after the start */
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 30, 70);
    check_refill(1, 1000, 30);
    refill_charge(sc, 30, 60); /* touches the tail: merged */
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 60, 40);
    check_refill(1, 1000, 60);
    refill_charge(sc, 45, 1005); /* the whole head (merged into the tail), 5 of the next, due */
    CHECK_EQ(refill_total(sc), 100);
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 1005, 95);
    check_refill(1, 2000, 5);
    CHECK(!refill_ready(sc, 1004 - KERNEL_WCET_US) && refill_ready(sc, 1005 - KERNEL_WCET_US));

    refill_new(sc, 4, 100, 1000, 0);
    refill_charge(sc, 100, 100); /* exactly the budget: the single refill moves a period on */
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 1000, 100);
    refill_charge(sc, 250, 3050); /* long overrun, all due: whole periods, then the rest split */
    CHECK_EQ(refill_total(sc), 100);
    check_refill(0, 3050, 50);
    check_refill(1, 4000, 50);
}

/* The timer fires and the kernel is entered a little after the budget's end: the overrun past
 * it is not charged to the next period's refills (which are not due yet), so the budget comes
 * back one period after it started, not later (refill_budget_check charges due refills only). */
static void test_overrun_past_the_budget_end(void)
{
    refill_new(sc, 2, 100, 1000, 0);
    refill_charge(sc, 103, 103); /* single refill: a period on; the 3 past its end dropped */
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 1000, 100);
    refill_charge(sc, 30, 1030); /* split, so the queue of two is full */
    check_refill(0, 1030, 70);
    check_refill(1, 2000, 30);
    refill_charge(sc, 73, 1103); /* the head and 3 past it: the 30 due at 2000 is not charged */
    CHECK_EQ(refill_total(sc), 100);
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 2000, 100); /* 2030's 70 merged into the tail that ends at 2030 */
    CHECK(refill_ready(sc, 2000));
}

static void test_full_queue_and_small_head(void)
{
    refill_new(sc, 2, 100, 1000, 0);
    refill_charge(sc, 10, 10);
    check_refill(0, 10, 90);
    check_refill(1, 1000, 10);
    refill_unblock_check(sc, 500); /* due head starts now; 1000 is not overlapped */
    check_refill(0, 500, 90);
    refill_charge(sc, 10, 510); /* full queue: the tail is delayed and takes the amount */
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 510, 80);
    check_refill(1, 1490, 20); /* ends where the used refill would have: 1510 */
    refill_charge(sc, 65, 575); /* head left at 15 < MIN_BUDGET: folded into the next */
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 1490 - 15, 100);
    CHECK_EQ(refill_total(sc), 100);
}

/* A head of exactly the minimum budget is worth running on: it is not folded. */
static void test_head_of_the_minimum_budget_stays(void)
{
    refill_new(sc, 4, 100, 1000, 0);
    refill_charge(sc, 100 - MIN_BUDGET_US, 100 - MIN_BUDGET_US);
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 100 - MIN_BUDGET_US, MIN_BUDGET_US);
    check_refill(1, 1000, 100 - MIN_BUDGET_US);
}

static void test_unblock_check_merges(void)
{
    refill_new(sc, 4, 100, 200, 0);
    refill_charge(sc, 40, 40);
    check_refill(0, 40, 60);
    check_refill(1, 200, 40);
    refill_unblock_check(sc, 40 - KERNEL_WCET_US - 1); /* not due even with the slack */
    check_refill(0, 40, 60);
    refill_unblock_check(sc, 150); /* due: starts at 150, ends at 210, overlapping 200 */
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 150, 100);

    /* A refill released exactly where the moved head ends touches it: merged as well
     * (seL4's refill_head_overlapping compares with <=). */
    refill_new(sc, 4, 100, 200, 0);
    refill_charge(sc, 40, 40);
    refill_unblock_check(sc, 140); /* starts at 140, ends at 200, where the 40 is released */
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 140, 100);
}

/* A whole head used up comes back one period after its own release, here later than the
 * tail ends, so as a refill of its own (schedule_used), not merged into the tail. */
static void test_used_head_returns_a_period_after_its_release(void)
{
    refill_new(sc, 4, 100, 1000, 0);
    refill_charge(sc, 30, 30);
    refill_unblock_check(sc, 500); /* due head starts now; the tail (1000) is not overlapped */
    check_refill(0, 500, 70);
    check_refill(1, 1000, 30);
    refill_charge(sc, 70, 570);
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 1000, 30);
    check_refill(1, 1500, 70);
}

static void test_update(void)
{
    refill_new(sc, 4, 100, 1000, 0);
    refill_charge(sc, 40, 40);
    refill_update(sc, 6, 200, 2000, 10); /* head not due: kept, rest one period later */
    CHECK_EQ(sc->refill_max, 6);
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 40, 60);
    check_refill(1, 2040, 140);
    refill_update(sc, 6, 50, 500, 90); /* due head starts now, capped at the budget */
    CHECK_EQ(sc->refill_count, 1);
    check_refill(0, 90, 50);
    CHECK_EQ(sc->budget, 50);
    CHECK_EQ(sc->period, 500);

    /* The head has moved round the queue (three whole heads used); a smaller queue after the
     * update holds the head and the rest from its first place. */
    refill_new(sc, 4, 100, 1000, 0);
    for (ticks_t start = 0; start < 3000; start += 1000) {
        refill_charge(sc, 30, start + 30);
        refill_charge(sc, 70, start + 100);
    }
    CHECK_EQ(sc->refill_head, 3);
    check_refill(0, 3000, 100);
    refill_update(sc, 2, 150, 1000, 3000);
    CHECK_EQ(sc->refill_count, 2);
    check_refill(0, 3000, 100);
    check_refill(1, 4000, 50);
    CHECK_EQ(refill_total(sc), 150);
}

static void test_random_charges_keep_the_budget(void)
{
    srand(11);
    for (int round = 0; round < 200; round++) {
        word_t max = 2 + (word_t)rand() % 8;
        ticks_t budget = 20 + (ticks_t)rand() % 500, now = 0;
        refill_new(sc, max, budget, budget + 1 + (ticks_t)rand() % 1000, 0);
        for (int step = 0; step < 50; step++) {
            now += (ticks_t)rand() % 300;
            if (rand() % 2)
                refill_unblock_check(sc, now);
            refill_charge(sc, 1 + (ticks_t)rand() % (budget + 50), now);
            CHECK_EQ(refill_total(sc), budget);
            CHECK(sc->refill_count >= 1 && sc->refill_count <= max);
            CHECK(sc->refill_count == 1 || refill_head(sc)->amount >= refill_min_budget());
        }
    }
}

int main(void)
{
    refill_init();
    CHECK_EQ(refill_min_budget(), MIN_BUDGET_US);
    test_new_and_round_robin();
    test_charge();
    test_overrun_past_the_budget_end();
    test_full_queue_and_small_head();
    test_head_of_the_minimum_budget_stays();
    test_unblock_check_merges();
    test_used_head_returns_a_period_after_its_release();
    test_update();
    test_random_charges_keep_the_budget();
    return unit_report("test_refill");
}
