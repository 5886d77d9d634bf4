/* riscv64's fault facts for tests/system/fault.c (sel4-abi.md §7.2): where the message
 * words the test checks sit, and the instructions that fault. */
#pragma once
#include <sel4/sel4.h>

#define FAULT_UNKNOWN_SYSCALL_REGISTERS 10 /* FaultIP, SP, RA, A0-A6 */
#define FAULT_UNKNOWN_SYSCALL_CAP_WORD 3   /* A0 */
#define FAULT_UNKNOWN_SYSCALL_IP_WORD 0
#define FAULT_SYSCALL_BYTES 4
#define FAULT_USER_EXCEPTION_REGISTERS 2   /* FaultIP, SP */
#define FAULT_TIMEOUT_REPLY_REGISTERS 32  /* §7: all of seL4_UserContext */
#define FAULT_UNDEFINED_BYTES 2
#define FAULT_UNDEFINED_NUMBER 2ul         /* scause: illegal instruction */
#define FAULT_READ_FSR 5ul                 /* the load access-fault cause */

/* c.unimp: the all-zero 16-bit instruction is defined to be illegal. */
static inline void fault_undefined_instruction(void)
{
    __asm__ volatile(".2byte 0" ::: "memory");
}
#define FAULT_READ_FSR_MATCHES(fsr) ((fsr) == FAULT_READ_FSR)
