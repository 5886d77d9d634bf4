/*
 * Signal on a notification (upstream sel4bench's signal definitions). To a waiting thread
 * of higher priority: from the read before the Signal to the read after the waiter's Wait
 * returns (the Signal switches at once). To a waiting thread of lower priority: the Signal
 * alone, read before and after in the runner (no switch); the waiter then acknowledges with
 * NBSendWait while the runner waits, so it is waiting again for the next round. With nobody
 * waiting: the Signal alone, the notification idle before each one (a Poll clears it).
 * The waiter runs in the runner's address space or a second one, as the case says; it makes
 * its syscalls through registers only, since the runtime's IPC buffer pointer names the
 * runner's buffer, which a second address space does not map.
 */
#include "bench.h"

#define SIGNAL_BADGE 1

struct waiter {
    seL4_CPtr notification, acknowledge;
    int round;
    uint64_t woken[BENCH_WARMUP + BENCH_SAMPLES];
};

static struct waiter waiter;

/* Wait on `notification`, first signalling `acknowledge` if it is not 0 (NBSendWait). */
static void wait_raw(seL4_CPtr notification, seL4_CPtr acknowledge)
{
    struct seL4_SyscallRegs regs = {notification, 0, {0, 0, 0, 0}, acknowledge, 0};
    seL4_ArchSyscall((seL4_Word)(acknowledge ? seL4_SysNBSendWait : seL4_SysWait), &regs);
}

static void wait_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct waiter *w = &waiter;
    for (;;) {
        wait_raw(w->notification, 0);
        w->woken[w->round++] = counter_read();
    }
}

static void wait_and_acknowledge_loop(seL4_Word arg0, seL4_Word arg1)
{
    (void)arg0;
    (void)arg1;
    struct waiter *w = &waiter;
    wait_raw(w->notification, 0);
    for (;;)
        wait_raw(w->notification, w->acknowledge);
}

/* A notification and a capability to it with SIGNAL_BADGE; the badged one, 0 on failure. */
static seL4_CPtr badged_notification(struct env *env, seL4_CPtr *notification)
{
    seL4_CPtr badged = env_slot(env);
    *notification = env_retype(env, seL4_NotificationObject, 0);
    if (!*notification || !badged ||
        seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, seL4_WordBits, seL4_CapInitThreadCNode,
                        *notification, seL4_WordBits, seL4_AllRights, SIGNAL_BADGE))
        return 0;
    return badged;
}

static bool signal_higher(struct env *env, seL4_CPtr vspace, seL4_CPtr badged,
                          uint64_t *samples, int count)
{
    if (!env_thread(env, wait_loop, 0, 0, PRIORITY_HIGHER, vspace))
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Signal(badged);
        samples[i] = waiter.woken[i] - start;
    }
    return true;
}

static bool signal_lower(struct env *env, seL4_CPtr vspace, seL4_CPtr badged,
                         uint64_t *samples, int count)
{
    seL4_CPtr acknowledge = env_retype(env, seL4_NotificationObject, 0);
    waiter.acknowledge = acknowledge;
    if (!acknowledge ||
        !env_thread(env, wait_and_acknowledge_loop, 0, 0, PRIORITY_LOWER, vspace))
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Signal(badged);
        uint64_t end = counter_read();
        samples[i] = end - start;
        seL4_Wait(acknowledge, 0);
    }
    return true;
}

static void signal_nobody_waiting(seL4_CPtr badged, seL4_CPtr notification, uint64_t *samples,
                                  int count)
{
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Signal(badged);
        uint64_t end = counter_read();
        samples[i] = end - start;
        seL4_Poll(notification, 0);
    }
}

bool bench_signal(struct env *env, const struct bench_params *params, uint64_t *samples,
                  int count)
{
    waiter.round = 0;
    seL4_CPtr vspace, badged = badged_notification(env, &waiter.notification);
    if (!badged || !env_partner_space(env, params, &vspace))
        return false;
    switch (params->priority) {
    case PRIORITY_HIGHER:
        return signal_higher(env, vspace, badged, samples, count);
    case PRIORITY_LOWER:
        return signal_lower(env, vspace, badged, samples, count);
    default:
        signal_nobody_waiting(badged, waiter.notification, samples, count);
        return true;
    }
}
