/*
 * The budget-exhaustion Timeout fault round trip (scheduler). A thread spins on a budget of
 * TIMEOUT_BUDGET_US (period TIMEOUT_PERIOD_US: not round robin, so exhaustion is a fault)
 * with a timeout handler at a higher priority; when the budget runs out, the kernel's timer
 * interrupt charges it and sends the Timeout fault to the handler, which refills the thread
 * (SchedControl_Configure of its context: the thread is blocked on the fault, so the kernel
 * gives it a whole budget from now) and replies with an empty message (label 0: the thread
 * resumes where the interrupt stopped it).
 *
 * The spinning thread reads the counter in a tight loop; the handler reads none. A sample is
 * the widest gap between two consecutive reads of one round: from the last read before the
 * budget ran out to the first read after the thread resumed, that is one loop iteration plus
 * the interruption, wherever in the loop the interrupt lands. (Upstream's 2016 timeout app
 * also timed the delivery alone, from the thread's last stored read to the handler's read;
 * that holds the part of the loop run since the read, which depends on where the interrupt
 * lands, so its minimum depends on which landings a run happens to sample: not kept.) Both
 * threads run in the runner's address space; the handler invokes through registers and its
 * own IPC buffer only.
 */
#include "bench.h"

#define TIMEOUT_BUDGET_US 50
#define TIMEOUT_PERIOD_US 1000
#define CONFIGURE_LENGTH 5 /* budget, period, extra refills, badge, flags */

struct timeout_run {
    seL4_CPtr endpoint, reply, done, sched_control, spinner_sc;
    seL4_Word handler_buffer;
    volatile int round;          /* Timeout faults the handler has answered */
    uint64_t *samples;
    int count;
};

static struct timeout_run run;

/* SchedControl_ConfigureFlags of the spinning thread's context, through registers and the
 * handler's own IPC buffer (the runtime's buffer pointer names the runner's). */
static void refill_spinner(seL4_IPCBuffer *buffer)
{
    buffer->msg[4] = 0; /* flags */
    buffer->caps_or_badges[0] = run.spinner_sc;
    seL4_Word info =
        seL4_MessageInfo_new(SchedControlConfigureFlags, 0, 1, CONFIGURE_LENGTH).words[0];
    struct seL4_SyscallRegs regs = {run.sched_control, info,
                                    {TIMEOUT_BUDGET_US, TIMEOUT_PERIOD_US, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
}

static void handler_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    seL4_IPCBuffer *buffer = (seL4_IPCBuffer *)run.handler_buffer;
    seL4_Word empty_reply = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    struct seL4_SyscallRegs regs = {run.endpoint, 0, {0, 0, 0, 0}, run.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        refill_spinner(buffer);
        run.round++;
        regs = (struct seL4_SyscallRegs){run.endpoint, empty_reply, {0, 0, 0, 0}, run.reply, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

/* Spin until `count` faults are answered. The instructions between two reads must not depend
 * on where the interrupt lands: the handler's count is loaded after the read and compared
 * only in the next iteration, so the iteration the interrupt splits takes the same path
 * whether it loaded the old count or the new one. The round is recorded one or two reads
 * after the resume, when its widest gap is in. */
static void spinning_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    uint64_t previous = counter_read(), widest = 0;
    int seen = 0, answered = 0;
    while (seen < run.count) {
        uint64_t now = counter_read();
        widest = now - previous > widest ? now - previous : widest;
        previous = now;
        if (answered != seen) {
            run.samples[seen++] = widest;
            widest = 0;
        }
        answered = run.round;
    }
    seL4_Signal(run.done);
    seL4_Wait(run.done, 0); /* nobody signals it again */
}

bool bench_timeout_fault(struct env *env, const struct bench_params *params, uint64_t *samples,
                         int count)
{
    (void)params;
    run = (struct timeout_run){env_retype(env, seL4_EndpointObject, 0),
                               env_retype(env, seL4_ReplyObject, 0),
                               env_retype(env, seL4_NotificationObject, 0),
                               env->bootinfo->schedcontrol.start, 0, 0, 0, samples, count};
    if (!run.endpoint || !run.reply || !run.done)
        return false;
    seL4_CPtr handler = env_thread_stopped(env, handler_loop, 0, 0, PRIORITY_HIGHER, 0);
    run.handler_buffer = env->last_ipc_buffer;
    seL4_CPtr spinner = env_thread_stopped(env, spinning_loop, 0, 0, PRIORITY_SAME, 0);
    run.spinner_sc = env->last_sched_context;
    if (!handler || !spinner || seL4_TCB_Resume(handler) ||
        seL4_SchedControl_Configure(run.sched_control, run.spinner_sc, TIMEOUT_BUDGET_US,
                                    TIMEOUT_PERIOD_US, 0, 0) ||
        seL4_TCB_SetTimeoutEndpoint(spinner, run.endpoint) || seL4_TCB_Resume(spinner))
        return false;
    seL4_Wait(run.done, 0);
    return true;
}
