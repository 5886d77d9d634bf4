/* The kernel console: the virt board's NS16550A UART, polled, through the physical window.
 * OpenSBI has already set its line parameters; we only make sure its interrupts are off. */
#include <arch.h>
#include <board.h>

#define UART_THR 0 /* transmit holding register (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_LSR 5 /* line status */
#define UART_LSR_THRE 0x20

static volatile uint8_t *uart_reg(unsigned offset)
{
    return (volatile uint8_t *)arch_phys_to_virt(BOARD_UART_BASE) + offset;
}

void arch_console_init(void)
{
    *uart_reg(UART_IER) = 0;
}

void arch_console_putchar(char c)
{
    while (!(*uart_reg(UART_LSR) & UART_LSR_THRE))
        ;
    *uart_reg(UART_THR) = (uint8_t)c;
}
