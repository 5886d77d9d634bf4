/* The benchmark syscalls of a BENCHMARK build (api/benchmark.c): seL4's BenchmarkNullSyscall
 * and this kernel's hardware-limit switch, the floor sel4bench compares IPC with. */
#pragma once
#include <types.h>

struct tcb;
/* BenchmarkNullSyscall in a BENCHMARK build; false for any other number or build. */
bool benchmark_syscall(struct tcb *thread, sword_t number);
/* SysBenchmarkHardwareLimit: with a TCB capability in the cap register, pair that thread
 * with `thread` and return; with 0, switch to `thread`'s partner and return to user there.
 * Outside a BENCHMARK build, or unpaired, it is an unknown syscall. */
_Noreturn void benchmark_hardware_limit(struct tcb *thread, sword_t number);
