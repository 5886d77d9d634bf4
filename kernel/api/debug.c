/*
 * The debug syscalls (ABI §1.2, §1.3): DebugPutChar unless a BENCHMARK build (which prints
 * nothing from the kernel, as upstream's release builds); with CONFIG_DEBUG also DebugHalt
 * (its status in the cap register: our extension), DebugCapIdentify, DebugNameThread and
 * DebugDumpScheduler. Upstream root tasks built in debug mode name their thread first thing.
 */
#include <api/syscall.h>
#include <arch.h>
#include <config.h>
#include <core/exit_status.h>
#include <core/scheduler.h>
#include <core/stop.h>
#include <lib/printf.h>
#include <object/tcb.h>
#include <sel4/syscall_numbers.h>

#define NAME_MAX_BYTES 960 /* seL4's limit: the IPC buffer's message words */

static struct cte *lookup(struct tcb *thread, cptr_t cptr)
{
    struct lookup_fault fault;
    word_t bits_left;
    return cspace_resolve(thread->slots[TCB_CTABLE].cap, cptr, seL4_WordBits, &bits_left,
                          &fault);
}

/* The kernel's type tag of the capability at the cptr, 0 if none. */
static void debug_cap_identify(struct tcb *thread, cptr_t cptr)
{
    struct cte *slot = lookup(thread, cptr);
    arch_user_reg_set(&thread->context, REG_CAP, slot ? cap_type(slot->cap) : 0);
}

/* Name a thread from the NUL-terminated string at msg[0] of the caller's IPC buffer. Like
 * upstream, a bad request stops the system: it is a debugging aid, not an API. */
static void debug_name_thread(struct tcb *thread, cptr_t cptr)
{
    struct cte *slot = lookup(thread, cptr);
    word_t *buffer = tcb_ipc_buffer(thread, false);
    const char *name = buffer ? (const char *)(buffer + 1) : 0;
    if (!slot || cap_type(slot->cap) != CAP_THREAD || !name)
        kernel_stop(EXIT_STATUS_KERNEL_PANIC, "DebugNameThread: not a TCB, or no IPC buffer");
    struct tcb *target = tcb_at(cap_object(slot->cap));
    word_t i = 0;
    for (; i < NAME_MAX_BYTES && name[i]; i++) {
        if (i < sizeof(target->name) - 1)
            target->name[i] = name[i];
    }
    if (i == NAME_MAX_BYTES)
        kernel_stop(EXIT_STATUS_KERNEL_PANIC, "DebugNameThread: name too long");
    target->name[i < sizeof(target->name) - 1 ? i : sizeof(target->name) - 1] = 0;
}

bool debug_syscall(struct tcb *thread, sword_t number)
{
    word_t cap_reg = arch_user_reg_get(&thread->context, REG_CAP);
    if (number == seL4_SysDebugPutChar && !CONFIG_BENCHMARK) {
        arch_console_putchar((char)cap_reg);
        return true;
    }
    if (!CONFIG_DEBUG)
        return false;
    switch (number) {
    case seL4_SysDebugHalt:
        kernel_stop(cap_reg & 0x7f, "DebugHalt");
    case seL4_SysDebugCapIdentify:
        debug_cap_identify(thread, cap_reg);
        return true;
    case seL4_SysDebugNameThread:
        debug_name_thread(thread, cap_reg);
        return true;
    case seL4_SysDebugDumpScheduler:
        scheduler_dump();
        return true;
    default:
        return false;
    }
}
