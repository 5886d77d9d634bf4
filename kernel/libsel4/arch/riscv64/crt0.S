/* Root-task entry: the kernel starts us at _start with the boot info pointer in a0 and no
 * stack. Set up a static 64 KiB stack and call __sel4_start_root(bootinfo), which never
 * returns. */
    .section .text.start, "ax"
    .globl _start
_start:
    lla     sp, crt0_stack_top
    call    __sel4_start_root
1:  j       1b

    .section .bss
    .balign 16
crt0_stack:
    .space  65536
crt0_stack_top:
