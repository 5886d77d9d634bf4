/* The kernel's first instructions: the arm64 Image header that QEMU and boot loaders read, the
 * drop from EL2 to EL1, the boot page tables, the MMU, then arch_boot() (boot.c) at the link
 * address. Until the jump to the link address the MMU is off and the image runs wherever the
 * loader put it, so that part uses only PC-relative addressing. */
#include <arch/machine.h>
#include <arch/page_table.h>

/* The address of `symbol` where the image runs now (physical before the MMU is on). */
.macro address_of reg, symbol
    adrp \reg, \symbol
    add \reg, \reg, :lo12:\symbol
.endm

    .section .text.start, "ax"
    .global _kernel_header
_kernel_header:
    b primary_entry                 /* code0 */
    .long 0                         /* code1 */
    .quad KERNEL_TEXT_OFFSET        /* text_offset */
    .quad _kernel_image_size        /* image_size: the whole footprint, bss included */
    .quad 0xa                       /* flags: little-endian, 4 KiB pages, any 2 MiB base */
    .quad 0, 0, 0                   /* res2-res4 */
    .byte 0x41, 0x52, 0x4d, 0x64    /* magic "ARM\x64" */
    .long 0                         /* res5 */

/* x0 = device tree (physical), MMU off. Kept: x19 device tree, x20 entry EL, x21 physical
 * address of the image, x22 link address minus physical address. */
primary_entry:
    msr daifset, #0xf
    mov x19, x0
    mrs x20, CurrentEL
    lsr x20, x20, #2
    cmp x20, #2
    b.eq leave_el2
    cmp x20, #1
    b.ne .                          /* EL3: not supported; nothing to print with yet */
at_el1:
    ldr x0, =SCTLR_MMU_OFF
    msr sctlr_el1, x0
    isb
    mov x0, #(1 << 20)              /* CPACR_EL1.FPEN: FP/SIMD traps at EL0 only (fpu.c) */
    msr cpacr_el1, x0
    address_of x21, _kernel_start
    ldr x22, =_kernel_start
    sub x22, x22, x21
    bl zero_bss
    bl build_boot_tables
    bl enable_mmu
    ldr x0, =at_link_address
    br x0

/* EL2 (QEMU with virtualization=on): hand EL1 everything and enter it, AArch64, at at_el1. */
leave_el2:
    mov x0, #(1 << 31)              /* HCR_EL2.RW; no traps or routing to EL2 */
    msr hcr_el2, x0
    mrs x0, cnthctl_el2
    orr x0, x0, #3                  /* EL1PCTEN, EL1PCEN */
    msr cnthctl_el2, x0
    msr cntvoff_el2, xzr
    mov x0, #0x33ff                 /* CPTR_EL2: RES1 bits only, so FP/SIMD is not trapped */
    msr cptr_el2, x0
    msr hstr_el2, xzr
    mrs x0, pmcr_el0
    ubfx x0, x0, #11, #5            /* MDCR_EL2.HPMN = PMCR_EL0.N: EL1 owns every counter */
    msr mdcr_el2, x0
    mrs x0, midr_el1
    msr vpidr_el2, x0
    mrs x0, mpidr_el1
    msr vmpidr_el2, x0
    msr vttbr_el2, xzr
    ldr x0, =SCTLR_MMU_OFF
    msr sctlr_el1, x0
    mov x0, #0x3c5                  /* EL1h, DAIF masked */
    msr spsr_el2, x0
    adr x0, at_el1
    msr elr_el2, x0
    eret

zero_bss:
    address_of x0, _bss_start
    address_of x1, _bss_end
1:  cmp x0, x1
    b.hs 2f
    stp xzr, xzr, [x0], #16
    b 1b
2:  ret

/* TTBR1: the image at its link address, page by page, and an empty level-1 table for the
 * physical window (window.c fills it). TTBR0: the 1 GiB around the image, identity-mapped,
 * only so that the instructions that turn the MMU on can go on running. */
build_boot_tables:
    address_of x0, kernel_l0
    address_of x1, kernel_l1_image
    orr x1, x1, #PTE_TABLE
    str x1, [x0, #(((KERNEL_IMAGE_VBASE >> PT_L0_SHIFT) & 511) * 8)]
    address_of x1, kernel_l1_window
    orr x1, x1, #PTE_TABLE
    str x1, [x0, #(((PHYS_WINDOW_VBASE >> PT_L0_SHIFT) & 511) * 8)]
    address_of x0, kernel_l1_image
    address_of x1, kernel_l2_image
    orr x1, x1, #PTE_TABLE
    str x1, [x0, #(((KERNEL_IMAGE_VBASE >> PT_L1_SHIFT) & 511) * 8)]
    address_of x0, kernel_l2_image
    address_of x1, kernel_l3_image
    orr x1, x1, #PTE_TABLE
    mov x2, #KERNEL_IMAGE_L3_TABLES
1:  str x1, [x0], #8
    add x1, x1, #4096
    subs x2, x2, #1
    b.ne 1b

    ldr x0, =_kernel_start
    ldr x1, =_kernel_end
    ldr x2, =_text_end
    ldr x3, =_rodata_end
    address_of x4, kernel_l3_image
    ldr x5, =KERNEL_IMAGE_VBASE
    ldr x9, =(PTE_PAGE | PTE_KERNEL_NORMAL | PTE_AP_READ_ONLY)
    ldr x10, =(PTE_PAGE | PTE_KERNEL_NORMAL | PTE_AP_READ_ONLY | PTE_PXN)
    ldr x11, =(PTE_PAGE | PTE_KERNEL_NORMAL | PTE_PXN)
2:  cmp x0, x2
    csel x8, x9, x10, lo            /* text, else rodata */
    cmp x0, x3
    csel x8, x8, x11, lo            /* else data and bss */
    sub x7, x0, x22
    orr x7, x7, x8
    sub x6, x0, x5
    lsr x6, x6, #12
    str x7, [x4, x6, lsl #3]
    add x0, x0, #4096
    cmp x0, x1
    b.lo 2b

    address_of x0, boot_l0_identity
    address_of x1, boot_l1_identity
    orr x1, x1, #PTE_TABLE
    lsr x2, x21, #PT_L0_SHIFT
    str x1, [x0, x2, lsl #3]
    address_of x0, boot_l1_identity
    lsr x2, x21, #PT_L1_SHIFT
    and x2, x2, #511
    lsr x1, x21, #PT_L1_SHIFT
    lsl x1, x1, #PT_L1_SHIFT
    ldr x3, =(PTE_BLOCK | PTE_KERNEL_NORMAL | PTE_NG)
    orr x1, x1, x3
    str x1, [x0, x2, lsl #3]
    ret

enable_mmu:
    ldr x0, =MAIR_VALUE
    msr mair_el1, x0
    ldr x0, =TCR_VALUE
    mrs x1, id_aa64mmfr0_el1
    bfi x0, x1, #TCR_IPS_SHIFT, #3
    msr tcr_el1, x0
    address_of x0, boot_l0_identity
    msr ttbr0_el1, x0
    address_of x0, kernel_l0
    msr ttbr1_el1, x0
    /* The tables and bss were written with the caches off: drop any stale lines over them. */
    address_of x0, _bss_start
    address_of x1, _bss_end
    mrs x2, ctr_el0
    ubfx x2, x2, #16, #4
    mov x3, #4
    lsl x3, x3, x2
1:  dc ivac, x0
    add x0, x0, x3
    cmp x0, x1
    b.lo 1b
    dsb sy
    tlbi vmalle1
    dsb nsh
    isb
    ldr x0, =SCTLR_VALUE
    msr sctlr_el1, x0
    isb
    ret

at_link_address:
    address_of x0, kernel_stack_top
    mov sp, x0
    address_of x0, trap_vectors
    msr vbar_el1, x0
    isb
    address_of x0, kernel_image_virt_offset
    str x22, [x0]
    mov x0, x19
    mov x1, x21
    mov x2, x20
    mov x29, xzr
    bl arch_boot
    b .
    .ltorg

    .section .bss.page_tables, "aw", %nobits
    .balign 4096
    .global kernel_l0, kernel_l1_window
kernel_l0:
    .space 4096
kernel_l1_image:
    .space 4096
kernel_l2_image:
    .space 4096
kernel_l3_image:
    .space 4096 * KERNEL_IMAGE_L3_TABLES
kernel_l1_window:
    .space 4096
boot_l0_identity:
    .space 4096
boot_l1_identity:
    .space 4096

    .section .bss.stack, "aw", %nobits
    .balign 16
    .global kernel_stack_top, kernel_image_virt_offset
kernel_stack:
    .space 16384
kernel_stack_top:
kernel_image_virt_offset:
    .space 8
