/*
 * The hardware-limit round trip: the floor an IPC round trip is compared with. The runner
 * (A) and a partner thread (B) in a second address space of their own switch to each other
 * through the BENCHMARK build's hardware-limit syscall, which does kernel entry, the switch
 * of address space and registers, and kernel exit, nothing else. One sample is A -> B -> A.
 * B's address space maps the runner's image (env_address_space), so B runs the same code on
 * a stack of its own. Before pairing, the case checks that the syscall pairs with nothing but
 * a TCB cap: a cptr the lookup fails on and an endpoint cap each give the caller an
 * UnknownSyscall fault; if not, the case is not set up and sel4bench stops.
 */
#include "bench.h"

/* Not in the runner's CNode: the root CNode's guard is 0, and this cptr's top bits are not. */
#define UNRESOLVED_CPTR (~(seL4_CPtr)0)

static seL4_CPtr probe_endpoint;

/* Ask to be paired with `cptr`; a refusal is a fault to `probe_endpoint`, and an acceptance
 * sends a message with label 0 there instead. */
static void probe_loop(seL4_Word cptr, seL4_Word arg1)
{
    (void)arg1;
    seL4_BenchmarkHardwareLimit(cptr);
    for (;;)
        seL4_Send(probe_endpoint, seL4_MessageInfo_new(0, 0, 0, 0));
}

/* Whether pairing with `cptr` is refused: a thread of a higher priority, whose fault handler
 * is `probe_endpoint`, tries it. */
static bool pairing_refused(struct env *env, seL4_CPtr reply, seL4_CPtr cptr)
{
    seL4_CPtr prober = env_thread_stopped(env, probe_loop, cptr, 0, PRIORITY_HIGHER, 0);
    if (!prober ||
        seL4_TCB_SetSpace(prober, probe_endpoint, seL4_CapInitThreadCNode, 0,
                          seL4_CapInitThreadVSpace, 0) ||
        seL4_TCB_Resume(prober))
        return false;
    seL4_MessageInfo_t info = seL4_Recv(probe_endpoint, 0, reply);
    return seL4_MessageInfo_get_label(info) == seL4_Fault_UnknownSyscall;
}

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
    probe_endpoint = env_retype(env, seL4_EndpointObject, 0);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0);
    if (!probe_endpoint || !reply || !pairing_refused(env, reply, UNRESOLVED_CPTR) ||
        !pairing_refused(env, reply, probe_endpoint))
        return false;
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
