/*
 * Kernel entry and exit: the exception and interrupt stubs, the SYSCALL entry, the kernel
 * stacks, and the two ways back to user mode. A trap from user mode saves the user registers
 * straight into current_thread->context, because TSS.rsp0 points just past its interrupt
 * frame (see arch/context.h); a trap taken in the kernel is saved on the stack it was using
 * and reported as a kernel fault. The kernel runs with interrupts off.
 */
#include <arch/apic.h>
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/segments.h>

#define KERNEL_STACK_SIZE 0x4000
#define EMERGENCY_STACK_SIZE 0x2000

/* Push the general registers and the padding word: rsp then points at a struct arch_context. */
.macro save_registers
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    pushq $0
.endm

/* From rsp = a struct arch_context: every general register back; rsp then points at fault_ip. */
.macro restore_registers
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
.endm

/* From rsp = the context of a thread just come from user mode: with FSGSBASE, user code may
 * have changed its FS and GS bases (the kernel does not use either), so keep them. */
.macro save_tls_bases
    cmpb $0, cpu_features + CPU_FEATURES_FSGSBASE(%rip)
    je 1f
    rdfsbase %rax
    movq %rax, CONTEXT_FS_BASE(%rsp)
    rdgsbase %rax
    movq %rax, CONTEXT_GS_BASE(%rsp)
1:
.endm

/* One stub per vector: give every vector an error code, record the vector, go to `common`. */
.macro trap_stub vector, has_error=0, common=trap_common
    .balign 16
trap_stub_\vector:
    .if \has_error == 0
    pushq $0
    .endif
    pushq $\vector
    jmp \common
.endm

    .text
    trap_stub 0
    trap_stub 1
    trap_stub 2, common=trap_from_kernel /* NMI: on the emergency stack, whatever the mode */
    trap_stub 3
    trap_stub 4
    trap_stub 5
    trap_stub 6
    trap_stub 7
    trap_stub 8, 1, trap_from_kernel /* double fault: on the emergency stack */
    trap_stub 9
    trap_stub 10, 1
    trap_stub 11, 1
    trap_stub 12, 1
    trap_stub 13, 1
    trap_stub 14, 1
    trap_stub 15
    trap_stub 16
    trap_stub 17, 1
    trap_stub 18, common=trap_from_kernel /* machine check: on the emergency stack */
    trap_stub 19
    trap_stub 20
    trap_stub 21, 1
    trap_stub 22
    trap_stub 23
    trap_stub 24
    trap_stub 25
    trap_stub 26
    trap_stub 27
    trap_stub 28
    trap_stub 29, 1
    trap_stub 30, 1
    trap_stub 31

/* The interrupt vectors 0x20-0xfe, one stub each, every one in a 16-byte slot of its own (at
 * most 12 bytes: two pushes and a jmp), so that vector v's is at trap_interrupt_stubs +
 * 16 * (v - 0x20). */
    .balign 16
    .global trap_interrupt_stubs
trap_interrupt_stubs:
    .set vector, IRQ_VECTOR_FIRST
    .rept IRQ_VECTOR_LAST - IRQ_VECTOR_FIRST + 1
    .balign 16
    pushq $0
    pushq $vector
    jmp trap_common
    .set vector, vector + 1
    .endr

    .global trap_spurious_stub
trap_spurious_stub:
    pushq $0
    pushq $VECTOR_SPURIOUS
    jmp trap_common

/* rsp: vector, error code, then the CPU's frame (rip, cs, rflags, rsp, ss). */
trap_common:
    testb $3, 24(%rsp) /* the interrupted cs */
    jz trap_from_kernel
    pushq 16(%rsp) /* fault ip: the interrupted rip */
    save_registers
    save_tls_bases
    cld
    leaq kernel_stack_top(%rip), %rsp
    call trap_handle_user
    ud2

trap_from_kernel:
    pushq 16(%rsp)
    save_registers
    cld
    movq %rsp, %rdi
    call trap_handle_kernel
    /* Only the interrupt that ends arch_idle_wait's hlt comes back: resume after the hlt. */
    restore_registers
    addq $(CONTEXT_RIP - CONTEXT_FAULT_IP), %rsp
    iretq

/*
 * SYSCALL: rcx = the next rip, r11 = rflags; SFMASK has cleared IF and DF. Build the same
 * frame a trap from user mode would, in current_thread->context (TSS.rsp0 says where).
 * Single core: the user rsp waits in a global while rsp moves to the context.
 */
    .global syscall_entry
syscall_entry:
    movq %rsp, syscall_user_rsp(%rip)
    movq kernel_tss + TSS_RSP0(%rip), %rsp
    pushq $SEL_USER_DATA
    pushq syscall_user_rsp(%rip)
    pushq %r11
    pushq $SEL_USER_CODE
    pushq %rcx
    pushq $0
    pushq $VECTOR_SYSCALL
    pushq %rcx
    subq $2, (%rsp) /* fault ip: the syscall instruction itself */
    save_registers
    save_tls_bases
    leaq kernel_stack_top(%rip), %rsp
    call syscall_handle
    ud2

/* context_restore_iret(context): any thread; iretq restores rip, cs, rflags, rsp and ss. */
    .global context_restore_iret
context_restore_iret:
    movq %rdi, %rsp
    restore_registers
    addq $(CONTEXT_RIP - CONTEXT_FAULT_IP), %rsp
    iretq

/* context_restore_sysret(context): only for a thread that entered by SYSCALL (its rcx and r11
 * are dead by the ABI) and resumes at a canonical user rip. */
    .global context_restore_sysret
context_restore_sysret:
    movq %rdi, %rsp
    restore_registers
    movq (CONTEXT_RIP - CONTEXT_FAULT_IP)(%rsp), %rcx
    movq (CONTEXT_RFLAGS - CONTEXT_FAULT_IP)(%rsp), %r11
    movq (CONTEXT_RSP - CONTEXT_FAULT_IP)(%rsp), %rsp
    sysretq

    .section .rodata
    .balign 8
    .global trap_exception_stubs
trap_exception_stubs:
    .irp vector, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .quad trap_stub_\vector
    .endr
    .irp vector, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    .quad trap_stub_\vector
    .endr

    .bss
    .balign 8
syscall_user_rsp:
    .skip 8
    .balign 4096
    .skip KERNEL_STACK_SIZE
    .global kernel_stack_top
kernel_stack_top:
    .skip EMERGENCY_STACK_SIZE
    .global emergency_stack_top
emergency_stack_top:

    .section .note.GNU-stack, "", @progbits
