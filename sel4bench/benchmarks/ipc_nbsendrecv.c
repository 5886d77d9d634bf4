/* NBSendRecv, one way: two threads of the same priority (in one address space or two, as the
 * case says), each sending to the other's endpoint and then receiving on its own. From the
 * read just before the runner's NBSendRecv to the read just after the partner's returns. */
#include "bench.h"

struct pair {
    seL4_CPtr runner_endpoint, partner_endpoint, runner_reply, partner_reply;
    seL4_Word info;
    int round;
    uint64_t received[BENCH_WARMUP + BENCH_SAMPLES];
};

static struct pair pair;

static void partner_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct pair *p = &pair;
    struct seL4_SyscallRegs regs = {p->partner_endpoint, 0, {0, 0, 0, 0}, p->partner_reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        p->received[p->round++] = counter_read();
        regs = (struct seL4_SyscallRegs){p->partner_endpoint, p->info, {0, 0, 0, 0},
                                         p->partner_reply, p->runner_endpoint};
        seL4_ArchSyscall((seL4_Word)seL4_SysNBSendRecv, &regs);
    }
}

bool bench_ipc_nbsendrecv(struct env *env, const struct bench_params *params,
                          uint64_t *samples, int count)
{
    struct pair *p = &pair;
    p->runner_endpoint = env_retype(env, seL4_EndpointObject, 0);
    p->partner_endpoint = env_retype(env, seL4_EndpointObject, 0);
    p->runner_reply = env_retype(env, seL4_ReplyObject, 0);
    p->partner_reply = env_retype(env, seL4_ReplyObject, 0);
    p->info = seL4_MessageInfo_new(0, 0, 0, (seL4_Word)params->length).words[0];
    p->round = 0;
    seL4_CPtr vspace;
    if (!p->runner_endpoint || !p->partner_endpoint || !p->runner_reply || !p->partner_reply ||
        !env_partner_space(env, params, &vspace) ||
        !env_thread(env, partner_loop, 0, 0, params->priority, vspace))
        return false;
    seL4_Yield(); /* the partner waits in Recv before the first round */
    for (int i = 0; i < count; i++) {
        struct seL4_SyscallRegs regs = {p->runner_endpoint, p->info, {0, 0, 0, 0},
                                        p->runner_reply, p->partner_endpoint};
        uint64_t start = counter_read();
        seL4_ArchSyscall((seL4_Word)seL4_SysNBSendRecv, &regs);
        samples[i] = p->received[i] - start;
    }
    return true;
}
