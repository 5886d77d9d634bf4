/* Conversions between the arch counter's ticks and microseconds, at the rate the arch
 * reports (arch_time_hz), without overflow for any value the ABI allows. */
#include <arch.h>
#include <core/time.h>

#define US_PER_SECOND 1000000ull

ticks_t time_us_to_ticks(uint64_t us)
{
    uint64_t hz = arch_time_hz();
    return us / US_PER_SECOND * hz + us % US_PER_SECOND * hz / US_PER_SECOND;
}

uint64_t time_ticks_to_us(ticks_t ticks)
{
    uint64_t hz = arch_time_hz();
    return ticks / hz * US_PER_SECOND + ticks % hz * US_PER_SECOND / hz;
}
