/* Per-thread FP/SIMD state (fpu.c): the registers follow the thread that uses them, loaded
 * on its first FP instruction after another thread's use and saved when the kernel leaves
 * for a different thread. */
#pragma once
#include <arch/context.h>
#include <types.h>

struct tcb;

/* Hardware <-> memory (fpu.S). */
void fpu_save(struct arch_fpu_state *state);
void fpu_load(const struct arch_fpu_state *state);

/* On the way to user mode in `thread`: give it the FP/SIMD registers if they hold its state
 * and it may use them, else make its FP instructions trap (saving what another thread left
 * in them first). */
void fpu_prepare_return(struct tcb *thread);
/* An FP/SIMD instruction of the current thread trapped (ESR `esr`): load its state and run
 * the instruction again, or, for a thread with fpuDisabled, raise a UserException. */
_Noreturn void fpu_handle_trap(word_t esr);
/* `context` starts afresh (a new thread): the registers no longer hold its state. */
void fpu_forget(const struct arch_context *context);
