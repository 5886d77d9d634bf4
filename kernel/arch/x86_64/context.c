/*
 * User thread contexts: the initial state, the way back to user mode (SYSRET for a thread
 * that entered by SYSCALL, IRETQ otherwise), seL4_UserContext for TCB register invocations,
 * the TLS base (FS base, loaded by MSR or, with FSGSBASE, by wrfsbase), and the register dump
 * of fault reports.
 */
#include <arch.h>
#include <arch/cpu.h>
#include <arch/segments.h>
#include <arch/trap.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <object/tcb.h>

void arch_context_init_user(struct arch_context *context, vaddr_t entry)
{
    memset(context, 0, sizeof(*context));
    context->fault_ip = entry;
    context->rip = entry;
    context->cs = SEL_USER_CODE;
    context->ss = SEL_USER_DATA;
    context->rflags = USER_RFLAGS_IF | USER_RFLAGS_RESERVED;
    uint16_t fcw = FPU_FCW_DEFAULT;
    uint32_t mxcsr = FPU_MXCSR_DEFAULT;
    memcpy(&context->fpu[FPU_FCW_OFFSET], &fcw, sizeof(fcw));
    memcpy(&context->fpu[FPU_MXCSR_OFFSET], &mxcsr, sizeof(mxcsr));
}

/* What the FS and GS base MSRs hold: user code cannot write them without FSGSBASE (a segment
 * load could clear them, as it can under seL4, which also writes them only on a change). */
static word_t loaded_fs_base, loaded_gs_base;

/* With FSGSBASE the CPU's bases are the user's to change: write them every time (entry.S
 * saved what the last thread left), with the instructions, cheaper than the MSRs. */
static void load_tls(const struct arch_context *context)
{
    if (cpu_features.fsgsbase) {
        cpu_write_fs_base(context->fs_base);
        cpu_write_gs_base(context->gs_base);
        return;
    }
    if (context->fs_base != loaded_fs_base) {
        loaded_fs_base = context->fs_base;
        cpu_write_msr(MSR_FS_BASE, loaded_fs_base);
    }
    if (context->gs_base != loaded_gs_base) {
        loaded_gs_base = context->gs_base;
        cpu_write_msr(MSR_GS_BASE, loaded_gs_base);
    }
}

/* The context whose x87/SSE state the CPU holds: the thread last returned to, which is the
 * one running when the kernel was entered. Switching saves it there before loading the next.
 * Even if that thread was deleted since, its memory is not reused before a later Retype,
 * which zeroes it. (Eager switching; lazy switching through CR0.TS would need a hook when a
 * TCB is destroyed, as seL4's fpuThreadDelete.) */
static struct arch_context *fpu_context;

static void switch_fpu(struct arch_context *next)
{
    if (next == fpu_context)
        return;
    if (fpu_context)
        __asm__ volatile("fxsave64 %0" : "=m"(fpu_context->fpu));
    __asm__ volatile("fxrstor64 %0" ::"m"(next->fpu));
    fpu_context = next;
}

/* SYSRET with a non-canonical rip would fault in the kernel on the user's stack; such a
 * thread leaves by IRETQ, which faults in user mode instead. */
void arch_context_restore(struct tcb *thread)
{
    struct arch_context *context = &thread->context;
    load_tls(context);
    switch_fpu(context);
    tss_set_user_frame_end((word_t)context + CONTEXT_FRAME_END);
    if (context->vector == VECTOR_SYSCALL && context->rip < ARCH_USER_TOP)
        context_restore_sysret(context);
    context_restore_iret(context);
}

/* The saved register behind each seL4_UserContext word; word 0 is seL4's FaultIP. */
static word_t *user_context_slot(struct arch_context *c, word_t index)
{
    word_t *const slots[ARCH_USER_CONTEXT_WORDS] = {
        &c->fault_ip, &c->rsp, &c->rflags, &c->rax, &c->rbx, &c->rcx, &c->rdx,
        &c->rsi,      &c->rdi, &c->rbp,    &c->r8,  &c->r9,  &c->r10, &c->r11,
        &c->r12,      &c->r13, &c->r14,    &c->r15, &c->fs_base, &c->gs_base};
    return index < ARCH_USER_CONTEXT_WORDS ? slots[index] : NULL;
}

word_t arch_user_context_get(const struct arch_context *context, word_t index)
{
    word_t *slot = user_context_slot((struct arch_context *)context, index);
    return slot ? *slot : 0;
}

/* seL4's sanitiseRegister: addresses the CPU will load must be canonical (else 0); rflags
 * keeps only the user's arithmetic and control bits, with IF set and TF clear. */
static word_t sanitise(word_t index, word_t value)
{
    bool address = index == 0 || index >= ARCH_USER_CONTEXT_FRAME_WORDS;
    if (address && value > USER_CANONICAL_TOP && value < KERNEL_CANONICAL_BASE)
        return 0;
    if (index == 2)
        return ((value | USER_RFLAGS_RESERVED | USER_RFLAGS_IF) & USER_RFLAGS_MASK) &
               ~USER_RFLAGS_TF;
    return value;
}

/* Writing rip also sets where the thread resumes (seL4: setNextPC(getRestartPC())). Any write
 * makes the thread leave by IRETQ, which restores rcx and r11 as written (seL4 does the same
 * in Mode_postModifyRegisters). */
void arch_user_context_set(struct arch_context *context, word_t index, word_t value)
{
    word_t *slot = user_context_slot(context, index);
    if (!slot)
        return;
    *slot = sanitise(index, value);
    if (index == 0)
        context->rip = *slot;
    context->vector = 0;
}

void arch_set_tls_base(struct arch_context *context, word_t base)
{
    context->fs_base = sanitise(ARCH_USER_CONTEXT_FRAME_WORDS, base);
}

void arch_context_print(const struct arch_context *c)
{
    kprintf("  rip %016lx  rsp %016lx  rflags %016lx\n", c->rip, c->rsp, c->rflags);
    kprintf("  rax %016lx  rbx %016lx  rcx %016lx\n", c->rax, c->rbx, c->rcx);
    kprintf("  rdx %016lx  rsi %016lx  rdi %016lx\n", c->rdx, c->rsi, c->rdi);
    kprintf("  rbp %016lx  r8  %016lx  r9  %016lx\n", c->rbp, c->r8, c->r9);
    kprintf("  r10 %016lx  r11 %016lx  r12 %016lx\n", c->r10, c->r11, c->r12);
    kprintf("  r13 %016lx  r14 %016lx  r15 %016lx\n", c->r13, c->r14, c->r15);
    kprintf("  cs %lx  ss %lx  vector %lu  error %lx  fault ip %lx\n", c->cs, c->ss, c->vector,
            c->error, c->fault_ip);
}

