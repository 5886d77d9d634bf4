/* aarch64's fault facts for tests/system/fault.c (sel4-abi.md §7.2): where the message
 * words the test checks sit, and the instructions that fault. */
#pragma once
#include <sel4/sel4.h>

#define FAULT_UNKNOWN_SYSCALL_REGISTERS 12 /* X0-X7, FaultIP, SP, ELR, SPSR */
#define FAULT_UNKNOWN_SYSCALL_CAP_WORD 0   /* X0 */
#define FAULT_UNKNOWN_SYSCALL_IP_WORD 8
#define FAULT_SYSCALL_BYTES 4
#define FAULT_USER_EXCEPTION_REGISTERS 3   /* FaultIP, SP, SPSR */
#define FAULT_TIMEOUT_REPLY_REGISTERS 34  /* §7: pc to x28, not the two TLS registers */
#define FAULT_UNDEFINED_BYTES 4
#define FAULT_UNDEFINED_NUMBER 0x2000000ul /* ESR_EL1: EC 0 (unknown), IL */
#define FAULT_READ_FSR_EC 0x24ul           /* ESR_EL1 EC: data abort from EL0 */
#define FAULT_READ_FSR_MATCHES(fsr) (((fsr) >> 26) == FAULT_READ_FSR_EC)

static inline void fault_undefined_instruction(void)
{
    __asm__ volatile("udf #0" ::: "memory");
}
