/* Per-thread FP state (fpu.c): saved at a trap when the thread wrote it, loaded on the way
 * back when the FP registers hold another thread's. Arch-private. */
#pragma once
#include <arch/context.h>

struct tcb;

/* At a trap from user mode, with `context` the current thread's: save its FP registers if
 * the thread changed them (FS Dirty in the saved sstatus). */
void fpu_trap_save(struct arch_context *context);
/* Before entering `thread`: make the FP registers its own (unless FP is disabled for it);
 * returns the sstatus FS field to enter it with. */
word_t fpu_prepare_entry(struct tcb *thread);
/* `context` is being initialised for a new thread: it no longer owns the FP registers. */
void fpu_forget(const struct arch_context *context);
