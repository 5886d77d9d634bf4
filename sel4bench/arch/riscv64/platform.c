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
