/*
 * Trap entry and the way back to user mode. stvec points at trap_entry (direct mode).
 * sscratch is the convention that tells the two sources apart: in user mode it holds the
 * current thread's struct arch_context (first in its TCB), in the kernel it holds 0.
 * A trap from user mode saves every register into that context, then runs C on the kernel
 * stack (trap_from_user); a trap from the kernel is a kernel fault, saved on its own stack
 * and reported (trap_from_kernel). Both C handlers never return.
 */
#include <arch/context.h>
#include <arch/csr.h>

#define KERNEL_FRAME_SIZE CONTEXT_SIZE

/* Store x1..x31 except sp (x2) at `base`, in the struct arch_context layout. */
.macro save_gprs_except_sp base
    sd      x1, 0*8(\base)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd      x\n, (\n-1)*8(\base)
    .endr
.endm

    .text
    .balign 4
    .globl trap_entry
trap_entry:
    csrrw   sp, sscratch, sp
    beqz    sp, kernel_trap
    /* From user mode: sp is the thread's context, sscratch the user's sp. */
    save_gprs_except_sp sp
    csrr    t0, sscratch
    sd      t0, 1*8(sp)
    csrr    t0, sepc
    sd      t0, CONTEXT_FAULT_IP(sp)
    sd      t0, CONTEXT_NEXT_IP(sp)
    csrr    t0, sstatus
    sd      t0, CONTEXT_SSTATUS(sp)
    csrw    sscratch, zero
    lla     sp, kernel_stack_top
    call    trap_from_user
1:  j       1b

kernel_trap:
    /* The kernel's own sp is in sscratch now; it may be the cause, so use the fault stack. */
    lla     sp, kernel_fault_stack_top
    addi    sp, sp, -KERNEL_FRAME_SIZE
    save_gprs_except_sp sp
    csrrw   t0, sscratch, zero
    sd      t0, 1*8(sp)
    csrr    t0, sepc
    sd      t0, CONTEXT_FAULT_IP(sp)
    sd      t0, CONTEXT_NEXT_IP(sp)
    csrr    t0, sstatus
    sd      t0, CONTEXT_SSTATUS(sp)
    mv      a0, sp
    call    trap_from_kernel
2:  j       2b

/*
 * riscv_enter_user(context): load every register from `context` and sret to its next_ip.
 * The caller has switched to the thread's address space and set sstatus (SPP = 0, SPIE = 1).
 */
    .globl riscv_enter_user
riscv_enter_user:
    ld      t0, CONTEXT_NEXT_IP(a0)
    csrw    sepc, t0
    csrw    sscratch, a0
    ld      x1, 0*8(a0)
    ld      x2, 1*8(a0)
    .irp n, 3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld      x\n, (\n-1)*8(a0)
    .endr
    ld      a0, (10-1)*8(a0)
    sret

    .section .bss
    .balign 16
kernel_fault_stack:
    .space  8192
kernel_fault_stack_top:
