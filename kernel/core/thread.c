/* The running thread and the way out of the kernel: run the thread the scheduler chooses, or
 * idle until an interrupt makes one runnable; with STOP_WHEN_DEAD, stop the machine when none
 * ever can again. */
#include <arch.h>
#include <config.h>
#include <core/exit_status.h>
#include <core/interrupt.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <core/thread.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <object/sched_context.h>
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

/* Nothing is runnable, nothing waits for a refill, and no interrupt can signal anyone. */
static bool no_thread_can_ever_run(void)
{
    return !scheduler_has_releases() && !interrupt_may_signal();
}

void kernel_exit(void)
{
    for (;;) {
        struct tcb *next = scheduler_choose();
        if (next) {
            current_thread = next;
            sched_context_complete_yield_to(next);
            thread_activate(next);
            vspace_activate(thread_vspace_root(next));
            arch_context_restore(next);
        }
        if (CONFIG_STOP_WHEN_DEAD && no_thread_can_ever_run())
            kernel_stop(EXIT_STATUS_NO_THREAD_CAN_RUN, "no thread can run");
        word_t irq = arch_idle_wait();
        scheduler_interrupt_entry();
        interrupt_dispatch(irq);
    }
}
