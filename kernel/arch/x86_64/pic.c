/* The legacy 8259 PICs: moved off the exception vectors and every line masked; the local and
 * I/O APICs take over. */
#include <arch.h>
#include <arch/apic.h>
#include <arch/io.h>

#define PIC_MASTER_COMMAND 0x20
#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_COMMAND 0xa0
#define PIC_SLAVE_DATA 0xa1
#define ICW1_INIT_WITH_ICW4 0x11
#define ICW3_MASTER_SLAVE_ON_IRQ2 0x04
#define ICW3_SLAVE_ID 0x02
#define ICW4_8086 0x01
/* Out of the way of the exceptions and of the vectors the kernel uses; never delivered. */
#define PIC_VECTOR_BASE 0xe0

void pic_disable(void)
{
    io_out8(PIC_MASTER_COMMAND, ICW1_INIT_WITH_ICW4);
    io_out8(PIC_SLAVE_COMMAND, ICW1_INIT_WITH_ICW4);
    io_out8(PIC_MASTER_DATA, PIC_VECTOR_BASE);
    io_out8(PIC_SLAVE_DATA, PIC_VECTOR_BASE + 8);
    io_out8(PIC_MASTER_DATA, ICW3_MASTER_SLAVE_ON_IRQ2);
    io_out8(PIC_SLAVE_DATA, ICW3_SLAVE_ID);
    io_out8(PIC_MASTER_DATA, ICW4_8086);
    io_out8(PIC_SLAVE_DATA, ICW4_8086);
    io_out8(PIC_MASTER_DATA, 0xff);
    io_out8(PIC_SLAVE_DATA, 0xff);
}
