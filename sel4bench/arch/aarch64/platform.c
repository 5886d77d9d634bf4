/* aarch64 (QEMU virt): the console is the PL011 at BOARD_UART_BASE, mapped from its device
 * untyped as device memory; three table levels below the root. The exit device (semihosting)
 * is EL1-only, so the run ends by stopping every thread. */
#include "bench.h"
#include <board.h>

#define PL011_DR 0
#define PL011_FR 6 /* in 32-bit registers: byte offset 0x18 */
#define PL011_FR_TXFF (1u << 5)

const seL4_Word platform_frame_type = seL4_ARM_SmallPageObject;
const seL4_Word platform_unknown_syscall_fault_ip_word = 8;
const seL4_Word platform_syscall_bytes = 4; /* svc */
static volatile seL4_Uint32 *uart;

static seL4_Error map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, bool cached)
{
    /* No attributes: not cacheable, which makes the mapping device memory. */
    return seL4_ARM_Page_Map(frame, vspace, vaddr, seL4_ReadWrite,
                             cached ? seL4_ARM_Default_VMAttributes : 0);
}

static seL4_Error map_table(seL4_CPtr table, seL4_Word type, seL4_CPtr vspace, seL4_Word vaddr)
{
    (void)type; /* one page-table type at every level */
    return seL4_ARM_PageTable_Map(table, vspace, vaddr, seL4_ARM_Default_VMAttributes);
}

static const seL4_Word table_types[] = {seL4_ARM_PageTableObject, seL4_ARM_PageTableObject,
                                        seL4_ARM_PageTableObject};
static const struct platform_paging paging = {map_frame, map_table, table_types, 3};

seL4_Error platform_map_page(struct env *env, seL4_CPtr vspace, seL4_CPtr frame,
                             seL4_Word vaddr, bool cached)
{
    return env_map_with_tables(env, &paging, vspace, frame, vaddr, cached);
}

seL4_Error platform_unmap_page(seL4_CPtr frame)
{
    return seL4_ARM_Page_Unmap(frame);
}

void platform_console_init(struct env *env)
{
    uart = (volatile seL4_Uint32 *)env_map_page(env, env_device_frame(env, BOARD_UART_BASE),
                                               false);
}

void platform_putchar(char c)
{
    if (!uart)
        return;
    while (uart[PL011_FR] & PL011_FR_TXFF)
        ;
    uart[PL011_DR] = (seL4_Uint8)c;
}

uint64_t platform_counter_hz(const seL4_BootInfo *bootinfo)
{
    (void)bootinfo;
    return 0; /* PMCCNTR_EL0 counts core cycles, whose rate the boot info does not give */
}

void platform_end_run(struct env *env)
{
    (void)env;
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    for (;;)
        ;
}

/* The interrupt source: a software-generated interrupt to this core, raised by a Signal on
 * an SGI signal capability (IRQControl IssueSGISignal; the kernel writes the GIC's SGI
 * register at once). An SGI needs no clearing at a device. */
#define BENCH_SGI 5
#define SGI_TARGET_THIS_CORE 0

static seL4_CPtr sgi_signal;

static void sgi_raise(void)
{
    seL4_Signal(sgi_signal);
}

static void sgi_clear(void)
{
}

bool platform_irq_source(struct env *env, struct platform_irq_source *source)
{
    sgi_signal = env_slot(env);
    *source = (struct platform_irq_source){env_slot(env), sgi_raise, sgi_clear,
                                           "SGI 5 through an SGI signal capability"};
    return sgi_signal && source->handler &&
           !seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, BENCH_SGI, SGI_TARGET_THIS_CORE,
                                           seL4_CapInitThreadCNode, sgi_signal, seL4_WordBits) &&
           !seL4_IRQControl_Get(seL4_CapIRQControl, BENCH_SGI, seL4_CapInitThreadCNode,
                                source->handler, seL4_WordBits);
}
