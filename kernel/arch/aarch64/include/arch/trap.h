/* The trap entry points vectors.S calls, and the frame it saves for a kernel exception. */
#pragma once

/* vectors.S saves x0-x30, the interrupted sp, ELR and SPSR on the kernel stack. */
#define KERNEL_FRAME_SIZE 0x110

#ifndef __ASSEMBLER__
#include <arch/context.h>
#include <types.h>

struct kernel_frame {
    word_t x[31];
    word_t sp;
    word_t elr;
    word_t spsr;
};
_Static_assert(sizeof(struct kernel_frame) == KERNEL_FRAME_SIZE, "vectors.S layout");

/* The vector table; an entry's number (as passed to the handlers) is its offset / 0x80. */
extern char trap_vectors[];

/* From EL0, with the user registers saved in current_thread->context (all _Noreturn). */
_Noreturn void trap_handle_user_sync(void);
_Noreturn void trap_handle_user_irq(void);
_Noreturn void trap_handle_user_unexpected(word_t vector);
/* From EL1: always a kernel fault. */
_Noreturn void trap_handle_kernel(struct kernel_frame *frame, word_t vector);
/* Print x0-x30, three to a line (fault reports). */
void registers_print(const word_t x[31]);
/* Load `context` and enter EL0; SP_EL1 is left pointing at it for the next entry. */
_Noreturn void trap_restore_user(struct arch_context *context);
#endif
