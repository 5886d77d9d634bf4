/* Root-task entry on x86_64: the kernel starts _start with the boot info pointer in rdi and no
 * stack (sel4-abi.md §6.3). Take a static stack and call __sel4_start_root, which never
 * returns. */
    .section .text.start, "ax"
    .global _start
_start:
    leaq root_task_stack_top(%rip), %rsp
    xorl %ebp, %ebp
    call __sel4_start_root
1:  jmp 1b

    .bss
    .balign 16
    .skip 0x10000
root_task_stack_top:

    .section .note.GNU-stack, "", @progbits
