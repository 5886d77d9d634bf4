/*
 * Per-thread FP state (f0-f31, fcsr) in struct arch_context. The FP registers hold the state
 * of one thread, the holder; only the holder ever runs with sstatus.FS on, so only it can
 * change them. A trap saves the holder's registers when FS says Dirty, so in the kernel the
 * registers always equal the holder's saved copy and switching holders is just a load. A
 * thread with the TCB flag fpuDisabled runs with FS Off: FP use traps (illegal instruction,
 * a UserException) and the registers stay the holder's.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <object/tcb.h>

/* seL4_TCBFlag_fpuDisabled (object/tcb.c keeps the generic name to itself). */
#define TCB_FLAG_FPU_DISABLED BIT(0)

void riscv_fp_save(struct arch_context *context);
void riscv_fp_load(const struct arch_context *context);

/* The context whose FP state the registers hold; 0 when none. Only compared, never
 * dereferenced: the holder's TCB may be gone since. */
static const struct arch_context *fp_holder;

void fpu_trap_save(struct arch_context *context)
{
    if ((context->regs[RISCV_SSTATUS] & SSTATUS_FS_MASK) == SSTATUS_FS_DIRTY)
        riscv_fp_save(context); /* FS is still Dirty here, so the registers are on */
}

word_t fpu_prepare_entry(struct tcb *thread)
{
    if (thread->flags & TCB_FLAG_FPU_DISABLED)
        return SSTATUS_FS_OFF;
    if (fp_holder != &thread->context) {
        csr_set(sstatus, SSTATUS_FS_CLEAN); /* any state but Off lets the kernel load */
        riscv_fp_load(&thread->context);
        fp_holder = &thread->context;
    }
    return SSTATUS_FS_CLEAN;
}

/* A new TCB may sit where the holder's was: its (zeroed) state must be loaded, not assumed. */
void fpu_forget(const struct arch_context *context)
{
    if (fp_holder == context)
        fp_holder = 0;
}
