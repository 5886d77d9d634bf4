/*
 * sel4bench: the benchmark runner, the root task of a BENCHMARK build. It lowers itself to
 * BENCH_PRIORITY (so partners can run above it), takes the board's UART for itself, measures
 * the counter's read overhead, then walks the table in benchmarks.c: each case runs its
 * warm-up and BENCH_SAMPLES measured rounds and is printed as one protocol record with its
 * raw samples. It ends with the protocol's end line and ends the run.
 */
#include "bench.h"
#include "protocol.h"
#include <board.h>
#include <config.h>

/* The runner's own round-robin timeslice: the kernel's for the root thread (5 ms). */
#define RUNNER_TIMESLICE_US 5000

static uint64_t samples[BENCH_WARMUP + BENCH_SAMPLES];

/* The largest untyped of RAM in the boot info; 0 if none. */
static seL4_CPtr largest_untyped(const seL4_BootInfo *bi)
{
    seL4_CPtr best = 0;
    seL4_Word best_bits = 0;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (!desc->isDevice && desc->sizeBits > best_bits) {
            best = slot;
            best_bits = desc->sizeBits;
        }
    }
    return best;
}

/* BENCH_PHASE_PAD characters on a note line of their own: they move the time at which the
 * cases start, and no case's figures may depend on it (tests/harness/test_sel4bench.py). */
static void print_phase_padding(void)
{
    if (!BENCH_PHASE_PAD)
        return;
    protocol_note("phase padding of %d characters follows", BENCH_PHASE_PAD);
    for (int i = 0; i < BENCH_PHASE_PAD; i++)
        platform_putchar('.');
    platform_putchar('\r');
    platform_putchar('\n');
}

static void print_header(const seL4_BootInfo *bi)
{
    struct bench_header header = {
        .board = BOARD_NAME, .arch = BENCH_ARCH, .counter = counter_name(),
        .variant = CONFIG_FASTPATH ? "fastpath" : "slowpath",
        .toolchain = BENCH_TOOLCHAIN, .compiler = __VERSION__,
        .commit = BENCH_COMMIT, .counter_hz = platform_counter_hz(bi),
        .samples = BENCH_SAMPLES, .warmup = BENCH_WARMUP,
    };
    protocol_header(&header);
}

/* The smallest sample of the counter-overhead case: what two back-to-back reads cost,
 * reported beside every case (never subtracted). */
static uint64_t minimum(const uint64_t *values, int count)
{
    uint64_t least = values[0];
    for (int i = 1; i < count; i++)
        least = values[i] < least ? values[i] : least;
    return least;
}

/* Whether the build runs `bench`: every case, unless BENCH_CASE names one (harness profile),
 * and then that one and the counter overhead, which every record reports. */
static bool selected(const struct bench_case *bench)
{
    const char *wanted = BENCH_CASE, *id = bench->id;
    if (!*wanted || bench == bench_cases)
        return true;
    while (*wanted && *wanted == *id) {
        wanted++;
        id++;
    }
    return *wanted == *id;
}

/* Every case starts from the same scheduler state, whatever ran before it (earlier cases,
 * a longer header): the runner's timeslice refilled now, its partners' contexts made fresh by
 * env_thread. A timeslice end then falls at the same point of each case's run. */
static bool refill_runner(struct env *env)
{
    return seL4_SchedControl_Configure(env->bootinfo->schedcontrol.start, seL4_CapInitThreadSC,
                                       RUNNER_TIMESLICE_US, RUNNER_TIMESLICE_US, 0, 0) ==
           seL4_NoError;
}

static void run_cases(struct env *env)
{
    uint64_t overhead = 0;
    for (const struct bench_case *bench = bench_cases; bench->id; bench++) {
        if (!selected(bench))
            continue;
        int total = BENCH_WARMUP + BENCH_SAMPLES;
        bool ok = refill_runner(env) && bench->measure(env, &bench->params, samples, total);
        env_stop_threads(env);
        if (!ok) {
            protocol_note("case %s could not be set up; stopping", bench->id);
            return;
        }
        if (bench == bench_cases) /* the table starts with the counter overhead */
            overhead = minimum(samples + BENCH_WARMUP, BENCH_SAMPLES);
        protocol_case(bench, overhead, samples + BENCH_WARMUP, BENCH_SAMPLES);
    }
    protocol_end();
}

int main(seL4_BootInfo *bootinfo)
{
    struct env env = {bootinfo, largest_untyped(bootinfo), bootinfo->empty.start,
                      BENCH_MAP_BASE, {0}, 0, 0, 0};
    seL4_Error lowered = seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                              BENCH_PRIORITY);
    platform_console_init(&env);
    protocol_note("%s, %d samples per case after %d warm-up rounds", BOARD_NAME,
                  BENCH_SAMPLES, BENCH_WARMUP);
    if (lowered) {
        protocol_note("could not set the runner's priority (error %d); stopping", lowered);
        platform_end_run(&env);
    }
    print_phase_padding();
    print_header(bootinfo);
    run_cases(&env);
    platform_end_run(&env);
}
