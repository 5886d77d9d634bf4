/*
 * The kernel timer: the local APIC timer, periodic, every KERNEL_TICK_US. Neither its rate nor
 * the TSC's is architectural, so both are measured at boot against the PIT (channel 2, whose
 * output is readable on port 0x61). The TSC rate also goes to the root task's boot info.
 */
#include <arch.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/irq.h>
#include <arch/timer.h>
#include <board.h>
#include <core/stop.h>
#include <lib/printf.h>

#define PIT_HZ 1193182ull
#define PIT_CHANNEL2_DATA 0x42
#define PIT_COMMAND 0x43
#define PIT_CHANNEL2_ONESHOT 0xb0 /* channel 2, low then high byte, mode 0 */
#define PORT_61 0x61
#define PORT_61_GATE2 0x01
#define PORT_61_SPEAKER 0x02
#define PORT_61_OUT2 0x20
#define CALIBRATION_PIT_TICKS 11932ull /* 10 ms */
#define CALIBRATION_MAX_POLLS (1ul << 26)

struct calibration {
    uint64_t tsc_cycles;
    uint32_t lapic_ticks;
};

static uint32_t tsc_mhz;

uint32_t timer_tsc_mhz(void)
{
    return tsc_mhz;
}

/* The TSC cycles and LAPIC timer ticks that pass while the PIT counts CALIBRATION_PIT_TICKS.
 * The gate is raised first: mode 0 then counts from the write of the count's high byte. */
static struct calibration calibrate(void)
{
    io_out8(PORT_61, (io_in8(PORT_61) & ~PORT_61_SPEAKER) | PORT_61_GATE2);
    io_out8(PIT_COMMAND, PIT_CHANNEL2_ONESHOT);
    io_out8(PIT_CHANNEL2_DATA, CALIBRATION_PIT_TICKS & 0xff);
    lapic_timer_start_counting();
    io_out8(PIT_CHANNEL2_DATA, CALIBRATION_PIT_TICKS >> 8);
    uint64_t tsc_start = cpu_read_tsc();
    uint32_t lapic_start = lapic_timer_current();
    word_t polls = 0;
    while (!(io_in8(PORT_61) & PORT_61_OUT2)) {
        if (++polls == CALIBRATION_MAX_POLLS)
            kernel_panic("timer: PIT channel 2 never reached zero");
    }
    uint32_t lapic_end = lapic_timer_current();
    uint64_t tsc_end = cpu_read_tsc();
    return (struct calibration){tsc_end - tsc_start, lapic_start - lapic_end};
}

/* `count` per `interval_us` microseconds, from a count over the calibration interval. */
static uint64_t per_interval(uint64_t count, uint64_t interval_us)
{
    uint64_t divisor = CALIBRATION_PIT_TICKS * 1000000;
    return (count * PIT_HZ * interval_us + divisor / 2) / divisor;
}

void arch_init_timer(void)
{
    struct calibration measured = calibrate();
    tsc_mhz = per_interval(measured.tsc_cycles, 1);
    uint64_t ticks = per_interval(measured.lapic_ticks, KERNEL_TICK_US);
    if (!tsc_mhz || !ticks || ticks > UINT32_MAX)
        kernel_panic("timer: calibration failed (TSC %lu, LAPIC %u in 10 ms)",
                     (word_t)measured.tsc_cycles, measured.lapic_ticks);
    lapic_timer_start_periodic(ticks, BOARD_TIMER_IRQ);
    kprintf("kernel: TSC %u MHz; LAPIC timer every %u us (%lu ticks)\n", tsc_mhz,
            KERNEL_TICK_US, (word_t)ticks);
}

/* The board gives the timer's vector; it must be no user IRQ's (arch/irq.h). */
_Static_assert(BOARD_TIMER_IRQ >= IRQ_VECTOR_OFFSET &&
                   BOARD_TIMER_IRQ - IRQ_VECTOR_OFFSET <= ARCH_MAX_IRQ &&
                   (BOARD_TIMER_IRQ - IRQ_VECTOR_OFFSET < IRQ_USER_MIN ||
                    BOARD_TIMER_IRQ - IRQ_VECTOR_OFFSET > IRQ_USER_MAX),
               "boards/qemu-x86_64.toml: timer.irq");

word_t arch_timer_irq(void)
{
    return BOARD_TIMER_IRQ - IRQ_VECTOR_OFFSET;
}

/* Periodic, and trap.c has sent the EOI already (irq_handle_vector). */
void arch_timer_ack(void)
{
}
