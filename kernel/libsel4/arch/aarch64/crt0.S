/* Root-task entry on aarch64: the kernel starts us at _start with the boot info pointer in
 * x0 and no stack (sel4-abi.md §6.3). Give ourselves one and call __sel4_start_root. */
    .section .text.start, "ax"
    .global _start
_start:
    adrp x1, root_task_stack_top
    add x1, x1, :lo12:root_task_stack_top
    mov sp, x1
    mov x29, xzr
    mov x30, xzr
    bl __sel4_start_root
1:  b 1b

    .bss
    .balign 16
root_task_stack:
    .space 65536
root_task_stack_top:
