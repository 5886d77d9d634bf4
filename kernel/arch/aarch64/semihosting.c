/* Stopping the machine: Arm semihosting SYS_EXIT, which QEMU (-semihosting-config
 * enable=on,target=native) turns into its own exit with the guest's status. */
#include <arch.h>

#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void arch_machine_halt(word_t status)
{
    /* Without semihosting the hlt is undefined: the fault report comes back here once. */
    static bool halting;
    if (!halting) {
        halting = true;
        word_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, status};
        register word_t operation __asm__("x0") = SEMIHOSTING_SYS_EXIT;
        register word_t parameters __asm__("x1") = (word_t)block;
        __asm__ volatile("hlt #0xf000" : "+r"(operation) : "r"(parameters) : "memory");
    }
    for (;;)
        __asm__ volatile("wfi");
}
