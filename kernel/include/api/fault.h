/* Faults (sel4-abi.md §7, §12.8): what a thread did wrong, stored in its TCB while the
 * message to its handler is under way, the message the handler receives, and its reply. */
#pragma once
#include <core/cspace.h>
#include <sel4/constants.h>

struct tcb;

/* Fault types as the message label carries them (§7.1, MCS numbering). */
enum fault_type {
    FAULT_NULL = seL4_Fault_NullFault,
    FAULT_CAP = seL4_Fault_CapFault,
    FAULT_UNKNOWN_SYSCALL = seL4_Fault_UnknownSyscall,
    FAULT_USER_EXCEPTION = seL4_Fault_UserException,
    FAULT_TIMEOUT = seL4_Fault_Timeout,
    FAULT_VM = seL4_Fault_VMFault,
};

/* The longest fault message (UnknownSyscall on x86_64). */
#define FAULT_MAX_WORDS 19

struct fault {
    enum fault_type type;
    /* CapFault: cptr, in receive phase. VMFault: address, prefetch, FSR. UnknownSyscall:
     * the number. UserException: number, code. Timeout: the SC's badge, consumed µs. */
    word_t words[3];
    struct lookup_fault lookup; /* CapFault: why the lookup failed */
};

/* `tcb` (the current thread) faulted: send the fault to its handler as a Call, or, with no
 * handler, report it and make the thread Inactive (§12.8 r2, r5). */
void fault_raise(struct tcb *tcb, const struct fault *fault);
/* The message of `tcb`'s stored fault (§7.2) into `words`; returns its length. */
word_t fault_message(const struct tcb *tcb, word_t *words);
/* `replier` answered the fault `caller` sent: apply the reply as §7 says, clear the fault,
 * and make the caller Restart or Inactive. */
void fault_reply(struct tcb *caller, struct tcb *replier);
