/* The running thread and the way out of the kernel: run the highest-priority thread that can
 * run, or stop the machine when none can ever run again. */
#include <arch.h>
#include <core/exit_status.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>

struct tcb *current_thread;

void kernel_exit(void)
{
    struct tcb *next = scheduler_pick();
    if (next) {
        current_thread = next;
        thread_activate(next);
        arch_return_to_user(next);
    }
    /* No idle thread yet (the MCS/timer part of issue #11): a machine where every thread is
     * stopped or blocked stops, which is how the tests end. */
    kernel_stop(EXIT_STATUS_NO_THREAD_CAN_RUN, "no thread can run");
}
