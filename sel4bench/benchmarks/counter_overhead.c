/* The counter's read overhead: an empty measured region, two reads back to back. Its
 * minimum is reported beside every case (main.c) and never subtracted. */
#include "bench.h"

bool bench_counter_overhead(struct env *env, const struct bench_params *params,
                            uint64_t *samples, int count)
{
    (void)env;
    (void)params;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
