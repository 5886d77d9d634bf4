/* The aarch64 cycle counter, PMCCNTR_EL0, which the kernel enables for EL0. The isb keeps
 * the read from being hoisted above earlier instructions. */
#pragma once
#include <stdint.h>

static inline uint64_t counter_read(void)
{
    uint64_t value;
    __asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(value) : : "memory");
    return value;
}

static inline const char *counter_name(void)
{
    return "pmccntr_el0";
}
