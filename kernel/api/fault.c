/* User faults (sel4-abi.md §7, §12.8): a fault is stored in the faulting thread's TCB and
 * sent, as a Call, through the handler capability the TCB holds; the handler's reply
 * resumes the thread (and may rewrite its registers). A thread with no handler is reported
 * on the console and stopped. */
#include <api/fault.h>
#include <arch.h>
#include <core/thread_state.h>
#include <lib/printf.h>
#include <object/endpoint.h>
#include <sel4/message_info.h>

/* The console line of a fault with no handler; the same words as its message. */
static void fault_report(const struct tcb *tcb)
{
    const struct fault *f = &tcb->fault;
    word_t ip = arch_user_reg_get(&tcb->context, REG_FAULT_IP);
    kprintf("fault: thread '%s': ", tcb->name);
    switch (f->type) {
    case FAULT_CAP:
        kprintf("CapFault ip %lx cptr %lx in receive phase %lu type %u bits left %lu\n", ip,
                f->words[0], f->words[1], (unsigned)f->lookup.type, f->lookup.bits_left);
        break;
    case FAULT_VM:
        kprintf("VMFault ip %lx addr %lx prefetch %lu fsr %lx\n", ip, f->words[0], f->words[1],
                f->words[2]);
        break;
    case FAULT_UNKNOWN_SYSCALL:
        kprintf("unknown syscall %ld at ip %lx\n", (sword_t)f->words[0], ip);
        break;
    case FAULT_USER_EXCEPTION:
        kprintf("UserException ip %lx number %lx code %lx\n", ip, f->words[0], f->words[1]);
        break;
    default:
        kprintf("Timeout badge %lx\n", f->words[0]);
        break;
    }
    arch_context_print(&tcb->context);
}

static enum tcb_slot handler_slot(enum fault_type type)
{
    return type == FAULT_TIMEOUT ? TCB_TIMEOUT_HANDLER : TCB_FAULT_HANDLER;
}

void fault_raise(struct tcb *tcb, const struct fault *fault)
{
    struct cap handler = tcb->slots[handler_slot(fault->type)].cap;
    tcb->fault = *fault;
    if (cap_type(handler) != CAP_ENDPOINT) {
        fault_report(tcb);
        tcb->fault.type = FAULT_NULL;
        thread_set_state(tcb, THREAD_INACTIVE); /* Resume redoes what faulted */
        return;
    }
    word_t rights = cap_rights(handler);
    struct ipc_send send = {
        .badge = cap_badge(handler),
        .can_grant = rights & CAP_RIGHT_GRANT,
        .can_grant_reply = rights & CAP_RIGHT_GRANT_REPLY,
        .is_call = true,
        .blocking = true,
        .can_donate = fault->type != FAULT_TIMEOUT,
    };
    endpoint_send(endpoint_at(cap_object(handler)), tcb, &send);
}

/* CapFault: the lookup failure's words follow IP, cptr, phase and type (§7.2). */
static word_t cap_fault_message(const struct fault *fault, word_t *words)
{
    words[1] = fault->words[0];
    words[2] = fault->words[1];
    words[3] = fault->lookup.type;
    switch (fault->lookup.type) {
    case LOOKUP_MISSING_CAPABILITY:
        words[4] = fault->lookup.bits_left;
        return 5;
    case LOOKUP_DEPTH_MISMATCH:
        words[4] = fault->lookup.bits_left;
        words[5] = fault->lookup.bits_found;
        return 6;
    case LOOKUP_GUARD_MISMATCH:
        words[4] = fault->lookup.bits_left;
        words[5] = fault->lookup.guard_found;
        words[6] = fault->lookup.bits_found;
        return 7;
    default:
        return 4;
    }
}

/* The registers of UnknownSyscall and UserException messages, as seL4_UserContext words in
 * message order (the arch's tables; arch.h). */
static const uint8_t unknown_syscall_registers[] = ARCH_UNKNOWN_SYSCALL_REGISTERS;
static const uint8_t user_exception_registers[] = ARCH_USER_EXCEPTION_REGISTERS;

/* The table of `type`, FAULT_UNKNOWN_SYSCALL or FAULT_USER_EXCEPTION; *count entries. */
static const uint8_t *fault_registers(enum fault_type type, word_t *count)
{
    if (type == FAULT_UNKNOWN_SYSCALL) {
        *count = sizeof(unknown_syscall_registers);
        return unknown_syscall_registers;
    }
    *count = sizeof(user_exception_registers);
    return user_exception_registers;
}

static word_t fault_register_count(enum fault_type type)
{
    word_t count;
    fault_registers(type, &count);
    return count;
}

/* The register a table entry names: a seL4_UserContext word, or FAULT_REGISTER_NEXT_IP. */
static word_t fault_register_read(const struct arch_context *context, word_t index)
{
    if (index == FAULT_REGISTER_NEXT_IP)
        return arch_user_reg_get(context, REG_NEXT_IP);
    return arch_user_context_get(context, index);
}

/* A reply writes register i back as TCB_WriteRegisters does, sanitised; not the next IP
 * (the thread restarts at FaultIP), and nothing past the last register. */
static void fault_register_set(struct arch_context *context, enum fault_type type, word_t i,
                               word_t value)
{
    word_t count;
    const uint8_t *registers = fault_registers(type, &count);
    if (i < count && registers[i] != FAULT_REGISTER_NEXT_IP)
        arch_user_context_set(context, registers[i], value);
}

/* UnknownSyscall and UserException (`type`, the thread's fault): the arch's registers, then
 * the fault's own words. Not inlined: its loop's registers would make every fault message
 * save more of them (the VMFault round trip grew by two instructions on riscv64). */
__attribute__((noinline)) static word_t register_fault_message(const struct tcb *tcb,
                                                               enum fault_type type,
                                                               word_t *words, word_t extra)
{
    word_t count;
    const uint8_t *registers = fault_registers(type, &count);
    for (word_t i = 0; i < count; i++)
        words[i] = fault_register_read(&tcb->context, registers[i]);
    for (word_t i = 0; i < extra; i++)
        words[count + i] = tcb->fault.words[i];
    return count + extra;
}

word_t fault_message(const struct tcb *tcb, word_t *words)
{
    const struct fault *fault = &tcb->fault;
    words[0] = arch_user_reg_get(&tcb->context, REG_FAULT_IP);
    switch (fault->type) {
    case FAULT_CAP:
        return cap_fault_message(fault, words);
    case FAULT_VM:
        for (word_t i = 0; i < 3; i++)
            words[1 + i] = fault->words[i];
        return 4;
    case FAULT_UNKNOWN_SYSCALL:
        return register_fault_message(tcb, FAULT_UNKNOWN_SYSCALL, words, 1);
    case FAULT_USER_EXCEPTION:
        return register_fault_message(tcb, FAULT_USER_EXCEPTION, words, 2);
    case FAULT_TIMEOUT:
        words[0] = fault->words[0];
        words[1] = fault->words[1];
        return 2;
    default:
        return 0;
    }
}

/* Reply word i: MR0-3 from the replier's registers, the rest from its IPC buffer. */
static word_t reply_word(const struct tcb *replier, const word_t *buffer, word_t i)
{
    static const enum user_reg message_regs[] = {REG_MR0, REG_MR1, REG_MR2, REG_MR3};
    if (i < ARRAY_SIZE(message_regs))
        return arch_user_reg_get(&replier->context, message_regs[i]);
    return buffer ? buffer[1 + i] : 0;
}

/* The fault reply's first `length` words go back into the caller's registers (§7): those an
 * UnknownSyscall or UserException message carried, or for a Timeout the first
 * seL4_UserContext words, each sanitised as TCB_WriteRegisters does (copyMRsFaultReply). */
static void fault_reply_registers(struct tcb *caller, enum fault_type type,
                                  const struct tcb *replier, word_t length)
{
    const word_t *buffer = tcb_ipc_buffer(replier, false);
    bool timeout = type == FAULT_TIMEOUT;
    word_t count = timeout ? ARCH_TIMEOUT_REPLY_WORDS : fault_register_count(type);
    if (!buffer && length > 4)
        length = 4;
    for (word_t i = 0; i < length && i < count; i++) {
        word_t value = reply_word(replier, buffer, i);
        if (timeout)
            arch_user_context_set(&caller->context, i, value);
        else
            fault_register_set(&caller->context, type, i, value);
    }
}

void fault_reply(struct tcb *caller, struct tcb *replier)
{
    enum fault_type type = caller->fault.type;
    seL4_MessageInfo_t info = {{arch_user_reg_get(&replier->context, REG_MSGINFO)}};
    caller->fault.type = FAULT_NULL;
    if (type == FAULT_CAP || type == FAULT_VM) {
        thread_set_state(caller, THREAD_RESTART);
        return;
    }
    fault_reply_registers(caller, type, replier, seL4_MessageInfo_get_length(info));
    bool resume = seL4_MessageInfo_get_label(info) == 0;
    thread_set_state(caller, resume ? THREAD_RESTART : THREAD_INACTIVE);
}
