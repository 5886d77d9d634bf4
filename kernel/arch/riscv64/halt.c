/* Stopping the machine: the virt board's SiFive test finisher makes QEMU exit. 0x5555 is
 * "pass" (exit status 0); (status << 16) | 0x3333 is "fail" with that exit status. */
#include <arch.h>
#include <board.h>

#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

void arch_machine_halt(word_t status)
{
    volatile uint32_t *finisher = arch_phys_to_virt(BOARD_EXIT_BASE);
    uint32_t code = status ? (uint32_t)(status << 16) | FINISHER_FAIL : FINISHER_PASS;
    *finisher = code;
    for (;;)
        __asm__ volatile("wfi");
}
