/*
 * The FP registers (f0-f31, fcsr) to and from a struct arch_context (context.h: CONTEXT_FP,
 * CONTEXT_FCSR). The caller has made sstatus.FS non-Off; the kernel's C code never touches
 * the FP registers, so these are the only kernel instructions that do. arch.cmake assembles
 * .S files with the D extension for them.
 */
#include <arch/context.h>

    .text
    .balign 4
/* riscv_fp_save(context): store the FP registers and fcsr into `context`. */
    .globl riscv_fp_save
riscv_fp_save:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fsd     f\n, CONTEXT_FP + \n*8(a0)
    .endr
    frcsr   t0
    sd      t0, CONTEXT_FCSR(a0)
    ret

/* riscv_fp_load(context): load the FP registers and fcsr from `context`. */
    .globl riscv_fp_load
riscv_fp_load:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fld     f\n, CONTEXT_FP + \n*8(a0)
    .endr
    ld      t0, CONTEXT_FCSR(a0)
    fscsr   t0
    ret
