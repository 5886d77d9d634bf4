/* The running thread and the way out of the kernel. Until the scheduler arrives with the
 * object-model issue the only thread is the root task. */
#include <arch.h>
#include <core/exit_status.h>
#include <core/stop.h>
#include <core/thread.h>

struct tcb *current_thread;

void kernel_exit(void)
{
    if (current_thread->state == THREAD_RUNNING)
        arch_return_to_user(current_thread);
    /* No IRQ can be bound to a notification yet, so nothing could ever wake a thread. */
    kernel_stop(EXIT_STATUS_NO_THREAD_CAN_RUN, "no thread can run");
}
