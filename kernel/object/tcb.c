/*
 * Thread control blocks and their invocations (seL4 manual §6, MCS): spaces and IPC buffer
 * (Configure, SetSpace, SetIPCBuffer), priorities and scheduling (SetPriority,
 * SetMCPriority, SetSchedParams), fault endpoints, registers (Read/Write/CopyRegisters),
 * Suspend, Resume, SetTLSBase, SetFlags. Each decoder checks all arguments first.
 */
#include <api/invocation.h>
#include <core/derive.h>
#include <core/ipc.h>
#include <core/thread_state.h>
#include <core/scheduler.h>
#include <object/frame.h>
#include <object/notification.h>
#include <object/sched_context.h>
#include <object/tcb.h>
#include <sel4/invocation_labels.h>

#define TCB_FLAG_FPU_DISABLED 1ul
#define TCB_VALID_FLAGS TCB_FLAG_FPU_DISABLED

/* The flag bits of the register invocations (ABI §5.6; bits 8-15 are the arch's, none here). */
#define READ_REGISTERS_SUSPEND_SOURCE BIT(0)
#define WRITE_REGISTERS_RESUME_TARGET BIT(0)
#define COPY_REGISTERS_SUSPEND_SOURCE BIT(0)
#define COPY_REGISTERS_RESUME_TARGET BIT(1)
#define COPY_REGISTERS_TRANSFER_FRAME BIT(2)
#define COPY_REGISTERS_TRANSFER_INTEGER BIT(3)

/* The message words of each TCB invocation that has any (ABI §5.6, MCS), in order. */
struct tcb_configure_args {
    word_t cspace_root_data, vspace_root_data, buffer;
};
struct tcb_set_space_args {
    word_t cspace_root_data, vspace_root_data;
};
struct tcb_set_ipc_buffer_args {
    word_t buffer;
};
struct tcb_set_priority_args {
    word_t priority; /* SetMCPriority: the MCP */
};
struct tcb_set_sched_params_args {
    word_t mcp, priority;
};
struct tcb_set_flags_args {
    word_t clear, set;
};
struct tcb_set_tls_base_args {
    word_t tls_base;
};
struct tcb_registers_args {
    word_t flags, count; /* WriteRegisters: the context words follow */
};
struct tcb_copy_registers_args {
    word_t flags;
};

word_t *tcb_ipc_buffer(const struct tcb *tcb, bool writing)
{
    paddr_t base;
    word_t size_bits;
    struct cap cap = tcb->slots[TCB_BUFFER].cap;
    if (!cap_frame_ram(cap, &base, &size_bits) || !cap_frame_ipc_access(cap, writing))
        return 0;
    return arch_phys_to_virt(base + (tcb->ipc_buffer & MASK(size_bits)));
}

/* Cancel its IPC, then Inactive; a Running thread will resume where it is, not redo its
 * last syscall (sel4-abi.md §12.9, seL4's suspend). */
void tcb_suspend(struct tcb *tcb)
{
    ipc_cancel(tcb);
    sched_context_cancel_yield_to(tcb);
    if (tcb->state == THREAD_RUNNING)
        arch_user_reg_set(&tcb->context, REG_FAULT_IP,
                          arch_user_reg_get(&tcb->context, REG_NEXT_IP));
    thread_set_state(tcb, THREAD_INACTIVE);
}

/* In seL4's order (finaliseCap): the notification, then the scheduling context (a thread
 * whose YieldTo waits for it gets its reply now), then suspend (§12.9). */
void tcb_destroy(struct tcb *tcb)
{
    if (tcb->bound_notification)
        notification_unbind(tcb->bound_notification);
    if (tcb->sc) {
        if (tcb->sc->yield_from)
            sched_context_complete_yield_to(tcb->sc->yield_from);
        sched_context_unbind_tcb(tcb->sc);
    }
    tcb_suspend(tcb);
}

/* Resume a stopped or blocked thread: its IPC is cancelled and it redoes the syscall it
 * trapped on (Restart; §12.9 TCB_Resume). */
static void tcb_restart(struct tcb *tcb)
{
    if (tcb->state == THREAD_INACTIVE || thread_is_blocked(tcb)) {
        ipc_cancel(tcb);
        tcb->fault.type = FAULT_NULL;
        thread_set_state(tcb, THREAD_RESTART);
    }
}

/* A ready thread goes to the head of its new queue (seL4's setPriority). */
static void tcb_set_priority(struct tcb *tcb, word_t priority)
{
    scheduler_remove(tcb);
    tcb->priority = priority;
    scheduler_update(tcb);
    scheduler_enqueue_at_head(tcb);
    ipc_reorder(tcb);
}

/* Replace the capability in one of the TCB's own slots by `cap`, derived from `src`. */
static void tcb_install(struct tcb *tcb, enum tcb_slot slot, struct cte *src, struct cap cap)
{
    cspace_delete(&tcb->slots[slot]);
    if (src && !cap_is_null(cap))
        cspace_insert_derived(src, &tcb->slots[slot], cap, false);
}

static struct tcb *target_of(const struct invocation *inv)
{
    return tcb_at(cap_object(inv->cap));
}

/* A priority or MCP must not exceed the authority's MCP. */
static struct syscall_error check_priority(word_t priority, struct cte *authority)
{
    if (cap_type(authority->cap) != CAP_THREAD)
        return error_invalid_capability(1);
    word_t mcp = tcb_at(cap_object(authority->cap))->mcp;
    if (priority > mcp)
        return error_range(0, mcp);
    return error_none();
}

/* A fault or timeout handler: an endpoint we may send to with grant or grant-reply, or null. */
static bool valid_fault_handler(struct cap cap)
{
    word_t needed = CAP_RIGHT_WRITE;
    if (cap_is_null(cap))
        return true;
    return cap_type(cap) == CAP_ENDPOINT && (cap_rights(cap) & needed) &&
           (cap_rights(cap) & (CAP_RIGHT_GRANT | CAP_RIGHT_GRANT_REPLY));
}

struct space_args {
    struct cap cspace, vspace, buffer;
    struct cte *cspace_src, *vspace_src, *buffer_src;
    vaddr_t buffer_addr;
};

static struct syscall_error derive_space(struct space_args *a, word_t cspace_data)
{
    struct cap cspace = a->cspace_src->cap;
    if (cspace_data)
        cspace = cap_update_data(cspace, cspace_data, false);
    struct syscall_error error = cap_derive(a->cspace_src, cspace, &a->cspace);
    if (!error_is_none(error))
        return error;
    if (cap_type(a->cspace) != CAP_CNODE)
        return error_plain(seL4_IllegalOperation);
    error = cap_derive(a->vspace_src, a->vspace_src->cap, &a->vspace);
    if (!error_is_none(error))
        return error;
    if (!arch_vspace_root(a->vspace))
        return error_plain(seL4_IllegalOperation);
    return error_none();
}

/* An IPC buffer: no buffer at address 0; otherwise a frame, the address aligned to 1 KiB. */
static struct syscall_error derive_buffer(struct space_args *a)
{
    paddr_t base;
    word_t size_bits;
    a->buffer = cap_null();
    if (!a->buffer_addr)
        return error_none();
    struct syscall_error error = cap_derive(a->buffer_src, a->buffer_src->cap, &a->buffer);
    if (!error_is_none(error))
        return error;
    if (!cap_frame_ram(a->buffer, &base, &size_bits))
        return error_plain(seL4_IllegalOperation);
    if (a->buffer_addr & MASK(seL4_IPCBufferSizeBits))
        return error_plain(seL4_AlignmentError);
    return error_none();
}

static void tcb_set_space(struct tcb *tcb, const struct space_args *a)
{
    tcb_install(tcb, TCB_CTABLE, a->cspace_src, a->cspace);
    tcb_install(tcb, TCB_VTABLE, a->vspace_src, a->vspace);
    tcb->vspace_root = arch_vspace_root(a->vspace);
}

static void tcb_set_buffer(struct tcb *tcb, const struct space_args *a)
{
    tcb_install(tcb, TCB_BUFFER, a->buffer_src, a->buffer);
    tcb->ipc_buffer = a->buffer_addr;
}

static struct syscall_error tcb_decode_configure(struct invocation *inv)
{
    struct tcb_configure_args args;
    if (!invocation_read_args_and_caps(inv, &args, 3))
        return error_plain(seL4_TruncatedMessage);
    struct space_args a = {.cspace_src = inv->extra[0], .vspace_src = inv->extra[1],
                           .buffer_src = inv->extra[2], .buffer_addr = args.buffer};
    struct syscall_error error = derive_space(&a, args.cspace_root_data);
    if (error_is_none(error))
        error = derive_buffer(&a);
    if (!error_is_none(error))
        return error;
    tcb_set_space(target_of(inv), &a);
    tcb_set_buffer(target_of(inv), &a);
    return error_none();
}

static struct syscall_error tcb_decode_set_space(struct invocation *inv)
{
    struct tcb_set_space_args args;
    if (!invocation_read_args_and_caps(inv, &args, 3))
        return error_plain(seL4_TruncatedMessage);
    if (!valid_fault_handler(inv->extra[0]->cap))
        return error_invalid_capability(1);
    struct space_args a = {.cspace_src = inv->extra[1], .vspace_src = inv->extra[2]};
    struct syscall_error error = derive_space(&a, args.cspace_root_data);
    if (!error_is_none(error))
        return error;
    struct tcb *tcb = target_of(inv);
    tcb_install(tcb, TCB_FAULT_HANDLER, inv->extra[0], inv->extra[0]->cap);
    tcb_set_space(tcb, &a);
    return error_none();
}

static struct syscall_error tcb_decode_set_ipc_buffer(struct invocation *inv)
{
    struct tcb_set_ipc_buffer_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    struct space_args a = {.buffer_src = inv->extra[0], .buffer_addr = args.buffer};
    struct syscall_error error = derive_buffer(&a);
    if (error_is_none(error))
        tcb_set_buffer(target_of(inv), &a);
    return error;
}

static struct syscall_error tcb_decode_set_priority(struct invocation *inv, bool mcp)
{
    struct tcb_set_priority_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error = check_priority(args.priority, inv->extra[0]);
    if (!error_is_none(error))
        return error;
    if (mcp)
        target_of(inv)->mcp = args.priority;
    else
        tcb_set_priority(target_of(inv), args.priority);
    return error_none();
}

/* The scheduling context SetSchedParams names: bindable to `tcb`, or null to unbind, which
 * the calling thread may not do to itself (it could not run to see the reply). */
static struct syscall_error check_sched_context(struct cap cap, struct tcb *tcb,
                                               const struct tcb *caller)
{
    if (cap_is_null(cap))
        return tcb == caller ? error_plain(seL4_IllegalOperation) : error_none();
    if (cap_type(cap) != CAP_SCHED_CONTEXT)
        return error_invalid_capability(2);
    struct sched_context *sc = sched_context_at(cap_object(cap));
    if ((sc->tcb && sc->tcb != tcb) || (tcb->sc && tcb->sc != sc))
        return error_plain(seL4_IllegalOperation);
    return error_none();
}

static void tcb_set_sched_context(struct tcb *tcb, struct cap cap)
{
    if (cap_is_null(cap)) {
        if (tcb->sc)
            sched_context_unbind_tcb(tcb->sc);
    } else if (!tcb->sc) {
        sched_context_bind_tcb(sched_context_at(cap_object(cap)), tcb);
    }
}

static struct syscall_error tcb_decode_set_sched_params(struct invocation *inv)
{
    struct tcb_set_sched_params_args args;
    struct tcb *tcb = target_of(inv);
    if (!invocation_read_args_and_caps(inv, &args, 3))
        return error_plain(seL4_TruncatedMessage);
    struct syscall_error error = check_priority(args.mcp, inv->extra[0]);
    if (error_is_none(error))
        error = check_priority(args.priority, inv->extra[0]);
    if (error_is_none(error))
        error = check_sched_context(inv->extra[1]->cap, tcb, inv->thread);
    if (error_is_none(error) && !valid_fault_handler(inv->extra[2]->cap))
        error = error_invalid_capability(3);
    if (!error_is_none(error))
        return error;
    tcb->mcp = args.mcp;
    tcb_set_priority(tcb, args.priority);
    tcb_set_sched_context(tcb, inv->extra[1]->cap);
    tcb_install(tcb, TCB_FAULT_HANDLER, inv->extra[2], inv->extra[2]->cap);
    return error_none();
}

static struct syscall_error tcb_decode_set_timeout_endpoint(struct invocation *inv)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    if (!valid_fault_handler(inv->extra[0]->cap))
        return error_invalid_capability(1);
    tcb_install(target_of(inv), TCB_TIMEOUT_HANDLER, inv->extra[0], inv->extra[0]->cap);
    return error_none();
}

static struct syscall_error tcb_decode_set_flags(struct invocation *inv)
{
    struct tcb_set_flags_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    struct tcb *tcb = target_of(inv);
    tcb->flags = ((tcb->flags & ~args.clear) | args.set) & TCB_VALID_FLAGS;
    invocation_set_result(inv, 0, tcb->flags);
    invocation_reply_length(inv, 1);
    return error_none();
}

static struct syscall_error tcb_decode_set_tls_base(struct invocation *inv)
{
    struct tcb_set_tls_base_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    arch_set_tls_base(&target_of(inv)->context, args.tls_base);
    return error_none();
}

/* ReadRegisters replies with `count` context words. */
static struct syscall_error tcb_decode_read_registers(struct invocation *inv)
{
    struct tcb_registers_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    word_t count = args.count;
    struct tcb *tcb = target_of(inv);
    if (count < 1 || count > ARCH_USER_CONTEXT_WORDS)
        return error_range(1, ARCH_USER_CONTEXT_WORDS);
    if (tcb == inv->thread)
        return error_plain(seL4_IllegalOperation);
    if (args.flags & READ_REGISTERS_SUSPEND_SOURCE)
        tcb_suspend(tcb);
    for (word_t i = 0; i < count; i++)
        invocation_set_result(inv, i, arch_user_context_get(&tcb->context, i));
    invocation_reply_length(inv, count);
    return error_none();
}

/* WriteRegisters: the flags and count, then `count` context words. */
static struct syscall_error tcb_decode_write_registers(struct invocation *inv)
{
    struct tcb_registers_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    word_t first = sizeof(args) / sizeof(word_t), count = args.count;
    struct tcb *tcb = target_of(inv);
    if (inv->length - first < count)
        return error_plain(seL4_TruncatedMessage);
    if (tcb == inv->thread)
        return error_plain(seL4_IllegalOperation);
    if (count > ARCH_USER_CONTEXT_WORDS)
        count = ARCH_USER_CONTEXT_WORDS;
    for (word_t i = 0; i < count; i++)
        arch_user_context_set(&tcb->context, i, invocation_arg(inv, first + i));
    if (args.flags & WRITE_REGISTERS_RESUME_TARGET)
        tcb_restart(tcb);
    return error_none();
}

static struct syscall_error tcb_decode_copy_registers(struct invocation *inv)
{
    struct tcb_copy_registers_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    if (cap_type(inv->extra[0]->cap) != CAP_THREAD)
        return error_invalid_capability(1);
    word_t flags = args.flags;
    struct tcb *source = tcb_at(cap_object(inv->extra[0]->cap)), *target = target_of(inv);
    if (flags & COPY_REGISTERS_SUSPEND_SOURCE)
        tcb_suspend(source);
    word_t from = flags & COPY_REGISTERS_TRANSFER_FRAME ? 0 : ARCH_USER_CONTEXT_FRAME_WORDS;
    word_t to = flags & COPY_REGISTERS_TRANSFER_INTEGER ? ARCH_USER_CONTEXT_WORDS
                                                         : ARCH_USER_CONTEXT_FRAME_WORDS;
    for (word_t i = from; i < to; i++)
        arch_user_context_set(&target->context, i, arch_user_context_get(&source->context, i));
    if (flags & COPY_REGISTERS_RESUME_TARGET)
        tcb_restart(target);
    return error_none();
}

static struct syscall_error tcb_decode_bind_notification(struct invocation *inv)
{
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    struct tcb *tcb = target_of(inv);
    struct cap cap = inv->extra[0]->cap;
    if (tcb->bound_notification)
        return error_plain(seL4_IllegalOperation);
    /* Not a notification, or no Read: IllegalOperation, not InvalidCapability (§12.7 r4). */
    if (cap_type(cap) != CAP_NOTIFICATION || !(cap_rights(cap) & CAP_RIGHT_READ))
        return error_plain(seL4_IllegalOperation);
    struct notification *ntfn = notification_at(cap_object(cap));
    if (ntfn->bound_tcb || ntfn->waiters.head)
        return error_plain(seL4_IllegalOperation);
    notification_bind(ntfn, tcb);
    return error_none();
}

static struct syscall_error tcb_decode_unbind_notification(struct invocation *inv)
{
    struct tcb *tcb = target_of(inv);
    if (!tcb->bound_notification)
        return error_plain(seL4_IllegalOperation);
    notification_unbind(tcb->bound_notification);
    return error_none();
}

struct syscall_error tcb_decode(struct invocation *inv)
{
    switch (inv->label) {
    case TCBReadRegisters: return tcb_decode_read_registers(inv);
    case TCBWriteRegisters: return tcb_decode_write_registers(inv);
    case TCBCopyRegisters: return tcb_decode_copy_registers(inv);
    case TCBConfigure: return tcb_decode_configure(inv);
    case TCBSetPriority: return tcb_decode_set_priority(inv, false);
    case TCBSetMCPriority: return tcb_decode_set_priority(inv, true);
    case TCBSetSchedParams: return tcb_decode_set_sched_params(inv);
    case TCBSetTimeoutEndpoint: return tcb_decode_set_timeout_endpoint(inv);
    case TCBSetIPCBuffer: return tcb_decode_set_ipc_buffer(inv);
    case TCBSetSpace: return tcb_decode_set_space(inv);
    case TCBSuspend: tcb_suspend(target_of(inv)); return error_none();
    case TCBResume: tcb_restart(target_of(inv)); return error_none();
    case TCBSetTLSBase: return tcb_decode_set_tls_base(inv);
    case TCBSetFlags: return tcb_decode_set_flags(inv);
    case TCBBindNotification: return tcb_decode_bind_notification(inv);
    case TCBUnbindNotification: return tcb_decode_unbind_notification(inv);
    default: return error_plain(seL4_IllegalOperation);
    }
}
