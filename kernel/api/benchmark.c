/*
 * The benchmark syscalls (BENCHMARK builds only). BenchmarkNullSyscall (ABI §1.2) enters and
 * leaves the kernel. The hardware-limit switch is this kernel's own: kernel entry, a switch
 * to the partner thread's address space and registers, kernel exit; nothing else: the two
 * hooks the return to user is made of (vspace_activate over arch_vspace_load, then
 * arch_context_restore), as the fastpath uses them.
 */
#include <api/benchmark.h>
#include <api/syscall.h>
#include <arch.h>
#include <config.h>
#include <core/cspace.h>
#include <core/scheduler.h>
#include <core/thread.h>
#include <core/thread_state.h>
#include <object/tcb.h>
#include <sel4/syscall_numbers.h>

/* The one pair of threads that switch to each other. Both stay runnable in the ready queues
 * of one priority, so a switch changes no scheduler state that a later kernel_exit would
 * trust: either may be picked to run. The switch is kernel_exit without its scheduler_pick
 * and without thread_vspace_root's check that the VSpace is still there: the cached root is
 * used. sel4bench never deletes a paired thread or its VSpace; a BENCHMARK kernel is not a
 * kernel to run anything else on. */
static struct tcb *hardware_limit_pair[2];

bool benchmark_syscall(struct tcb *thread, sword_t number)
{
    (void)thread;
    return CONFIG_BENCHMARK && number == seL4_SysBenchmarkNullSyscall;
}

/* Pair `thread` with the thread whose TCB capability is at `cptr`; false if there is none. */
static bool hardware_limit_pair_with(struct tcb *thread, cptr_t cptr)
{
    struct lookup_fault fault;
    word_t bits_left;
    struct cte *slot = cspace_resolve(thread->slots[TCB_CTABLE].cap, cptr, seL4_WordBits,
                                      &bits_left, &fault);
    if (!slot || cap_type(slot->cap) != CAP_THREAD)
        return false;
    hardware_limit_pair[0] = thread;
    hardware_limit_pair[1] = tcb_at(cap_object(slot->cap));
    return true;
}

void benchmark_hardware_limit(struct tcb *thread, sword_t number)
{
    cptr_t cptr = arch_user_reg_get(&thread->context, REG_CAP);
    if (!CONFIG_BENCHMARK)
        unknown_syscall(number);
    if (cptr) {
        if (!hardware_limit_pair_with(thread, cptr))
            unknown_syscall(number);
        kernel_exit();
    }
    struct tcb *partner = thread == hardware_limit_pair[0] ? hardware_limit_pair[1]
                        : thread == hardware_limit_pair[1] ? hardware_limit_pair[0] : 0;
    if (!partner || !scheduler_is_schedulable(partner))
        unknown_syscall(number);
    current_thread = partner;
    thread_activate(partner);
    vspace_activate(partner->vspace_root);
    arch_context_restore(partner);
}
