/* The console: the board's 16550 UART on an I/O port, polled, 115200 8N1. */
#include <arch.h>
#include <arch/io.h>
#include <board.h>

#define UART_DATA 0          /* transmit holding / receive buffer; divisor low with DLAB */
#define UART_INTERRUPTS 1    /* interrupt enable; divisor high with DLAB */
#define UART_FIFO 2
#define UART_LINE_CONTROL 3
#define UART_MODEM_CONTROL 4
#define UART_LINE_STATUS 5
#define LINE_CONTROL_DLAB 0x80
#define LINE_CONTROL_8N1 0x03
#define FIFO_ENABLE_AND_CLEAR 0x07
#define MODEM_DTR_RTS 0x03
#define LINE_STATUS_THR_EMPTY 0x20
#define DIVISOR_115200 1 /* of the 1.8432 MHz / 16 clock */

void arch_console_init(void)
{
    io_out8(BOARD_UART_BASE + UART_INTERRUPTS, 0);
    io_out8(BOARD_UART_BASE + UART_LINE_CONTROL, LINE_CONTROL_DLAB);
    io_out8(BOARD_UART_BASE + UART_DATA, DIVISOR_115200);
    io_out8(BOARD_UART_BASE + UART_INTERRUPTS, 0);
    io_out8(BOARD_UART_BASE + UART_LINE_CONTROL, LINE_CONTROL_8N1);
    io_out8(BOARD_UART_BASE + UART_FIFO, FIFO_ENABLE_AND_CLEAR);
    io_out8(BOARD_UART_BASE + UART_MODEM_CONTROL, MODEM_DTR_RTS);
}

void arch_console_putchar(char c)
{
    while (!(io_in8(BOARD_UART_BASE + UART_LINE_STATUS) & LINE_STATUS_THR_EMPTY))
        ;
    io_out8(BOARD_UART_BASE + UART_DATA, (uint8_t)c);
}
