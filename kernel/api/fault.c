/* User faults. Until fault endpoints arrive with the IPC issue, a faulting thread is reported
 * on the console (the ABI's VMFault / UserException words) and stopped. */
#include <api/syscall.h>
#include <arch.h>
#include <core/thread.h>
#include <lib/printf.h>

static _Noreturn void stop_thread(void)
{
    arch_context_print(&current_thread->context);
    thread_set_state(current_thread, THREAD_INACTIVE); /* Resume redoes what faulted */
    kernel_exit();
}

void fault_handle_vm(vaddr_t address, bool instruction_fetch, word_t status)
{
    struct tcb *thread = current_thread;
    kprintf("fault: thread '%s': VMFault ip %lx addr %lx prefetch %d fsr %lx\n", thread->name,
            arch_user_reg_get(&thread->context, REG_FAULT_IP), address, instruction_fetch,
            status);
    stop_thread();
}

void fault_handle_user_exception(word_t number, word_t code)
{
    struct tcb *thread = current_thread;
    kprintf("fault: thread '%s': UserException ip %lx number %lx code %lx\n", thread->name,
            arch_user_reg_get(&thread->context, REG_FAULT_IP), number, code);
    stop_thread();
}
