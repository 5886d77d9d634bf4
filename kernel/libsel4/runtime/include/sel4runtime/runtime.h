/* The root-task runtime: start-up, console output over DebugPutChar, and ending the run. */
#pragma once
#include <sel4/sel4.h>

/* Every root task defines main; the runtime calls it with the boot info. Its return value is
 * the run's exit status (0..124). */
int main(seL4_BootInfo *bootinfo);

__attribute__((format(printf, 1, 2))) int printf(const char *format, ...);
/* The first untyped of RAM (not device memory) in the boot info with at least 2^bits bytes;
 * 0 if none. */
seL4_CPtr sel4runtime_find_untyped(const seL4_BootInfo *bootinfo, seL4_Word bits);
/* A new thread's registers: start at entry(arg0, arg1) on the stack ending at stack_top (an
 * arch's calling convention; kernel/libsel4/arch/<arch>/context.c). Other words untouched. */
void sel4runtime_context_init(seL4_UserContext *context, seL4_Word entry, seL4_Word stack_top,
                              seL4_Word arg0, seL4_Word arg1);
/* End the run: QEMU exits with `status` (DebugHalt carrying the status in the cap register). */
_Noreturn void sel4runtime_exit(int status);
