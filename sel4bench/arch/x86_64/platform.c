/* x86_64 (QEMU q35): the console is COM1 through an I/O port capability (the ports from
 * BOARD_UART_BASE), four-level paging, and the TSC's frequency from the extra boot info. The
 * kernel keeps the isa-debug-exit ports to itself (IOPortControl refuses them), so the run
 * ends by stopping every thread, as on the other arches. */
#include "bench.h"
#include <board.h>

#define UART_PORTS 8
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

const seL4_Word platform_frame_type = seL4_X86_4K;
const seL4_Word platform_unknown_syscall_fault_ip_word = 15;
const seL4_Word platform_syscall_bytes = 2; /* the syscall instruction */
static seL4_CPtr uart_port;

static seL4_Error map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, bool cached)
{
    return seL4_X86_Page_Map(frame, vspace, vaddr, seL4_ReadWrite,
                             cached ? seL4_X86_WriteBack : seL4_X86_Uncacheable);
}

static seL4_Error map_table(seL4_CPtr table, seL4_Word type, seL4_CPtr vspace, seL4_Word vaddr)
{
    switch (type) {
    case seL4_X86_PDPTObject:
        return seL4_X86_PDPT_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
    case seL4_X86_PageDirectoryObject:
        return seL4_X86_PageDirectory_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
    default:
        return seL4_X86_PageTable_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
    }
}

static const seL4_Word table_types[] = {seL4_X86_PDPTObject, seL4_X86_PageDirectoryObject,
                                        seL4_X86_PageTableObject};
static const struct platform_paging paging = {map_frame, map_table, table_types, 3};

seL4_Error platform_map_page(struct env *env, seL4_CPtr vspace, seL4_CPtr frame,
                             seL4_Word vaddr, bool cached)
{
    return env_map_with_tables(env, &paging, vspace, frame, vaddr, cached);
}

seL4_Error platform_unmap_page(seL4_CPtr frame)
{
    return seL4_X86_Page_Unmap(frame);
}

/* An I/O port capability to `count` ports from `first`; 0 on failure. */
static seL4_CPtr io_ports(struct env *env, seL4_Word first, seL4_Word count)
{
    seL4_CPtr slot = env_slot(env);
    if (!slot || seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, first + count - 1,
                                              seL4_CapInitThreadCNode, slot, seL4_WordBits))
        return 0;
    return slot;
}

void platform_console_init(struct env *env)
{
    uart_port = io_ports(env, BOARD_UART_BASE, UART_PORTS);
}

void platform_putchar(char c)
{
    if (!uart_port)
        return;
    while (!(seL4_X86_IOPort_In8(uart_port, BOARD_UART_BASE + UART_LSR).result & UART_LSR_THRE))
        ;
    seL4_X86_IOPort_Out8(uart_port, BOARD_UART_BASE + UART_THR, (seL4_Uint8)c);
}

/* The TSC chunk of the extra boot info (ABI §6.2): its frequency in MHz. */
uint64_t platform_counter_hz(const seL4_BootInfo *bootinfo)
{
    const char *base = (const char *)bootinfo + (1ul << seL4_PageBits);
    for (seL4_Word at = 0; at + sizeof(seL4_BootInfoHeader) <= bootinfo->extraLen;) {
        const seL4_BootInfoHeader *chunk = (const seL4_BootInfoHeader *)(base + at);
        if (chunk->id == SEL4_BOOTINFO_HEADER_X86_TSC_FREQ)
            return *(const seL4_Uint32 *)(chunk + 1) * 1000000ull;
        if (chunk->len < sizeof(*chunk))
            break;
        at += chunk->len;
    }
    return 0;
}

void platform_end_run(struct env *env)
{
    (void)env;
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    for (;;)
        ;
}

/* The interrupt source: the i8042 keyboard controller's "write keyboard output buffer"
 * command (0xd2 to the command port, then the byte to the data port) puts the byte in the
 * output buffer as if the keyboard had sent it, which raises ISA IRQ 1 (I/O APIC pin 1, edge,
 * active high) at once; reading the data port empties the buffer and lowers the line. */
#define I8042_DATA 0x60
#define I8042_COMMAND 0x64
#define I8042_WRITE_KEYBOARD_OUTPUT 0xd2
#define I8042_PIN 1
#define I8042_VECTOR 6
#define I8042_BYTE 0x5a

static seL4_CPtr i8042_data, i8042_command; /* two: the kernel keeps port 0x61 between */

static void i8042_raise(void)
{
    seL4_X86_IOPort_Out8(i8042_command, I8042_COMMAND, I8042_WRITE_KEYBOARD_OUTPUT);
    seL4_X86_IOPort_Out8(i8042_data, I8042_DATA, I8042_BYTE);
}

static void i8042_clear(void)
{
    seL4_X86_IOPort_In8(i8042_data, I8042_DATA);
}

bool platform_irq_source(struct env *env, struct platform_irq_source *source)
{
    i8042_data = io_ports(env, I8042_DATA, 1);
    i8042_command = io_ports(env, I8042_COMMAND, 1);
    *source = (struct platform_irq_source){env_slot(env), i8042_raise, i8042_clear,
                                           "i8042 write-keyboard-output command (ISA IRQ 1, "
                                           "I/O APIC pin 1)"};
    if (!i8042_data || !i8042_command || !source->handler)
        return false;
    while (seL4_X86_IOPort_In8(i8042_command, I8042_COMMAND).result & 1) /* output buffer full */
        i8042_clear();
    return !seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, seL4_CapInitThreadCNode,
                                      source->handler, seL4_WordBits, 0, I8042_PIN, 0, 0,
                                      I8042_VECTOR);
}
