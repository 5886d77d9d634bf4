/*
 * Call and ReplyRecv between the runner (the client) and a server thread in the same or a
 * second address space, at the priority the case names, with `length` message words each
 * way (the server in a second address space shares the runner's globals: env_address_space).
 * Upstream sel4bench's definitions: the one-way Call runs from the counter read just before
 * the client's Call to the read just after the server's receive returns; the one-way
 * ReplyRecv from the read just before the server's ReplyRecv to the read just after the
 * client's Call returns. The round trip is the client's Call alone, against a server that
 * reads no counter. Registers through the raw syscall, so the stubs add little.
 */
#include "bench.h"

struct exchange {
    seL4_CPtr endpoint, reply;
    seL4_Word info;
    int round;
    uint64_t received[BENCH_WARMUP + BENCH_SAMPLES]; /* server: its receive returned */
    uint64_t replying[BENCH_WARMUP + BENCH_SAMPLES]; /* server: about to ReplyRecv */
};

static struct exchange exchange;

static void server_timed(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct exchange *x = &exchange;
    struct seL4_SyscallRegs regs = {x->endpoint, 0, {0, 0, 0, 0}, x->reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        x->received[x->round] = counter_read();
        regs = (struct seL4_SyscallRegs){x->endpoint, x->info, {0, 0, 0, 0}, x->reply, 0};
        x->replying[x->round++] = counter_read();
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

static void server_quiet(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct exchange *x = &exchange;
    struct seL4_SyscallRegs regs = {x->endpoint, 0, {0, 0, 0, 0}, x->reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        regs = (struct seL4_SyscallRegs){x->endpoint, x->info, {0, 0, 0, 0}, x->reply, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

/* Let the server (of the runner's priority) reach its Recv, then take its scheduling
 * context away. */
static bool make_passive(seL4_CPtr server)
{
    seL4_Yield();
    return seL4_TCB_SetSchedParams(server, seL4_CapInitThreadTCB, BENCH_PRIORITY,
                                   BENCH_PRIORITY, seL4_CapNull, 0) == seL4_NoError;
}

bool bench_ipc_call_reply_recv(struct env *env, const struct bench_params *params,
                               uint64_t *samples, int count)
{
    struct exchange *x = &exchange;
    x->endpoint = env_retype(env, seL4_EndpointObject, 0);
    x->reply = env_retype(env, seL4_ReplyObject, 0);
    x->info = seL4_MessageInfo_new(0, 0, 0, (seL4_Word)params->length).words[0];
    x->round = 0;
    bool timed = params->path != PATH_ROUND_TRIP;
    seL4_CPtr vspace, server = 0;
    if (x->endpoint && x->reply && env_partner_space(env, params, &vspace))
        server = env_thread(env, timed ? server_timed : server_quiet, 0, 0, params->priority,
                            vspace);
    if (!server || (params->passive_server && !make_passive(server)))
        return false;
    for (int i = 0; i < count; i++) {
        struct seL4_SyscallRegs regs = {x->endpoint, x->info, {0, 0, 0, 0}, 0, 0};
        uint64_t start = counter_read();
        seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
        uint64_t end = counter_read();
        samples[i] = params->path == PATH_CALL         ? x->received[i] - start
                   : params->path == PATH_REPLY_RECV ? end - x->replying[i]
                                                     : end - start;
    }
    return true;
}
