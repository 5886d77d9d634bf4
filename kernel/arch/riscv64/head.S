/*
 * The first instructions: the RISC-V Linux image header, then the jump to the upper half.
 * OpenSBI enters at physical 0x80200000 in S-mode, MMU off, a0 = hart id, a1 = device tree.
 * We clear bss, turn on Sv39 with boot_root_table (the kernel's gigabyte identity-mapped for
 * the jump, the physical window, the kernel image), move to the link address and call
 * riscv_boot(). vspace.c replaces boot_root_table with the kernel's own tables.
 */
#include <arch/csr.h>
#include <board.h>

#define PTE_KERNEL_RWX 0xcf /* V R W X A D */
#define GIGA_SHIFT 30
#define SATP_MODE_SV39_SHIFTED 8 /* satp.MODE, bits 63:60 */
#define WINDOW_INDEX 256 /* 0xffffffc000000000 */
#define WINDOW_GIGAPAGES 254
#define IMAGE_INDEX 510 /* 0xffffffff80000000 */

    .section .text.head, "ax"
    .globl _start
_start:
    /* Image header (Linux Documentation/riscv/boot-image-header.rst), 64 bytes. */
    .option push
    .option norvc                  /* code0 must be a full 4-byte jump */
    j       boot_physical          /* code0 */
    .option pop
    .word   0                      /* code1 */
    .dword  0x200000               /* text_offset: where in RAM the image goes */
    .dword  _kernel_image_size     /* image_size: code, data and bss */
    .dword  0                      /* flags: little-endian */
    .word   2                      /* version 0.2 */
    .word   0
    .dword  0
    .ascii  "RISCV\0\0\0"          /* magic (deprecated) */
    .ascii  "RSC\x05"              /* magic2 */
    .word   0                      /* no PE/COFF header */

boot_physical:
    csrci   sstatus, SSTATUS_SIE
    csrw    sie, zero
    csrw    sscratch, zero
    mv      s0, a0
    mv      s1, a1

    /* bss holds the boot table, so clear it first (at physical addresses: lla is PC-relative). */
    lla     t0, _kernel_bss_start
    lla     t1, _kernel_bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, (t0)
    addi    t0, t0, 8
    j       1b
2:
    lla     t0, boot_root_table
    /* A gigapage entry for physical gigabyte t2: (t2 << 28) | flags, stored at index t3. */
    li      t2, BOARD_BOOT_RAM_BASE >> GIGA_SHIFT
    slli    t4, t2, GIGA_SHIFT - 2
    ori     t4, t4, PTE_KERNEL_RWX
    slli    t3, t2, 3
    add     t3, t0, t3
    sd      t4, (t3)                       /* identity, for the instructions around satp */
    li      t3, IMAGE_INDEX * 8
    add     t3, t0, t3
    sd      t4, (t3)                       /* the kernel image's gigabyte */

    li      t2, 0                          /* the window: gigabyte i at index 256 + i */
    li      t5, WINDOW_GIGAPAGES
    li      t3, WINDOW_INDEX * 8
    add     t3, t0, t3
3:  slli    t4, t2, GIGA_SHIFT - 2
    ori     t4, t4, PTE_KERNEL_RWX
    sd      t4, (t3)
    addi    t2, t2, 1
    addi    t3, t3, 8
    bltu    t2, t5, 3b

    srli    t0, t0, 12
    li      t1, SATP_MODE_SV39_SHIFTED
    slli    t1, t1, 60
    or      t0, t0, t1
    sfence.vma
    csrw    satp, t0
    sfence.vma
    ld      t0, boot_virtual_address
    jr      t0

    .balign 8
boot_virtual_address:
    .dword  boot_virtual

    .text
boot_virtual:
    lla     sp, kernel_stack_top
    lla     t0, trap_entry
    csrw    stvec, t0
    mv      a0, s0
    mv      a1, s1
    call    riscv_boot
4:  wfi
    j       4b

    .section .bss
    .balign 4096
boot_root_table:
    .space  4096
    .globl kernel_stack_top
    .balign 16
kernel_stack:
    .space  16384
kernel_stack_top:
