/* BenchmarkNullSyscall: kernel entry and exit with nothing in between but the dispatch. */
#include "bench.h"

bool bench_null_syscall(struct env *env, const struct bench_params *params, uint64_t *samples,
                        int count)
{
    (void)env;
    (void)params;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_BenchmarkNullSyscall();
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
