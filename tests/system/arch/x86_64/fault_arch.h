/* x86_64's fault facts for tests/system/fault.c (sel4-abi.md §7.2): where the message
 * words the test checks sit, and the instructions that fault. */
#pragma once
#include <sel4/sel4.h>

#define FAULT_UNKNOWN_SYSCALL_REGISTERS 18 /* RAX..R15, FaultIP, SP, FLAGS */
#define FAULT_UNKNOWN_SYSCALL_CAP_WORD 5   /* RDI */
#define FAULT_UNKNOWN_SYSCALL_IP_WORD 15
#define FAULT_SYSCALL_BYTES 2
#define FAULT_USER_EXCEPTION_REGISTERS 3   /* FaultIP, SP, FLAGS */
#define FAULT_TIMEOUT_REPLY_REGISTERS 19  /* §7: rip to r15, fs_base */
#define FAULT_UNDEFINED_BYTES 2
#define FAULT_UNDEFINED_NUMBER 6ul         /* #UD */
#define FAULT_READ_FSR 4ul                 /* user read of a page not present */

/* ud2, then the address after it. */
static inline void fault_undefined_instruction(void)
{
    __asm__ volatile("ud2" ::: "memory");
}
#define FAULT_READ_FSR_MATCHES(fsr) ((fsr) == FAULT_READ_FSR)
