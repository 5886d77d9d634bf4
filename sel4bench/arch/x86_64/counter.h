/* The x86_64 cycle counter: the TSC, read between two LFENCEs so that earlier instructions
 * have finished before the read and later ones start after it. The kernel clears CR4.TSD. */
#pragma once
#include <stdint.h>

static inline uint64_t counter_read(void)
{
    uint32_t low, high;
    __asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(low), "=d"(high)::"memory");
    return (uint64_t)high << 32 | low;
}

static inline const char *counter_name(void)
{
    return "tsc";
}
