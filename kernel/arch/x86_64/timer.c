/*
 * Time: the TSC is the kernel's counter and the local APIC timer, one-shot, its timer. Neither
 * rate is architectural, so both are measured at boot against the PIT (channel 2, whose
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
#include <core/time.h>
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

/* `count` per second, from a count over the calibration interval. */
static uint64_t per_second(uint64_t count)
{
    return (count * PIT_HZ + CALIBRATION_PIT_TICKS / 2) / CALIBRATION_PIT_TICKS;
}

static uint64_t tsc_hz, lapic_hz;

void arch_init_timer(void)
{
    struct calibration measured = calibrate();
    tsc_hz = per_second(measured.tsc_cycles);
    lapic_hz = per_second(measured.lapic_ticks);
    tsc_mhz = (tsc_hz + 500000) / 1000000;
    if (!tsc_mhz || !lapic_hz)
        kernel_panic("timer: calibration failed (TSC %lu, LAPIC %u in 10 ms)",
                     (word_t)measured.tsc_cycles, measured.lapic_ticks);
    lapic_timer_start_oneshot(BOARD_TIMER_IRQ);
    kprintf("kernel: TSC %u MHz; LAPIC timer %lu Hz, one-shot\n", tsc_mhz, (word_t)lapic_hz);
}

uint64_t arch_time_now(void)
{
    return cpu_read_tsc();
}

uint64_t arch_time_hz(void)
{
    return tsc_hz;
}

/* The LAPIC counts down from a 32-bit value: a deadline more than a second away is cut to a
 * second (the kernel sets it again when that interrupt comes). */
/* 1 µs, as seL4's x86 timer.h has it. */
uint64_t arch_timer_precision(void)
{
    return time_us_to_ticks(1);
}

void arch_timer_set_deadline(uint64_t deadline)
{
    if (deadline == UINT64_MAX) {
        lapic_timer_arm(0);
        return;
    }
    uint64_t now = cpu_read_tsc();
    uint64_t delta = deadline > now ? deadline - now : 0;
    if (delta > tsc_hz)
        delta = tsc_hz;
    uint64_t ticks = delta * lapic_hz / tsc_hz + 1;
    lapic_timer_arm(ticks > UINT32_MAX ? UINT32_MAX : (uint32_t)ticks);
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

/* One-shot: it is quiet once it has fired, and trap.c has sent the EOI already. */
void arch_timer_ack(void)
{
}
