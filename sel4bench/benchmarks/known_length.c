/* The profiler's synthetic case (harness profile, tests/harness/test_profile.py): a region of
 * exactly KNOWN_LENGTH_NOPS nops between the two counter reads, so its path length is that
 * plus the counter overhead. In the table only when a profile build names it (BENCH_CASE),
 * so the suite's runs never see it. */
#include "bench.h"

#define KNOWN_LENGTH_NOPS 100
#define STRINGIFY(x) #x
#define REPEAT_NOPS(n) ".rept " STRINGIFY(n) "\n\tnop\n\t.endr"

bool bench_known_length(struct env *env, const struct bench_params *params, uint64_t *samples,
                        int count)
{
    (void)env;
    (void)params;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        __asm__ volatile(REPEAT_NOPS(KNOWN_LENGTH_NOPS));
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
