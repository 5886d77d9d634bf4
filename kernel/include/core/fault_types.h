/* What a thread did wrong (sel4-abi.md §7.1): the fault a TCB holds while the message to its
 * handler is under way. A value type apart from the delivery in api/fault.h, so that the TCB
 * (and all that includes it) can hold one without depending on api/. */
#pragma once
#include <core/cspace.h>
#include <sel4/constants.h>

/* Fault types as the message label carries them (§7.1, MCS numbering). */
enum fault_type {
    FAULT_NULL = seL4_Fault_NullFault,
    FAULT_CAP = seL4_Fault_CapFault,
    FAULT_UNKNOWN_SYSCALL = seL4_Fault_UnknownSyscall,
    FAULT_USER_EXCEPTION = seL4_Fault_UserException,
    FAULT_TIMEOUT = seL4_Fault_Timeout,
    FAULT_VM = seL4_Fault_VMFault,
};

struct fault {
    enum fault_type type;
    /* CapFault: cptr, in receive phase. VMFault: address, prefetch, FSR. UnknownSyscall:
     * the number. UserException: number, code. Timeout: the SC's badge, consumed µs. */
    word_t words[3];
    struct lookup_fault lookup; /* CapFault: why the lookup failed */
};
