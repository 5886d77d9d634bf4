/* The running thread and the way out of the kernel: run the highest-priority thread that can
 * run, or stop the machine when none can ever run again. */
#include <arch.h>
#include <core/exit_status.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <object/tcb.h>

struct tcb *current_thread;
paddr_t vspace_active_root;

paddr_t thread_vspace_root(const struct tcb *thread)
{
    struct cap vspace = thread->slots[TCB_VTABLE].cap;
    paddr_t root = arch_vspace_root(vspace);
    if (root && root == thread->vspace_root && asid_find_vspace(cap_mapped_asid(vspace)) == root)
        return root;
    return arch_vspace_empty_root();
}

void kernel_exit(void)
{
    struct tcb *next = scheduler_pick();
    if (next) {
        current_thread = next;
        thread_activate(next);
        vspace_activate(thread_vspace_root(next));
        arch_context_restore(next);
    }
    /* No idle thread yet (the MCS/timer part of issue #11): a machine where every thread is
     * stopped or blocked stops, which is how the tests end. */
    kernel_stop(EXIT_STATUS_NO_THREAD_CAN_RUN, "no thread can run");
}
