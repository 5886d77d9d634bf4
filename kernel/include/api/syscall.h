/* Kernel entry from user mode: syscalls and faults (interrupts enter through core/interrupt.h).
 * The arch's trap code has saved the user registers into current_thread->context before
 * calling any of these. */
#pragma once
#include <types.h>

/* A syscall instruction; the number is in the REG_SYSCALL role. Returns through kernel_exit. */
_Noreturn void syscall_handle(void);
/* A syscall number the kernel does not provide in this build: an UnknownSyscall fault. */
_Noreturn void unknown_syscall(sword_t number);
/* The debug syscalls of a DEBUG build (api/debug.c); false for any other number. */
struct tcb;
bool debug_syscall(struct tcb *thread, sword_t number);
/* A user access to an address it may not touch: a VMFault to the thread's handler. */
_Noreturn void fault_handle_vm(vaddr_t address, bool instruction_fetch, word_t status);
/* Any other user exception (undefined instruction, alignment, ...): a UserException. */
_Noreturn void fault_handle_user_exception(word_t number, word_t code);
