/* The exception vectors (VBAR_EL1) and the way back to user mode. In user mode SP_EL1 points
 * at the running thread's struct arch_context, so an exception from EL0 saves the user
 * registers straight into it, moves to the kernel stack and calls its handler in trap.c. An
 * exception taken in the kernel saves a struct kernel_frame on the kernel stack instead and
 * is reported as a kernel fault. */
#include <arch/context.h>
#include <arch/trap.h>

/* Kernel exceptions: x0 = vector number, with x0 and x1 already in the frame. */
.macro kernel_vector number
    .balign 0x80
    sub sp, sp, #KERNEL_FRAME_SIZE
    stp x0, x1, [sp]
    mov x0, #\number
    b kernel_entry
.endm

/* User exceptions: x0 and x1 already in the context; unexpected ones pass the number in x0. */
.macro user_vector entry
    .balign 0x80
    stp x0, x1, [sp, #CONTEXT_X0]
    b \entry
.endm

.macro user_unexpected_vector number
    .balign 0x80
    stp x0, x1, [sp, #CONTEXT_X0]
    mov x0, #\number
    b user_unexpected_entry
.endm

/* x2-x29 into the register frame at sp (x0, x1 are already there). */
.macro save_x2_to_x29
    stp x2, x3, [sp, #16 * 1]
    stp x4, x5, [sp, #16 * 2]
    stp x6, x7, [sp, #16 * 3]
    stp x8, x9, [sp, #16 * 4]
    stp x10, x11, [sp, #16 * 5]
    stp x12, x13, [sp, #16 * 6]
    stp x14, x15, [sp, #16 * 7]
    stp x16, x17, [sp, #16 * 8]
    stp x18, x19, [sp, #16 * 9]
    stp x20, x21, [sp, #16 * 10]
    stp x22, x23, [sp, #16 * 11]
    stp x24, x25, [sp, #16 * 12]
    stp x26, x27, [sp, #16 * 13]
    stp x28, x29, [sp, #16 * 14]
.endm

/* x2-x30 and the EL0 system state into the context at sp, then onto the kernel stack. */
.macro save_user_rest
    save_x2_to_x29
    mrs x21, sp_el0
    stp x30, x21, [sp, #16 * 15]
    mrs x22, elr_el1
    mrs x23, spsr_el1
    stp x22, x23, [sp, #CONTEXT_ELR]
    mrs x24, tpidr_el0
    str x24, [sp, #CONTEXT_TPIDR]
    adrp x21, kernel_stack_top
    add x21, x21, :lo12:kernel_stack_top
    mov sp, x21
    mov x29, xzr
.endm

    .text
    .balign 2048
    .global trap_vectors
trap_vectors:
    kernel_vector 0     /* EL1 with SP_EL0: the kernel never runs so */
    kernel_vector 1
    kernel_vector 2
    kernel_vector 3
    kernel_vector 4     /* EL1 with SP_EL1: the kernel itself */
    kernel_vector 5
    kernel_vector 6
    kernel_vector 7
    user_vector user_sync_entry
    user_vector user_irq_entry
    user_unexpected_vector 10
    user_unexpected_vector 11
    user_unexpected_vector 12   /* AArch32 EL0: never entered */
    user_unexpected_vector 13
    user_unexpected_vector 14
    user_unexpected_vector 15

user_sync_entry:
    save_user_rest
    bl trap_handle_user_sync
    b .

user_irq_entry:
    save_user_rest
    bl trap_handle_user_irq
    b .

user_unexpected_entry:
    save_user_rest
    bl trap_handle_user_unexpected
    b .

kernel_entry:
    save_x2_to_x29
    add x1, sp, #KERNEL_FRAME_SIZE
    stp x30, x1, [sp, #16 * 15]
    mrs x2, elr_el1
    mrs x3, spsr_el1
    stp x2, x3, [sp, #16 * 16]
    mov x1, x0
    mov x0, sp
    bl trap_handle_kernel
    b .

/* x0 = struct arch_context *. */
    .global trap_restore_user
trap_restore_user:
    ldp x1, x2, [x0, #CONTEXT_SP]
    ldp x3, x4, [x0, #CONTEXT_SPSR]
    ldr x5, [x0, #CONTEXT_TPIDRRO]
    msr sp_el0, x1
    msr elr_el1, x2
    msr spsr_el1, x3
    msr tpidr_el0, x4
    msr tpidrro_el0, x5
    mov sp, x0
    ldp x2, x3, [sp, #16 * 1]
    ldp x4, x5, [sp, #16 * 2]
    ldp x6, x7, [sp, #16 * 3]
    ldp x8, x9, [sp, #16 * 4]
    ldp x10, x11, [sp, #16 * 5]
    ldp x12, x13, [sp, #16 * 6]
    ldp x14, x15, [sp, #16 * 7]
    ldp x16, x17, [sp, #16 * 8]
    ldp x18, x19, [sp, #16 * 9]
    ldp x20, x21, [sp, #16 * 10]
    ldp x22, x23, [sp, #16 * 11]
    ldp x24, x25, [sp, #16 * 12]
    ldp x26, x27, [sp, #16 * 13]
    ldp x28, x29, [sp, #16 * 14]
    ldr x30, [sp, #16 * 15]
    ldp x0, x1, [sp, #CONTEXT_X0]
    eret
