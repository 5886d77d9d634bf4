/*
 * The VMFault round trip: handler → faulting thread → handler. A VMFault's reply always
 * restarts the faulting instruction (ABI §7), so the handler here fixes nothing: its reply
 * restarts a load from an address that stays unmapped, which faults again at once. One sample
 * is the handler's counter read before its ReplyRecv to its read after that ReplyRecv returns
 * with the next VMFault: one reply that resumes the thread, one user-level load, one fault
 * delivered, with no mapping, register write or fault decoding in it. (Upstream sel4bench's
 * fault round trip runs faulter → handler → faulter on an undefined instruction, which the
 * handler's reply steps over by its new IP; the same two kernel passes, read on the other
 * side.) After the last sample the handler leaves the thread blocked on its fault and signals
 * the runner. The handler runs at a higher priority, in the runner's address space or a
 * second one, with registers only; the faulting thread runs in the runner's.
 */
#include "bench.h"

/* Unmapped in every address space the runner makes (pages go at BENCH_MAP_BASE and up, a few
 * hundred of them), and a user address under every arch's paging (riscv64 Sv39: below 256 GiB). */
#define UNMAPPED_ADDRESS 0x2000000000ul

struct vm_fault_run {
    seL4_CPtr endpoint, reply, done;
    uint64_t *samples;
    int count;
};

static struct vm_fault_run run;

static void handler_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct seL4_SyscallRegs regs = {run.endpoint, 0, {0, 0, 0, 0}, run.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (int i = 0; i < run.count; i++) {
        regs.cap = run.endpoint;
        regs.info = 0; /* the reply's message is not read: the instruction restarts */
        regs.reply = run.reply;
        uint64_t start = counter_read();
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
        uint64_t end = counter_read();
        run.samples[i] = end - start;
    }
    struct seL4_SyscallRegs done = {run.done, 0, {0, 0, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysSend, &done);
    done.cap = run.done;
    seL4_ArchSyscall((seL4_Word)seL4_SysWait, &done); /* the runner took the signal */
}

static void faulting_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    for (;;)
        (void)*(volatile seL4_Word *)UNMAPPED_ADDRESS;
}

bool bench_vm_fault(struct env *env, const struct bench_params *params, uint64_t *samples,
                    int count)
{
    run = (struct vm_fault_run){env_retype(env, seL4_EndpointObject, 0),
                                env_retype(env, seL4_ReplyObject, 0),
                                env_retype(env, seL4_NotificationObject, 0), samples, count};
    seL4_CPtr vspace;
    if (!run.endpoint || !run.reply || !run.done || !env_partner_space(env, params, &vspace))
        return false;
    seL4_CPtr handler = env_thread(env, handler_loop, 0, 0, PRIORITY_HIGHER, vspace);
    seL4_CPtr faulting = env_thread_stopped(env, faulting_loop, 0, 0, PRIORITY_SAME, 0);
    if (!handler || !faulting ||
        seL4_TCB_SetSpace(faulting, run.endpoint, seL4_CapInitThreadCNode, 0,
                          seL4_CapInitThreadVSpace, 0) ||
        seL4_TCB_Resume(faulting))
        return false;
    seL4_Wait(run.done, 0);
    return true;
}
