/* The root-task runtime: start-up, console output over DebugPutChar, and ending the run. */
#pragma once
#include <sel4/sel4.h>

/* Every root task defines main; the runtime calls it with the boot info. Its return value is
 * the run's exit status (0..124). */
int main(seL4_BootInfo *bootinfo);

__attribute__((format(printf, 1, 2))) int printf(const char *format, ...);
/* End the run: QEMU exits with `status` (DebugHalt carrying the status in the cap register). */
_Noreturn void sel4runtime_exit(int status);
