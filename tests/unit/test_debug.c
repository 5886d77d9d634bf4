/* Host tests of the debug syscalls (api/debug.c): DebugNameThread's copy of the name from the
 * caller's IPC buffer into the TCB's name field, which the kernel prints in its fault lines
 * and scheduler dump (§1.3: upstream halts the system on a name of 960 bytes or more). */
#include "arch/fake_arch.h"
#include "fixture.h"
#include "unit.h"
#include <api/syscall.h>
#include <core/exit_status.h>
#include <core/stop.h>
#include <object/tcb.h>
#include <sel4/object_type.h>
#include <sel4/syscall_numbers.h>
#include <setjmp.h>
#include <string.h>

enum { TCB_A = 10 };
#define NAME_FIELD_BYTES sizeof(((struct tcb *)0)->name)
#define NAME_MAX_BYTES 960 /* the message words, 120 of them */

static jmp_buf stop_point;
static word_t stop_status;

/* The kernel stops the machine: here the test goes on after the syscall that stopped it. */
void kernel_stop(word_t status, const char *reason)
{
    (void)reason;
    stop_status = status;
    longjmp(stop_point, 1);
}

void arch_console_putchar(char c)
{
    (void)c;
}

static struct tcb *tcb_a(void)
{
    return tcb_at(cap_object(root[TCB_A].cap));
}

/* DebugNameThread on TCB_A, the caller's IPC buffer holding `bytes` bytes of `fill` from
 * msg[0] on, then a NUL (or, if `bytes` reaches past the message words, whatever follows
 * them). True if the kernel stopped the machine (with status `stop_status`). */
static bool name_thread(char fill, word_t bytes)
{
    char *name = (char *)buffer->msg;
    memset(name, fill, bytes);
    name[bytes] = 0;
    arch_user_reg_set(&thread->context, REG_CAP, TCB_A);
    stop_status = 0;
    if (setjmp(stop_point))
        return true;
    CHECK(debug_syscall(thread, seL4_SysDebugNameThread));
    return false;
}

static void test_name_is_copied_and_ended(void)
{
    CHECK(!name_thread('a', 6));
    CHECK(strcmp(tcb_a()->name, "aaaaaa") == 0);
    /* A shorter name ends where it ends: nothing of the longer one before it is left. */
    CHECK(!name_thread('b', 2));
    CHECK(strcmp(tcb_a()->name, "bb") == 0);
    CHECK(!name_thread('c', NAME_FIELD_BYTES - 1));
    CHECK_EQ(strlen(tcb_a()->name), NAME_FIELD_BYTES - 1);
    CHECK(!name_thread('d', 1));
    CHECK(strcmp(tcb_a()->name, "d") == 0);
}

static void test_long_name_is_cut(void)
{
    CHECK(!name_thread('e', 40));
    CHECK_EQ(strlen(tcb_a()->name), NAME_FIELD_BYTES - 1);
    CHECK(!name_thread('f', NAME_MAX_BYTES - 1));
    CHECK_EQ(strlen(tcb_a()->name), NAME_FIELD_BYTES - 1);
    CHECK_EQ(tcb_a()->name[0], 'f');
}

/* A name with no NUL in the 960 bytes of the message words stops the system, whatever the
 * buffer holds after them (here a NUL right after, or more name). */
static void test_too_long_name_stops(void)
{
    CHECK(name_thread('g', NAME_MAX_BYTES));
    CHECK_EQ(stop_status, EXIT_STATUS_KERNEL_PANIC);
    CHECK(name_thread('h', NAME_MAX_BYTES + 8));
    CHECK_EQ(stop_status, EXIT_STATUS_KERNEL_PANIC);
}

int main(void)
{
    setup();
    CHECK_EQ(retype(seL4_TCBObject, 0, TCB_A, 1).label, seL4_NoError);
    test_name_is_copied_and_ended();
    test_long_name_is_cut();
    test_too_long_name_stops();
    teardown();
    return unit_report("test_debug");
}
