/* Time: the virtual counter (CNTVCT_EL0) at CNTFRQ_EL0, and the kernel's one-shot timer on
 * the EL1 virtual timer (CNTV), a PPI at the GIC: it interrupts while the counter is at or
 * past the compare value, so a far compare value quietens it. */
#include <arch.h>
#include <arch/gic.h>
#include <arch/sysreg.h>
#include <board.h>
#include <core/stop.h>

#define CNTV_CTL_ENABLE BIT(0)

static uint64_t frequency;

void arch_init_timer(void)
{
    frequency = sysreg_read(cntfrq_el0);
    if (!frequency)
        kernel_panic("timer: CNTFRQ_EL0 is 0");
    sysreg_write(cntkctl_el1, 0); /* no EL0 access to the counters or timers */
    arch_timer_set_deadline(UINT64_MAX);
    sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
    gic_enable(arch_timer_irq());
}

uint64_t arch_time_now(void)
{
    isb(); /* not read early, ahead of the kernel entry */
    return sysreg_read(cntvct_el0);
}

uint64_t arch_time_hz(void)
{
    return frequency;
}

/* None: seL4's ARM generic timer uses the platform's TIMER_PRECISION + TIMER_OVERHEAD_TICKS,
 * which qemu-arm-virt leaves at their default, 0. */
uint64_t arch_timer_precision(void)
{
    return 0;
}

void arch_timer_set_deadline(uint64_t deadline)
{
    sysreg_write(cntv_cval_el0, deadline);
    isb();
}

word_t arch_timer_irq(void)
{
    return BOARD_TIMER_IRQ;
}

void arch_timer_ack(void)
{
    arch_timer_set_deadline(UINT64_MAX);
}
