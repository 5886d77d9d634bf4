/*
 * User thread contexts: the initial state, the way back to user mode (SYSRET for a thread
 * that entered by SYSCALL, IRETQ otherwise), and the register dump of fault reports.
 */
#include <arch.h>
#include <arch/segments.h>
#include <arch/trap.h>
#include <arch/vspace.h>
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
}

/* SYSRET with a non-canonical rip would fault in the kernel on the user's stack; such a
 * thread leaves by IRETQ, which faults in user mode instead. */
void arch_return_to_user(struct tcb *thread)
{
    struct arch_context *context = &thread->context;
    vspace_activate(thread->vspace_root);
    tss_set_user_frame_end((word_t)context + CONTEXT_FRAME_END);
    if (context->vector == VECTOR_SYSCALL && context->rip < ARCH_USER_TOP)
        context_restore_sysret(context);
    context_restore_iret(context);
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
