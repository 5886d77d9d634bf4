/* The kernel's periodic tick: the EL1 virtual timer (CNTV), a PPI at the GIC. Deadlines
 * advance by a fixed step so the tick does not drift with interrupt latency. */
#include <arch.h>
#include <arch/gic.h>
#include <arch/sysreg.h>
#include <board.h>
#include <core/stop.h>

#define CNTV_CTL_ENABLE BIT(0)

static word_t ticks_per_interrupt;
static word_t deadline;

static void timer_set_deadline(word_t ticks)
{
    sysreg_write(cntv_cval_el0, ticks);
    isb();
}

void arch_init_timer(void)
{
    word_t frequency = sysreg_read(cntfrq_el0);
    ticks_per_interrupt = frequency * KERNEL_TICK_US / 1000000;
    if (!ticks_per_interrupt)
        kernel_panic("timer: CNTFRQ_EL0 is %lu Hz, too slow for a %u us tick", frequency,
                     KERNEL_TICK_US);
    sysreg_write(cntkctl_el1, 0); /* no EL0 access to the counters or timers */
    deadline = sysreg_read(cntvct_el0) + ticks_per_interrupt;
    timer_set_deadline(deadline);
    sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
    gic_enable(arch_timer_irq());
}

word_t arch_timer_irq(void)
{
    return BOARD_TIMER_IRQ;
}

/* Writing a deadline in the future also drops the (level) interrupt line. */
void arch_timer_ack(void)
{
    word_t now = sysreg_read(cntvct_el0);
    deadline += ticks_per_interrupt;
    if (deadline <= now)
        deadline = now + ticks_per_interrupt; /* missed ticks are not made up */
    timer_set_deadline(deadline);
}
