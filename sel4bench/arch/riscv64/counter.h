/* The riscv64 cycle counter: rdcycle, user-readable once the kernel sets scounteren.CY (and
 * the firmware mcounteren.CY). On QEMU with -icount it counts instructions. */
#pragma once
#include <stdint.h>

static inline uint64_t counter_read(void)
{
    uint64_t cycles;
    __asm__ volatile("rdcycle %0" : "=r"(cycles)::"memory");
    return cycles;
}

static inline const char *counter_name(void)
{
    return "rdcycle";
}
