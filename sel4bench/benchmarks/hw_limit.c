/*
 * The hardware-limit round trip: the floor an IPC round trip is compared with. The runner
 * (A) and a partner thread (B) in a second address space of their own switch to each other
 * through the BENCHMARK build's hardware-limit syscall, which does kernel entry, the switch
 * of address space and registers, and kernel exit, nothing else. One sample is A -> B -> A.
 * B's address space maps the runner's image frames at the same addresses (copies of the
 * boot info's image frame capabilities), so B runs the same code on a stack of its own.
 */
#include "bench.h"

extern char _start[]; /* crt0's entry: the image's first page (root_task.ld) */

static void partner_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    for (;;)
        seL4_BenchmarkHardwareLimit(0);
}

/* Map copies of every image frame into `vspace` where the runner has them. */
static bool map_image(struct env *env, seL4_CPtr vspace)
{
    const seL4_BootInfo *bi = env->bootinfo;
    seL4_Word base = (seL4_Word)_start & ~((1ul << seL4_PageBits) - 1);
    for (seL4_CPtr frame = bi->userImageFrames.start; frame < bi->userImageFrames.end; frame++) {
        seL4_CPtr copy = env_slot(env);
        seL4_Word vaddr = base + ((frame - bi->userImageFrames.start) << seL4_PageBits);
        if (!copy ||
            seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits,
                            seL4_CapInitThreadCNode, frame, seL4_WordBits, seL4_AllRights) ||
            platform_map_page(env, vspace, copy, vaddr, true))
            return false;
    }
    return true;
}

bool bench_hw_limit(struct env *env, const struct bench_params *params, uint64_t *samples,
                    int count)
{
    (void)params;
    seL4_CPtr vspace = platform_vspace_create(env);
    if (!vspace || !map_image(env, vspace))
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
