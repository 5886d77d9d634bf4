/*
 * The multiboot entry. The loader jumps to _start in 32-bit protected mode, paging off, at the
 * kernel's physical address, with the multiboot magic in eax and the info address in ebx.
 * This file checks for long mode, turns on paging with the boot page tables below, enters
 * 64-bit mode and calls boot_x86_64(magic, info) on the kernel stack at the upper-half address.
 */
#include <arch/cpu.h>
#include <arch/machine.h>
#include <board.h>

#define MULTIBOOT_HEADER_MAGIC 0x1badb002
#define MULTIBOOT_HEADER_FLAGS 0x3 /* page-align modules; give the memory map */

#define PTE_TABLE 0x3 /* present, writable */
#define PTE_LARGE 0x83 /* present, writable, 2 MiB page */
#define BOOT_CODE64 0x08
#define BOOT_DATA 0x10

    .section .boot.header, "a"
    .balign 4
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_HEADER_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

    .section .boot.text, "ax"
    .code32
    .global _start
_start:
    cli
    cld
    movl %eax, %edi
    movl %ebx, %esi
    movl $0x80000000, %eax
    cpuid
    cmpl $0x80000001, %eax
    jb no_long_mode
    movl $0x80000001, %eax
    cpuid
    btl $29, %edx /* LM */
    jnc no_long_mode

    movl %cr4, %eax
    orl $CR4_PAE, %eax
    movl %eax, %cr4
    movl $boot_pml4, %eax
    movl %eax, %cr3
    movl $MSR_EFER, %ecx
    rdmsr
    orl $EFER_LME, %eax
    wrmsr
    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0
    lgdt boot_gdt_pointer
    ljmp $BOOT_CODE64, $start64

/* No stack and no console set up yet: write the message straight to the UART and stop. */
no_long_mode:
    movl $no_long_mode_message, %ebx
    movw $BOARD_UART_BASE, %dx
1:  movb (%ebx), %al
    testb %al, %al
    jz 2f
    outb %al, %dx
    incl %ebx
    jmp 1b
2:  hlt
    jmp 2b

    .code64
start64:
    movl $BOOT_DATA, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    movabsq $kernel_entry, %rax
    jmp *%rax

    .section .boot.data, "aw"
no_long_mode_message:
    .asciz "kernel: this CPU has no long mode (x86_64); stopping\r\n"

    .balign 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff /* BOOT_CODE64: 64-bit code */
    .quad 0x00cf92000000ffff /* BOOT_DATA */
boot_gdt_end:
boot_gdt_pointer:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

/*
 * The boot page tables map the first 4 GiB three times with 2 MiB pages: at 0 (for the jump
 * into 64-bit mode), at KERNEL_WINDOW_BASE (so arch_phys_to_virt works while multiboot.c reads
 * the loader's tables, which lie below 4 GiB) and, for the first 2 GiB, at KERNEL_IMAGE_OFFSET.
 */
    .balign 4096
boot_pml4:
    .quad boot_pdpt_low + PTE_TABLE
    .fill 255, 8, 0
    .quad boot_pdpt_low + PTE_TABLE /* 256: KERNEL_WINDOW_BASE */
    .fill 254, 8, 0
    .quad boot_pdpt_high + PTE_TABLE /* 511: KERNEL_IMAGE_OFFSET */
boot_pdpt_low:
    .quad boot_pd + PTE_TABLE
    .quad boot_pd + 0x1000 + PTE_TABLE
    .quad boot_pd + 0x2000 + PTE_TABLE
    .quad boot_pd + 0x3000 + PTE_TABLE
    .fill 508, 8, 0
boot_pdpt_high:
    .fill 510, 8, 0
    .quad boot_pd + PTE_TABLE
    .quad boot_pd + 0x1000 + PTE_TABLE
boot_pd:
    .set large_page, 0
    .rept 2048
    .quad (large_page << 21) + PTE_LARGE
    .set large_page, large_page + 1
    .endr

/* At the upper-half address: clear the bss (the loader need not have), take the kernel stack
 * and go to C. */
    .text
kernel_entry:
    movl %edi, %r12d
    movl %esi, %r13d
    leaq kernel_bss_start(%rip), %rdi
    leaq kernel_bss_end(%rip), %rcx
    subq %rdi, %rcx
    xorl %eax, %eax
    rep stosb
    leaq kernel_stack_top(%rip), %rsp
    xorl %ebp, %ebp
    movl %r12d, %edi
    movl %r13d, %esi
    call boot_x86_64
    ud2

    .section .note.GNU-stack, "", @progbits
