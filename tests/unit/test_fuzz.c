/* Host fuzz test of the CSpace and the invocation decoders: thousands of seeded random
 * invocations (Retype, CNode, and any label on any capability) with random, mostly nearly
 * valid, arguments. After each, the derivation tree must be consistent:
 * links agree both ways, depths step by at most one, empty slots are unlinked, and failed
 * invocations changed nothing (the fixture checks that). */
#include "fixture.h"
#include "unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <core/interrupt.h>
#include <sel4/invocation_labels.h>
#include <sel4/object_type.h>

#define OPERATIONS 20000
#define FIRST_FREE 3

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static word_t rnd(word_t bound)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return bound ? rng_state % bound : 0;
}

/* A slot index: usually a real one, sometimes out of range. */
static word_t any_slot(void)
{
    return rnd(20) ? FIRST_FREE + rnd((1 << ROOT_RADIX) - FIRST_FREE) : rnd(1 << 20);
}

static word_t any_depth(void)
{
    return rnd(10) ? 64 : rnd(70);
}

static int succeeded;

static void count(struct reply r)
{
    succeeded += r.label == seL4_NoError;
}

static void random_retype(void)
{
    static const word_t sizes[] = {0, 1, 4, 7, 8, 12, 16};
    word_t args[] = {rnd(seL4_ObjectTypeCount + 1), sizes[rnd(7)], 0, 0, any_slot(), 1 + rnd(4)};
    cptr_t caps[] = {SLOT_ROOT};
    count(call(rnd(8) ? SLOT_UNTYPED : any_slot(), UntypedRetype, args, 6, caps, 1));
}

static void random_cnode_op(void)
{
    word_t label = CNodeRevoke + rnd(CNodeRotate - CNodeRevoke + 1);
    word_t args[8];
    for (int i = 0; i < 8; i++)
        args[i] = i % 2 ? any_depth() : any_slot();
    args[4] = label == CNodeMint || label == CNodeCopy ? rnd(16) : args[4];
    args[5] = label == CNodeMint ? rnd(4) : args[5];
    cptr_t caps[] = {SLOT_ROOT, SLOT_ROOT};
    count(call(SLOT_ROOT, label, args, 2 + rnd(7), caps, 2));
}

/* Any label on any slot, random words and caps: the decoders must answer, never crash. */
static void random_invocation(void)
{
    word_t args[8];
    cptr_t caps[3] = {any_slot(), any_slot(), any_slot()};
    for (int i = 0; i < 8; i++)
        args[i] = rnd(4) ? rnd(300) : rnd(~0ul);
    if (rnd(4) == 0)
        caps[0] = SLOT_ROOT;
    count(call(any_slot(), 1 + rnd(nInvocationLabels), args, rnd(9), caps, rnd(4)));
}

/* The derivation tree seen from every slot of the root CNode. */
static bool tree_consistent(void)
{
    for (word_t i = 0; i < (1 << ROOT_RADIX); i++) {
        struct cte *slot = &root[i], *next = cte_next(slot), *prev = cte_prev(slot);
        if (cap_is_null(slot->cap)) {
            if (next || prev || slot->mdb[0])
                return false;
            continue;
        }
        if ((next && cte_prev(next) != slot) || (prev && cte_next(prev) != slot))
            return false;
        if (next && cte_depth(next) > cte_depth(slot) + 1)
            return false;
    }
    return !cap_is_null(root[SLOT_ROOT].cap) && !cap_is_null(root[SLOT_UNTYPED].cap);
}

int main(void)
{
    /* FUZZ_SEED picks another run; CI uses the default, so its result is reproducible. */
    const char *seed = getenv("FUZZ_SEED");
    if (seed)
        rng_state ^= strtoull(seed, 0, 0) * 0x2545f4914f6cdd1dull;
    setup();
    interrupt_init();
    thread->mcp = 255;
    cspace_insert_child(NULL, &root[200], cap_irq_control(), true);
    cspace_insert_child(NULL, &root[201], cap_sched_control(0), true);
    int broken_at = -1;
    for (int op = 0; op < OPERATIONS && broken_at < 0; op++) {
        word_t kind = rnd(6);
        if (kind < 3)
            random_cnode_op();
        else if (kind < 5)
            random_retype();
        else
            random_invocation();
        if (!tree_consistent())
            broken_at = op;
    }
    CHECK_EQ(broken_at, -1);
    printf("test_fuzz: %d of %d invocations succeeded\n", succeeded, OPERATIONS);
    CHECK(succeeded > OPERATIONS / 10);
    teardown();
    return unit_report("test_fuzz");
}
