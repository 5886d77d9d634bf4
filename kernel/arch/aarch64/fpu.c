/*
 * FP/SIMD registers per thread, switched lazily with CPACR_EL1.FPEN. The registers hold the
 * state of at most one thread (`loaded`); only the thread whose state they hold, and which
 * has no fpuDisabled flag, runs with FP access at EL0. Any other thread's first FP
 * instruction traps, and the trap loads its state. While EL0 has access (`dirty`) the
 * registers may be ahead of the saved copy, so leaving for another thread saves them first:
 * the copy in memory is current whenever EL0 has no access.
 */
#include <api/syscall.h>
#include <arch/fpu.h>
#include <arch/sysreg.h>
#include <core/thread.h>
#include <sel4/constants.h>

#define CPACR_FPEN_TRAP_EL0 (1ul << 20) /* EL1 keeps access for fpu.S */
#define CPACR_FPEN_NO_TRAP (3ul << 20)

/* entry.S starts with CPACR_FPEN_TRAP_EL0 and no thread's state in the registers. */
static struct arch_fpu_state *loaded;
static bool dirty;
static bool el0_access;

static void fpu_set_el0_access(bool access)
{
    if (access == el0_access)
        return;
    /* The eret to user mode synchronises the context: no isb needed. */
    sysreg_write(cpacr_el1, access ? CPACR_FPEN_NO_TRAP : CPACR_FPEN_TRAP_EL0);
    el0_access = access;
}

/* A thread with EL0 access ran last and may have changed the registers; it is alive (it was
 * current when this kernel entry began, and memory freed by this entry is not reused by it),
 * so its copy can take them. */
void fpu_prepare_return(struct tcb *thread)
{
    struct arch_fpu_state *own = &thread->context.fpu;
    bool access = loaded == own && !(thread->flags & seL4_TCBFlag_fpuDisabled);
    if (dirty && !access) {
        fpu_save(loaded);
        dirty = false;
    }
    dirty = access;
    fpu_set_el0_access(access);
}

/* No thread has EL0 access at a trap, so the registers' previous owner is saved already. */
void fpu_handle_trap(word_t esr)
{
    struct tcb *thread = current_thread;
    if (thread->flags & seL4_TCBFlag_fpuDisabled)
        fault_handle_user_exception(esr, 0);
    fpu_load(&thread->context.fpu);
    loaded = &thread->context.fpu;
    kernel_exit(); /* the instruction runs again: ELR is still its address */
}

void fpu_forget(const struct arch_context *context)
{
    if (loaded == &context->fpu) {
        loaded = 0;
        dirty = false;
    }
}
