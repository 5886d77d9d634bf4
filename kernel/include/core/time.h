/* Kernel time: the arch's monotonic counter (arch_time_now), in its own ticks, and the
 * conversions to and from the microseconds of the ABI (budgets, periods, Consumed). */
#pragma once
#include <types.h>

typedef uint64_t ticks_t;

/* Microseconds as counter ticks, rounded down. */
ticks_t time_us_to_ticks(uint64_t us);
/* Counter ticks as microseconds, rounded down; exact for any 64-bit tick count. */
uint64_t time_ticks_to_us(ticks_t ticks);
