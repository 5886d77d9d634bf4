/* The syscall stubs: each arch's, in its register convention (ABI §2). Every arch provides
 * seL4_Call, seL4_CallWithMRs, seL4_Send, seL4_NBSend, seL4_DebugPutChar, seL4_DebugHalt,
 * seL4_DebugHaltWithStatus and seL4_DebugCapIdentify, with upstream libsel4's signatures. */
#pragma once
#include <sel4/functions.h>
#include <sel4/message_info.h>
#include <sel4/syscall_numbers.h>
#include <sel4/arch/syscalls.h>
