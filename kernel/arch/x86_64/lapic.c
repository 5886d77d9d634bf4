/*
 * The local APIC (xAPIC, through the physical window) and arch_init_interrupts: the legacy
 * PICs and every I/O APIC pin masked, the local APIC on with its local interrupts masked.
 * The timer registers serve timer.c.
 */
#include <arch.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <board.h>

#define LAPIC_ID 0x20
#define LAPIC_VERSION 0x30
#define LAPIC_TASK_PRIORITY 0x80
#define LAPIC_EOI 0xb0
#define LAPIC_SPURIOUS 0xf0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_THERMAL 0x330
#define LAPIC_LVT_PERFORMANCE 0x340
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE 0x3e0

#define APIC_BASE_ENABLE BIT(11)
#define SPURIOUS_APIC_ENABLE BIT(8)
#define LVT_MASKED BIT(16)
#define TIMER_DIVIDE_BY_16 0x3

static volatile uint32_t *lapic_register(unsigned offset)
{
    return (volatile uint32_t *)((uint8_t *)arch_phys_to_virt(
                                     BOARD_INTERRUPT_CONTROLLER_LAPIC_BASE) + offset);
}

static uint32_t lapic_read(unsigned offset)
{
    return *lapic_register(offset);
}

static void lapic_write(unsigned offset, uint32_t value)
{
    *lapic_register(offset) = value;
}

void lapic_init(void)
{
    uint64_t base = cpu_read_msr(MSR_APIC_BASE);
    cpu_write_msr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    lapic_write(LAPIC_SPURIOUS, SPURIOUS_APIC_ENABLE | VECTOR_SPURIOUS);
    unsigned max_lvt = lapic_read(LAPIC_VERSION) >> 16 & 0xff;
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    if (max_lvt >= 5)
        lapic_write(LAPIC_LVT_THERMAL, LVT_MASKED);
    if (max_lvt >= 4)
        lapic_write(LAPIC_LVT_PERFORMANCE, LVT_MASKED);
    lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
    lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
    lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
    lapic_write(LAPIC_TASK_PRIORITY, 0);
}

uint32_t lapic_id(void)
{
    return lapic_read(LAPIC_ID) >> 24;
}

void lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

void lapic_timer_start_counting(void)
{
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
    lapic_write(LAPIC_TIMER_INITIAL, UINT32_MAX);
}

uint32_t lapic_timer_current(void)
{
    return lapic_read(LAPIC_TIMER_CURRENT);
}

void lapic_timer_start_oneshot(uint8_t vector)
{
    lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
    lapic_write(LAPIC_LVT_TIMER, vector); /* mode 0: one-shot */
    lapic_write(LAPIC_TIMER_INITIAL, 0);
}

void lapic_timer_arm(uint32_t ticks)
{
    lapic_write(LAPIC_TIMER_INITIAL, ticks);
}

void arch_init_interrupts(void)
{
    pic_disable();
    lapic_init();
    ioapic_init(lapic_id());
}
