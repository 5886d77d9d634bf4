/* Host tests of the way out of the kernel and of interrupt dispatch (core/thread.c,
 * core/interrupt.c): the address space a thread runs in, a stray interrupt masked and
 * reported, the top interrupt number like any other where it is not the timer's, and whether
 * an interrupt may still wake anyone. */
#include "arch/fake_arch.h"
#include "fixture.h"
#include "unit.h"
#include <core/interrupt.h>
#include <core/thread.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <object/notification.h>
#include <stdlib.h>
#include <string.h>

static void *zeroed(size_t align, size_t bytes)
{
    void *p = aligned_alloc(align, bytes);
    memset(p, 0, bytes);
    return p;
}

/* The arch's side of leaving the kernel: nothing here returns to user mode or idles. */
_Noreturn void arch_context_restore(struct tcb *tcb)
{
    (void)tcb;
    abort();
}

word_t arch_idle_wait(void)
{
    abort();
}

_Noreturn void kernel_stop(word_t status, const char *reason)
{
    (void)status, (void)reason;
    abort();
}

void stop_count_timer_interrupt(void)
{
}

void arch_timer_ack(void)
{
}

/* A thread runs in its VSpace while its capability names a root its ASID still maps to it,
 * else in the empty root, where every access faults: a thread without a VSpace capability
 * too, never in "no root" (0). */
static void test_thread_vspace_root(void)
{
    struct tcb *tcb = zeroed(BIT(seL4_TCBBits), BIT(seL4_TCBBits));
    CHECK_EQ(thread_vspace_root(tcb), arch_vspace_empty_root());
    paddr_t root = (paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE);
    paddr_t pool = (paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE);
    asid_boot_pool(pool, root);
    tcb->slots[TCB_VTABLE].cap =
        cap_table_mapped(cap_table(ARCH_CAP_VSPACE_ROOT, root), ASID_BOOT, 0);
    tcb->vspace_root = root;
    CHECK_EQ(thread_vspace_root(tcb), root);
    /* The ASID now names another root (this one's pool entry was reused): empty root. */
    void *other_root = zeroed(PAGE_SIZE, PAGE_SIZE);
    asid_boot_pool(pool, (paddr_t)other_root);
    CHECK_EQ(thread_vspace_root(tcb), arch_vspace_empty_root());
    free(other_root);
    free((void *)pool);
    free((void *)root);
    free(tcb);
}

/* An interrupt nobody handles is masked (it would come again at once) and reported; a number
 * past the controller's is reported only; "no interrupt" (a spurious wake-up) does nothing.
 * The top number is an ordinary one where the timer has another (aarch64, x86_64). */
static void test_stray_interrupts(void)
{
    char out[128];
    console_into(interrupt_dispatch, 7, out, sizeof(out));
    CHECK(fake_irq_masked[7]);
    CHECK(!strcmp(out, "kernel: interrupt 7 has no handler; masked\n"));
    console_into(interrupt_dispatch, ARCH_NO_INTERRUPT, out, sizeof(out));
    CHECK(!strcmp(out, ""));
    console_into(interrupt_dispatch, ARCH_MAX_IRQ + 1, out, sizeof(out));
    CHECK(strstr(out, "has no handler"));
    fake_timer_irq = ARCH_MAX_IRQ - 1;
    console_into(interrupt_dispatch, ARCH_MAX_IRQ, out, sizeof(out));
    CHECK(fake_irq_masked[ARCH_MAX_IRQ]);
    fake_timer_irq = FAKE_TIMER_IRQ;
}

/* The top interrupt number with a handler and a notification may wake someone like any
 * other. */
static void test_top_interrupt_may_signal(void)
{
    CHECK(!interrupt_may_signal());
    struct notification *ntfn = zeroed(64, 64);
    interrupt_set_state(ARCH_MAX_IRQ, IRQ_SIGNAL);
    cspace_insert_child(NULL, interrupt_slot(ARCH_MAX_IRQ),
                        cap_notification((paddr_t)ntfn, 1, CAP_RIGHTS_ALL), true);
    CHECK(interrupt_may_signal());
    cspace_remove(interrupt_slot(ARCH_MAX_IRQ));
    interrupt_set_state(ARCH_MAX_IRQ, IRQ_INACTIVE);
    CHECK(!interrupt_may_signal());
    free(ntfn);
}

int main(void)
{
    interrupt_init();
    test_thread_vspace_root();
    test_stray_interrupts();
    test_top_interrupt_may_signal();
    return unit_report("test_thread");
}
