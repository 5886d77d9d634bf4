/* Yield. Alone at the runner's priority: entry, the scheduler, exit, read before and after
 * in the runner. To a thread of the same priority, one way: from the read just before the
 * runner's Yield to the read just after the partner's Yield returns. Nothing but the order of
 * the ready queue hands the turn over, so a timer tick that rotates the queue may let one
 * of them run twice: the partner stamps the round the runner is in, and the runner yields
 * again until that round's stamp is there (such a round is one long sample, never a
 * misaligned one). */
#include "bench.h"

static volatile int runner_round;
static volatile uint64_t partner_resumed[BENCH_WARMUP + BENCH_SAMPLES];

static void partner_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    for (;;) {
        seL4_Yield();
        partner_resumed[runner_round] = counter_read();
    }
}

static bool yield_to_partner(struct env *env, uint64_t *samples, int count)
{
    runner_round = 0;
    if (!env_thread(env, partner_loop, 0, 0, PRIORITY_SAME, 0))
        return false;
    seL4_Yield(); /* the partner starts and waits in its first Yield */
    for (int i = 0; i < count; i++) {
        runner_round = i;
        partner_resumed[i] = 0;
        uint64_t start = counter_read();
        seL4_Yield();
        while (partner_resumed[i] < start)
            seL4_Yield();
        samples[i] = partner_resumed[i] - start;
    }
    return true;
}

bool bench_yield(struct env *env, const struct bench_params *params, uint64_t *samples,
                 int count)
{
    if (params->priority == PRIORITY_SAME)
        return yield_to_partner(env, samples, count);
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Yield();
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
