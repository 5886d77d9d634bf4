/* Time: the `time` counter at the board's timebase, the kernel's one-shot timer on the
 * supervisor timer (SBI TIME extension), and the counters user mode may read (scounteren). */
#include <arch.h>
#include <arch/csr.h>
#include <arch/sbi.h>
#include <board.h>
#include <core/stop.h>
#include <core/time.h>

void arch_init_timer(void)
{
    if (!sbi_probe_extension(SBI_EXT_TIME))
        kernel_panic("timer: the SBI firmware has no TIME extension");
    sbi_set_timer(UINT64_MAX);
    csr_set(sie, SIE_STIE);
}

uint64_t arch_time_now(void)
{
    return csr_read(time);
}

uint64_t arch_time_hz(void)
{
    return BOARD_TIMER_FREQUENCY_HZ;
}

void arch_timer_set_deadline(uint64_t deadline)
{
    sbi_set_timer(deadline);
}

/* 1 µs, as seL4's riscv timer.h has it. */
uint64_t arch_timer_precision(void)
{
    return time_us_to_ticks(1);
}

word_t arch_timer_irq(void)
{
    return BOARD_TIMER_IRQ;
}

/* A deadline that never comes clears the pending supervisor timer interrupt. */
void arch_timer_ack(void)
{
    sbi_set_timer(UINT64_MAX);
}

void arch_enable_user_counter(void)
{
    csr_write(scounteren, SCOUNTEREN_CY | SCOUNTEREN_TM | SCOUNTEREN_IR);
}
