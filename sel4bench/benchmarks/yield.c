/* Yield with no other thread at the runner's priority: entry, the scheduler, exit. */
#include "bench.h"

bool bench_yield(struct env *env, const struct bench_params *params, uint64_t *samples,
                 int count)
{
    (void)env;
    (void)params;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Yield();
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
