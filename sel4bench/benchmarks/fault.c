/*
 * The UnknownSyscall fault round trip: a thread makes a syscall the kernel does not have; the
 * kernel sends the fault to the thread's handler (an endpoint), the handler replies with the
 * fault's registers but FaultIP stepped over the syscall instruction, and the thread resumes
 * after it. One sample is the faulting thread's counter read before the syscall to its read
 * after it resumes. The handler runs at a higher priority, in the runner's address space or a
 * second one, with registers and its own IPC buffer only; the faulting thread writes the
 * samples and signals the runner when it is done.
 */
#include "bench.h"

#define NOT_A_SYSCALL 100 /* no syscall of the ABI's, nor a debug or benchmark one */

struct fault_run {
    seL4_CPtr endpoint, reply, done;
    seL4_Word handler_buffer; /* the handler's IPC buffer, in its own address space */
    uint64_t *samples;
    int count;
};

static struct fault_run run;

static void handler_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    seL4_Word ip = platform_unknown_syscall_fault_ip_word;
    seL4_IPCBuffer *buffer = (seL4_IPCBuffer *)run.handler_buffer;
    seL4_Word reply_info = seL4_MessageInfo_new(0, 0, 0, ip + 1).words[0];
    struct seL4_SyscallRegs regs = {run.endpoint, 0, {0, 0, 0, 0}, run.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        if (ip < 4)
            regs.mr[ip] += platform_syscall_bytes;
        else
            buffer->msg[ip] += platform_syscall_bytes;
        regs.cap = run.endpoint;
        regs.info = reply_info;
        regs.reply = run.reply;
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

static void faulting_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    for (int i = 0; i < run.count; i++) {
        struct seL4_SyscallRegs regs = {0, 0, {0, 0, 0, 0}, 0, 0};
        uint64_t start = counter_read();
        seL4_ArchSyscall(NOT_A_SYSCALL, &regs);
        uint64_t end = counter_read();
        run.samples[i] = end - start;
    }
    seL4_Signal(run.done);
    seL4_Wait(run.done, 0); /* nobody signals it again */
}

bool bench_fault(struct env *env, const struct bench_params *params, uint64_t *samples,
                 int count)
{
    run = (struct fault_run){env_retype(env, seL4_EndpointObject, 0),
                             env_retype(env, seL4_ReplyObject, 0),
                             env_retype(env, seL4_NotificationObject, 0), 0, samples, count};
    seL4_CPtr vspace, faulting;
    if (!run.endpoint || !run.reply || !run.done || !env_partner_space(env, params, &vspace))
        return false;
    seL4_CPtr handler = env_thread_stopped(env, handler_loop, 0, 0, PRIORITY_HIGHER, vspace);
    run.handler_buffer = env->last_ipc_buffer;
    faulting = env_thread_stopped(env, faulting_loop, 0, 0, PRIORITY_SAME, 0);
    if (!handler || !faulting || seL4_TCB_Resume(handler) ||
        seL4_TCB_SetSpace(faulting, run.endpoint, seL4_CapInitThreadCNode, 0,
                          seL4_CapInitThreadVSpace, 0) ||
        seL4_TCB_Resume(faulting))
        return false;
    seL4_Wait(run.done, 0);
    return true;
}
