/* Time: the kernel's periodic tick on the supervisor timer, programmed through SBI (TIME
 * extension) from the board's timebase, and the counters user mode may read (scounteren). */
#include <arch.h>
#include <arch/csr.h>
#include <arch/sbi.h>
#include <board.h>
#include <core/stop.h>

#define TICK_TIMEBASE (BOARD_TIMER_FREQUENCY_HZ / 1000000ul * KERNEL_TICK_US)
_Static_assert(BOARD_TIMER_FREQUENCY_HZ % 1000000ul == 0, "timebase in whole MHz");

static uint64_t next_deadline;

static uint64_t timebase_now(void)
{
    return csr_read(time);
}

void arch_init_timer(void)
{
    if (!sbi_probe_extension(SBI_EXT_TIME))
        kernel_panic("timer: the SBI firmware has no TIME extension");
    next_deadline = timebase_now() + TICK_TIMEBASE;
    sbi_set_timer(next_deadline);
    csr_set(sie, SIE_STIE);
}

word_t arch_timer_irq(void)
{
    return BOARD_TIMER_IRQ;
}

/* Ticks stay on a fixed grid; after a long stall the missed ones are dropped, not replayed. */
void arch_timer_ack(void)
{
    uint64_t now = timebase_now();
    next_deadline += TICK_TIMEBASE;
    if (next_deadline <= now)
        next_deadline = now + TICK_TIMEBASE;
    sbi_set_timer(next_deadline);
}

void arch_enable_user_counter(void)
{
    csr_write(scounteren, SCOUNTEREN_CY | SCOUNTEREN_TM | SCOUNTEREN_IR);
}
