/* The console: the board's PL011 UART, polled. The boot loader (or QEMU) has set the line up;
 * the kernel only waits for room in the transmit FIFO and writes. */
#include <arch.h>
#include <arch/window.h>
#include <board.h>

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF BIT(5) /* transmit FIFO full */

static volatile uint32_t *uart;

void arch_console_init(void)
{
    if (window_map_device(BOARD_UART_BASE, BOARD_UART_BASE + PAGE_SIZE))
        uart = arch_phys_to_virt(BOARD_UART_BASE);
}

void arch_console_putchar(char c)
{
    if (!uart)
        return; /* a panic before the console exists must not fault again */
    while (uart[PL011_FR / 4] & PL011_FR_TXFF)
        ;
    uart[PL011_DR / 4] = (uint8_t)c;
}
