/*
 * The hardware-limit round trip: the floor an IPC round trip is compared with. The runner
 * (A) and a partner thread (B) in a second address space of their own switch to each other
 * through the BENCHMARK build's hardware-limit syscall, which does kernel entry, the switch
 * of address space and registers, and kernel exit, nothing else. One sample is A -> B -> A.
 * B's address space maps the runner's image (env_address_space), so B runs the same code on
 * a stack of its own.
 */
#include "bench.h"

static void partner_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    for (;;)
        seL4_BenchmarkHardwareLimit(0);
}

bool bench_hw_limit(struct env *env, const struct bench_params *params, uint64_t *samples,
                    int count)
{
    (void)params;
    seL4_CPtr vspace = env_address_space(env);
    if (!vspace)
        return false;
    seL4_CPtr partner = env_thread_stopped(env, partner_loop, 0, 0, PRIORITY_SAME, vspace);
    if (!partner)
        return false;
    seL4_BenchmarkHardwareLimit(partner);
    if (seL4_TCB_Resume(partner))
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_BenchmarkHardwareLimit(0);
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
