/* Faults (sel4-abi.md §7, §12.8): what a thread did wrong, stored in its TCB while the
 * message to its handler is under way, the message the handler receives, and its reply. */
#pragma once
#include <core/fault_types.h>

struct tcb;

/* The longest fault message (UnknownSyscall on x86_64). */
#define FAULT_MAX_WORDS 19

/* `tcb` (the current thread) faulted: send the fault to its handler as a Call, or, with no
 * handler, report it and make the thread Inactive (§12.8 r2, r5). */
void fault_raise(struct tcb *tcb, const struct fault *fault);
/* The message of `tcb`'s stored fault (§7.2) into `words`; returns its length. */
word_t fault_message(const struct tcb *tcb, word_t *words);
/* `replier` answered the fault `caller` sent: apply the reply as §7 says, clear the fault,
 * and make the caller Restart or Inactive. */
void fault_reply(struct tcb *caller, struct tcb *replier);
