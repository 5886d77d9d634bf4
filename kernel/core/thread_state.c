/* Thread state changes (sel4-abi.md §12): the one place a state is set, and the Restart
 * state's meaning, redoing the syscall. */
#include <arch.h>
#include <core/scheduler.h>
#include <core/thread_state.h>

void thread_set_state(struct tcb *tcb, enum thread_state state)
{
    tcb->state = state;
    scheduler_update(tcb);
}

bool thread_is_blocked(const struct tcb *tcb)
{
    switch (tcb->state) {
    case THREAD_BLOCKED_ON_SEND:
    case THREAD_BLOCKED_ON_RECEIVE:
    case THREAD_BLOCKED_ON_REPLY:
    case THREAD_BLOCKED_ON_NOTIFICATION:
        return true;
    default:
        return false;
    }
}

void thread_activate(struct tcb *tcb)
{
    if (tcb->state != THREAD_RESTART)
        return;
    word_t fault_ip = arch_user_reg_get(&tcb->context, REG_FAULT_IP);
    arch_user_reg_set(&tcb->context, REG_NEXT_IP, fault_ip);
    tcb->state = THREAD_RUNNING;
}
