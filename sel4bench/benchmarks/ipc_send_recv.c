/* Send, one way, to a server of higher priority waiting in Recv (in the runner's address
 * space or a second one, as the case says):
 * from the read just before the runner's Send to the read just after the server's Recv
 * returns (the Send switches to the server at once). */
#include "bench.h"

struct receiver {
    seL4_CPtr endpoint, reply;
    int round;
    uint64_t received[BENCH_WARMUP + BENCH_SAMPLES];
};

static struct receiver receiver;

static void receive_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct receiver *r = &receiver;
    for (;;) {
        struct seL4_SyscallRegs regs = {r->endpoint, 0, {0, 0, 0, 0}, r->reply, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
        r->received[r->round++] = counter_read();
    }
}

bool bench_ipc_send_recv(struct env *env, const struct bench_params *params, uint64_t *samples,
                         int count)
{
    struct receiver *r = &receiver;
    r->endpoint = env_retype(env, seL4_EndpointObject, 0);
    r->reply = env_retype(env, seL4_ReplyObject, 0);
    r->round = 0;
    seL4_Word info = seL4_MessageInfo_new(0, 0, 0, (seL4_Word)params->length).words[0];
    seL4_CPtr vspace;
    if (!r->endpoint || !r->reply || !env_partner_space(env, params, &vspace) ||
        !env_thread(env, receive_loop, 0, 0, params->priority, vspace))
        return false;
    for (int i = 0; i < count; i++) {
        struct seL4_SyscallRegs regs = {r->endpoint, info, {0, 0, 0, 0}, 0, 0};
        uint64_t start = counter_read();
        seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
        samples[i] = r->received[i] - start;
    }
    return true;
}
