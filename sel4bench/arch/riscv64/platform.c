/* riscv64 (QEMU virt): the console is the 16550 at BOARD_UART_BASE, mapped from its device
 * untyped; Sv39 paging (two table levels below the root). The exit device is the kernel's
 * (not in any untyped), so the run ends by stopping every thread. */
#include "bench.h"
#include <board.h>

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

const seL4_Word platform_frame_type = seL4_RISCV_4K_Page;
const seL4_Word platform_unknown_syscall_fault_ip_word = 0;
const seL4_Word platform_syscall_bytes = 4; /* ecall */
static volatile seL4_Uint8 *uart;

static seL4_Error map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, bool cached)
{
    return seL4_RISCV_Page_Map(frame, vspace, vaddr, seL4_ReadWrite,
                               cached ? seL4_RISCV_Default_VMAttributes
                                      : seL4_RISCV_ExecuteNever);
}

static seL4_Error map_table(seL4_CPtr table, seL4_Word type, seL4_CPtr vspace, seL4_Word vaddr)
{
    (void)type; /* one page-table type at every level */
    return seL4_RISCV_PageTable_Map(table, vspace, vaddr, seL4_RISCV_Default_VMAttributes);
}

static const seL4_Word table_types[] = {seL4_RISCV_PageTableObject, seL4_RISCV_PageTableObject};
static const struct platform_paging paging = {map_frame, map_table, table_types, 2};

seL4_Error platform_map_page(struct env *env, seL4_CPtr vspace, seL4_CPtr frame,
                             seL4_Word vaddr, bool cached)
{
    return env_map_with_tables(env, &paging, vspace, frame, vaddr, cached);
}

seL4_Error platform_unmap_page(seL4_CPtr frame)
{
    return seL4_RISCV_Page_Unmap(frame);
}

void platform_console_init(struct env *env)
{
    uart = (volatile seL4_Uint8 *)env_map_page(env, env_device_frame(env, BOARD_UART_BASE),
                                               false);
}

void platform_putchar(char c)
{
    if (!uart)
        return;
    while (!(uart[UART_LSR] & UART_LSR_THRE))
        ;
    uart[UART_THR] = (seL4_Uint8)c;
}

uint64_t platform_counter_hz(const seL4_BootInfo *bootinfo)
{
    (void)bootinfo;
    return 0; /* rdcycle's rate is the core's clock, which the boot info does not give */
}

void platform_end_run(struct env *env)
{
    (void)env;
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    for (;;)
        ;
}

/* The interrupt source: QEMU virt's goldfish RTC (rtc@101000, PLIC source 11). An alarm set
 * at time 0 is already due, so writing ALARM_LOW (which arms it) raises the line at once,
 * whatever the RTC's clock says; CLEAR_INTERRUPT lowers it. */
#define RTC_PADDR 0x101000ul
#define RTC_IRQ 11
#define RTC_ALARM_LOW 0x08 /* 32-bit registers, byte offsets */
#define RTC_ALARM_HIGH 0x0c
#define RTC_IRQ_ENABLED 0x10
#define RTC_CLEAR_INTERRUPT 0x1c

static volatile seL4_Uint32 *rtc;

static void rtc_write(seL4_Word offset, seL4_Uint32 value)
{
    rtc[offset / sizeof(*rtc)] = value;
}

static void rtc_raise(void)
{
    rtc_write(RTC_ALARM_HIGH, 0);
    rtc_write(RTC_ALARM_LOW, 0);
}

static void rtc_clear(void)
{
    rtc_write(RTC_CLEAR_INTERRUPT, 1);
}

bool platform_irq_source(struct env *env, struct platform_irq_source *source)
{
    seL4_CPtr frame = env_device_frame(env, RTC_PADDR);
    rtc = frame ? (volatile seL4_Uint32 *)env_map_page(env, frame, false) : 0;
    *source = (struct platform_irq_source){env_slot(env), rtc_raise, rtc_clear,
                                           "goldfish RTC alarm at time 0 (PLIC source 11)"};
    if (!rtc || !source->handler || seL4_RISCV_Page_GetAddress(frame).paddr != RTC_PADDR ||
        seL4_IRQControl_Get(seL4_CapIRQControl, RTC_IRQ, seL4_CapInitThreadCNode,
                            source->handler, seL4_WordBits))
        return false;
    rtc_write(RTC_IRQ_ENABLED, 1);
    return true;
}
