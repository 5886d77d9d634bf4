/* Syscall entry: dispatch on the syscall number. The API syscalls arrive with the IPC issue;
 * until then every API number is reported as an unknown syscall. */
#include <api/syscall.h>
#include <arch.h>
#include <config.h>
#include <core/stop.h>
#include <core/thread.h>
#include <lib/printf.h>
#include <sel4/syscall_numbers.h>

static _Noreturn void unknown_syscall(sword_t number)
{
    struct tcb *thread = current_thread;
    kprintf("fault: thread '%s': unknown syscall %ld at ip %lx\n", thread->name, number,
            arch_user_reg_get(&thread->context, REG_FAULT_IP));
    thread->state = THREAD_INACTIVE;
    kernel_exit();
}

/* DebugHalt ends the run; the status travels in the cap register (our extension: upstream
 * takes no argument, so an upstream root task's status is whatever that register held). */
static _Noreturn void debug_halt(word_t status)
{
    kernel_stop(status & 0x7f, "DebugHalt");
}

void syscall_handle(void)
{
    struct arch_context *context = &current_thread->context;
    sword_t number = (sword_t)arch_user_reg_get(context, REG_SYSCALL);
    word_t cap_reg = arch_user_reg_get(context, REG_CAP);
    switch (number) {
    case seL4_SysDebugPutChar:
        arch_console_putchar((char)cap_reg);
        break;
    case seL4_SysDebugHalt:
        if (CONFIG_DEBUG)
            debug_halt(cap_reg);
        unknown_syscall(number);
    default:
        unknown_syscall(number);
    }
    kernel_exit();
}
