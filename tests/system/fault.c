/* System tests of fault delivery (sel4-abi.md §7, §12.1 r1, §12.8): each fault type reaches
 * the fault handler a TCB holds (set by SetSpace; SetSchedParams replaces it), as a message
 * with label = fault type, the handler cap's badge and the words of §7.2; the reply resumes
 * the thread as §7 says. The root task is the handler; each faulting thread shares its
 * CSpace and VSpace. The arch's words and instructions are in arch/<arch>/fault_arch.h. */
#include "fault_arch.h"
#include "ipc_helpers.h"

#define HANDLER_BADGE 0xf0ul
#define UNKNOWN_SYSCALL_NUMBER 77ul
#define UNMAPPED_DATA 0x1000ul  /* below the root task's image: never mapped */
#define UNMAPPED_CODE 0x2000ul
#define CAP_IN 0x1234ul
#define CAP_OUT 0x5678ul

struct faulter {
    seL4_CPtr park;
    volatile seL4_Word progress, cap_after;
};

static struct faulter faulter;

struct handler {
    seL4_CPtr ep, badged, reply;
};

static struct handler handler_new(struct env *env)
{
    struct handler h = {.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                        .badged = env_slot(env),
                        .reply = env_retype(env, seL4_ReplyObject, 0, 1)};
    CHECK(env, seL4_CNode_Mint(ROOT, h.badged, ROOT_DEPTH, ROOT, h.ep, ROOT_DEPTH,
                               seL4_AllRights, HANDLER_BADGE) == seL4_NoError);
    return h;
}

/* A thread with `h` as its fault handler, started and run until it blocks. */
static seL4_CPtr start_faulter(struct env *env, const struct handler *h, void (*entry)(void *))
{
    seL4_CPtr tcb = env_thread(env, 100);
    CHECK(env, seL4_TCB_SetSpace(tcb, h->badged, ROOT, 0, seL4_CapInitThreadVSpace, 0) ==
                   seL4_NoError);
    env_thread_start(env, tcb, entry, 0);
    ipc_let_others_run(env);
    return tcb;
}

/* The fault message waiting at `h`: label `type`, `length` words, the handler's badge. */
static void take_fault(struct env *env, const struct handler *h, seL4_Word type,
                       seL4_Word length)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(h->ep, &badge, h->reply);
    CHECK(env, badge == HANDLER_BADGE);
    CHECK(env, seL4_MessageInfo_get_label(info) == type);
    CHECK(env, seL4_MessageInfo_get_length(info) == length);
    CHECK(env, seL4_MessageInfo_get_extraCaps(info) == 0);
}

static void no_fault_waiting(struct env *env, const struct handler *h)
{
    seL4_Word badge = 99;
    seL4_NBRecv(h->ep, &badge, h->reply);
    CHECK(env, badge == 0);
}

static void unknown_syscalls(void *arg)
{
    (void)arg;
    for (;;) {
        struct seL4_SyscallRegs regs = {CAP_IN, 0, {0}, 0, 0};
        seL4_ArchSyscall(UNKNOWN_SYSCALL_NUMBER, &regs);
        faulter.cap_after = regs.cap;
        faulter.progress++;
    }
}

/* UnknownSyscall: the registers and the number; a label-0 reply writes the registers back
 * (here a new cap register, and FaultIP past the syscall) and resumes; any other label
 * leaves the thread Inactive. */
void test_fault_unknown_syscall(struct env *env)
{
    struct handler h = handler_new(env);
    faulter = (struct faulter){0};
    start_faulter(env, &h, unknown_syscalls);
    const seL4_Word registers = FAULT_UNKNOWN_SYSCALL_REGISTERS;
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    CHECK_MR(env, registers, UNKNOWN_SYSCALL_NUMBER);
    CHECK_MR(env, FAULT_UNKNOWN_SYSCALL_CAP_WORD, CAP_IN);
    seL4_SetMR(FAULT_UNKNOWN_SYSCALL_CAP_WORD, CAP_OUT);
    seL4_SetMR(FAULT_UNKNOWN_SYSCALL_IP_WORD,
               seL4_GetMR(FAULT_UNKNOWN_SYSCALL_IP_WORD) + FAULT_SYSCALL_BYTES);
    seL4_Send(h.reply, seL4_MessageInfo_new(0, 0, 0, registers));
    ipc_let_others_run(env);
    CHECK(env, faulter.progress == 1 && faulter.cap_after == CAP_OUT);
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    seL4_Send(h.reply, seL4_MessageInfo_new(1, 0, 0, 0));
    ipc_let_others_run(env);
    CHECK(env, faulter.progress == 1);
    no_fault_waiting(env, &h);
}

static void undefined_instruction(void *arg)
{
    (void)arg;
    fault_undefined_instruction();
    faulter.progress = 1;
    ipc_park(faulter.park);
}

/* UserException: FaultIP, SP (and the flags), then Number and Code; the reply moves
 * FaultIP past the instruction and the thread goes on. */
void test_fault_user_exception(struct env *env)
{
    struct handler h = handler_new(env);
    faulter = (struct faulter){.park = env_retype(env, seL4_NotificationObject, 0, 1)};
    start_faulter(env, &h, undefined_instruction);
    const seL4_Word registers = FAULT_USER_EXCEPTION_REGISTERS;
    take_fault(env, &h, seL4_Fault_UserException, registers + 2);
    CHECK_MR(env, registers, FAULT_UNDEFINED_NUMBER);
    CHECK_MR(env, registers + 1, 0);
    CHECK(env, seL4_GetMR(0) != 0 && seL4_GetMR(1) != 0); /* FaultIP, SP */
    seL4_SetMR(0, seL4_GetMR(0) + FAULT_UNDEFINED_BYTES);
    seL4_Send(h.reply, seL4_MessageInfo_new(0, 0, 0, 1));
    ipc_let_others_run(env);
    CHECK(env, faulter.progress == 1);
}

static void read_unmapped(void *arg)
{
    (void)arg;
    faulter.progress = *word_at(UNMAPPED_DATA);
}

static void run_unmapped(void *arg)
{
    (void)arg;
    ((void (*)(void))UNMAPPED_CODE)();
}

/* VMFault: IP, address, prefetch, FSR; the reply restarts the access whatever its label,
 * so the same fault comes again. SetSchedParams with no handler clears it: the next fault
 * is only reported, and the thread stops. */
void test_fault_vm(struct env *env)
{
    struct handler h = handler_new(env);
    faulter = (struct faulter){0};
    seL4_CPtr tcb = start_faulter(env, &h, read_unmapped);
    for (int round = 0; round < 2; round++) {
        take_fault(env, &h, seL4_Fault_VMFault, 4);
        CHECK_MR(env, 1, UNMAPPED_DATA);
        CHECK_MR(env, 2, 0);
        CHECK(env, FAULT_READ_FSR_MATCHES(seL4_GetMR(3)));
        seL4_Send(h.reply, seL4_MessageInfo_new(1, 0, 0, 0));
        ipc_let_others_run(env);
    }
    seL4_Word priority = 100;
    CHECK(env, seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, priority, priority,
                                       env_thread_sched_context(tcb), 0) == seL4_NoError);
    take_fault(env, &h, seL4_Fault_VMFault, 4);
    seL4_Send(h.reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_let_others_run(env);
    no_fault_waiting(env, &h);
    CHECK(env, faulter.progress == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    start_faulter(env, &h, run_unmapped);
    take_fault(env, &h, seL4_Fault_VMFault, 4);
    CHECK_MR(env, 0, UNMAPPED_CODE);
    CHECK_MR(env, 1, UNMAPPED_CODE);
    CHECK_MR(env, 2, 1);
}

struct cap_fault_case {
    seL4_Word syscall;
    seL4_CPtr cap, reply;
};

static struct cap_fault_case cap_case;

static void bad_syscall(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {cap_case.cap, 0, {0}, cap_case.reply, 0};
    seL4_ArchSyscall(cap_case.syscall, &regs);
    faulter.progress = 1;
}

/* One CapFault: `syscall` on `cap` with `reply`; the message names `cptr`, the phase and
 * the lookup failure's type in `length` words; the reply restarts the syscall, which
 * faults again. */
static void check_cap_fault(struct env *env, const struct handler *h, struct cap_fault_case c,
                            seL4_CPtr cptr, seL4_Word receive_phase, seL4_Word type,
                            seL4_Word length, seL4_Word bits_left)
{
    cap_case = c;
    faulter = (struct faulter){0};
    seL4_CPtr tcb = start_faulter(env, h, bad_syscall);
    take_fault(env, h, seL4_Fault_CapFault, length);
    CHECK_MR(env, 1, cptr);
    CHECK_MR(env, 2, receive_phase);
    CHECK_MR(env, 3, type);
    CHECK_MR(env, 4, bits_left);
    if (type == seL4_GuardMismatch) { /* the CNode cap's guard (not the cptr's), its size */
        CHECK_MR(env, 5, 0);
        CHECK_MR(env, 6, seL4_WordBits - env->bootinfo->initThreadCNodeSizeBits);
    }
    seL4_Send(h->reply, seL4_MessageInfo_new(0, 0, 0, 0));
    ipc_let_others_run(env);
    take_fault(env, h, seL4_Fault_CapFault, length);
    CHECK(env, faulter.progress == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* CapFaults of the send phase (a guard mismatch: GuardMismatch words) and of the receive
 * phase, in the order Recv checks (§12.1 r1): source lookup, type, Read, then the reply. */
void test_fault_cap(struct env *env)
{
    struct handler h = handler_new(env);
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr ep_write = env_copy(env, ep, seL4_CapRights_new(0, 0, 0, 1));
    seL4_CPtr ntfn_write = env_copy(env, ntfn, seL4_CapRights_new(0, 0, 0, 1));
    const seL4_CPtr bad = 1ul << 20; /* past the root CNode's guard */
    const seL4_Word call = (seL4_Word)seL4_SysCall, recv = (seL4_Word)seL4_SysRecv;
    check_cap_fault(env, &h, (struct cap_fault_case){call, bad, 0}, bad, 0,
                    seL4_GuardMismatch, 7, seL4_WordBits);
    check_cap_fault(env, &h, (struct cap_fault_case){recv, bad, reply}, bad, 1,
                    seL4_GuardMismatch, 7, seL4_WordBits);
    check_cap_fault(env, &h, (struct cap_fault_case){recv, reply, reply}, reply, 1,
                    seL4_MissingCapability, 5, 0); /* not an endpoint or notification */
    check_cap_fault(env, &h, (struct cap_fault_case){recv, ep_write, ep}, ep_write, 1,
                    seL4_MissingCapability, 5, 0); /* no Read: before the reply */
    check_cap_fault(env, &h, (struct cap_fault_case){recv, ntfn_write, 0}, ntfn_write, 1,
                    seL4_MissingCapability, 5, 0);
    check_cap_fault(env, &h, (struct cap_fault_case){recv, ep, ntfn}, ntfn, 1,
                    seL4_MissingCapability, 5, 0); /* the reply register's cap */
    /* A notification bound to another thread is that thread's to wait on. */
    seL4_CPtr bound = env_retype(env, seL4_NotificationObject, 0, 1);
    CHECK(env, seL4_TCB_BindNotification(env_retype(env, seL4_TCBObject, 0, 1), bound) ==
                   seL4_NoError);
    check_cap_fault(env, &h, (struct cap_fault_case){recv, bound, 0}, bound, 1,
                    seL4_MissingCapability, 5, 0);
}

/* A handler without an IPC buffer gets MR0-3 of a fault message, length 4 (seL4's setMR
 * stops at the registers): here a 5-word CapFault (Recv on a reply), received by a helper thread (an
 * env_thread has no buffer) waiting on the handler endpoint. */
struct bufferless_handler {
    struct handler h;
    volatile seL4_Word info, mr[4], done;
};

static struct bufferless_handler bufferless;

static void receive_fault(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {bufferless.h.ep, 0, {0}, bufferless.h.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    bufferless.info = regs.info;
    for (int i = 0; i < 4; i++)
        bufferless.mr[i] = regs.mr[i];
    bufferless.done = 1;
    ipc_park(faulter.park);
}

void test_fault_to_handler_without_buffer(struct env *env)
{
    bufferless = (struct bufferless_handler){.h = handler_new(env)};
    faulter = (struct faulter){.park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    cap_case = (struct cap_fault_case){(seL4_Word)seL4_SysRecv, reply, reply};
    env_thread_start(env, env_thread(env, 200), receive_fault, 0);
    ipc_let_others_run(env);
    seL4_CPtr tcb = start_faulter(env, &bufferless.h, bad_syscall);
    CHECK(env, bufferless.done == 1);
    seL4_MessageInfo_t info = {{bufferless.info}};
    CHECK(env, seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    CHECK(env, seL4_MessageInfo_get_length(info) == 4);
    CHECK(env, bufferless.mr[1] == reply);
    CHECK(env, bufferless.mr[2] == 1);
    CHECK(env, bufferless.mr[3] == seL4_MissingCapability);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* Answer the UnknownSyscall just taken with its own first `length` words but word `index` =
 * `value`, label 0: MR0-3 in registers (the buffer's copies made different), the rest in the
 * buffer. FaultIP unchanged, the thread redoes the syscall and faults again. */
static void reply_words(const struct handler *h, seL4_Word length, seL4_Word index,
                        seL4_Word value)
{
    seL4_Word mr[4];
    for (int i = 0; i < 4; i++)
        mr[i] = seL4_GetMR(i);
    if (index < 4) {
        mr[index] = value;
        seL4_SetMR((int)index, ~value);
    } else {
        seL4_SetMR((int)index, value);
    }
    struct seL4_SyscallRegs regs = {h->reply, seL4_MessageInfo_new(0, 0, 0, length).words[0],
                                    {mr[0], mr[1], mr[2], mr[3]}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
}

/* A fault reply writes exactly its `length` registers, MR0-3 from the replier's registers and
 * the rest from its buffer (§7): seen in the registers of the fault that follows. */
void test_fault_reply_writes_registers(struct env *env)
{
    struct handler h = handler_new(env);
    faulter = (struct faulter){0};
    seL4_CPtr tcb = start_faulter(env, &h, unknown_syscalls);
    const seL4_Word registers = FAULT_UNKNOWN_SYSCALL_REGISTERS;
    const seL4_Word cap = FAULT_UNKNOWN_SYSCALL_CAP_WORD;
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    reply_words(&h, cap, cap, CAP_OUT); /* the cap word is past the length */
    ipc_let_others_run(env);
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    CHECK_MR(env, cap, CAP_IN);
    reply_words(&h, cap + 1, cap, CAP_OUT);
    ipc_let_others_run(env);
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    CHECK_MR(env, cap, CAP_OUT);
    reply_words(&h, 5, 4, 0x4444);
    ipc_let_others_run(env);
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    CHECK_MR(env, 4, 0x4444);
    CHECK(env, faulter.progress == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A reply that resumes a thread (label 0) ends its fault: the thread goes on past the
 * instruction, and its next Call carries its own message, not the old fault. */
struct resumed {
    seL4_CPtr ep, park;
};

static struct resumed resumed;

static void fault_then_call(void *arg)
{
    (void)arg;
    fault_undefined_instruction();
    seL4_CallWithMRs(resumed.ep, seL4_MessageInfo_new(0x55, 0, 0, 0), 0, 0, 0, 0);
    ipc_park(resumed.park);
}

void test_fault_reply_ends_the_fault(struct env *env)
{
    struct handler h = handler_new(env);
    resumed = (struct resumed){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr tcb = start_faulter(env, &h, fault_then_call);
    take_fault(env, &h, seL4_Fault_UserException, FAULT_USER_EXCEPTION_REGISTERS + 2);
    seL4_SetMR(0, seL4_GetMR(0) + FAULT_UNDEFINED_BYTES);
    seL4_Send(h.reply, seL4_MessageInfo_new(0, 0, 0, 1));
    ipc_let_others_run(env);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(resumed.ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 0x55);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A fault reply from a thread without an IPC buffer writes MR0-3 only, whatever its length
 * says (here 5): the fifth register keeps its value, seen when the syscall faults again. */
struct bufferless_replier {
    seL4_CPtr reply;
    seL4_Word mr[4];
    volatile seL4_Word done;
};

static struct bufferless_replier replier;

static void reply_without_buffer(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {replier.reply, seL4_MessageInfo_new(0, 0, 0, 5).words[0],
                                    {replier.mr[0], replier.mr[1], replier.mr[2], replier.mr[3]},
                                    0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
    replier.done = 1;
    ipc_park(faulter.park);
}

static void unknown_syscalls_with_registers(void *arg)
{
    (void)arg;
    for (;;) {
        struct seL4_SyscallRegs regs = {CAP_IN, 0x77, {0x11, 0x22, 0x33, 0x44}, 0x55, 0};
        seL4_ArchSyscall(UNKNOWN_SYSCALL_NUMBER, &regs);
        faulter.progress++;
    }
}

void test_fault_reply_without_buffer(struct env *env)
{
    struct handler h = handler_new(env);
    faulter = (struct faulter){.park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr tcb = start_faulter(env, &h, unknown_syscalls_with_registers);
    const seL4_Word registers = FAULT_UNKNOWN_SYSCALL_REGISTERS;
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    seL4_Word word4 = seL4_GetMR(4);
    replier = (struct bufferless_replier){
        .reply = h.reply, .mr = {seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3)}};
    env_thread_start(env, env_thread(env, 200), reply_without_buffer, 0);
    ipc_let_others_run(env);
    CHECK(env, replier.done == 1);
    take_fault(env, &h, seL4_Fault_UnknownSyscall, registers + 1);
    CHECK_MR(env, 4, word4);
    CHECK(env, faulter.progress == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A fault is a Call that donates (§12.8): a passive handler (no SC of its own) runs on the
 * faulting thread's SC to take the fault. */
struct passive_handler {
    struct handler h;
    volatile seL4_Word label;
};

static struct passive_handler passive;

static void handle_passively(void *arg)
{
    (void)arg;
    struct seL4_SyscallRegs regs = {passive.h.ep, 0, {0}, passive.h.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    passive.label = seL4_MessageInfo_get_label((seL4_MessageInfo_t){{regs.info}});
    regs = (struct seL4_SyscallRegs){passive.h.ep, seL4_MessageInfo_new(1, 0, 0, 0).words[0],
                                     {0}, passive.h.reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
}

void test_fault_donates_to_passive_handler(struct env *env)
{
    passive = (struct passive_handler){.h = handler_new(env)};
    faulter = (struct faulter){.park = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr handler = env_thread(env, 200);
    env_thread_start(env, handler, handle_passively, 0);
    ipc_let_others_run(env);
    CHECK(env, seL4_SchedContext_Unbind(env_thread_sched_context(handler)) == seL4_NoError);
    seL4_CPtr tcb = start_faulter(env, &passive.h, undefined_instruction);
    CHECK(env, passive.label == seL4_Fault_UserException);
    CHECK(env, faulter.progress == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A CapFault of a depth mismatch names the bits left and the bits the CNode wanted (§7.2):
 * the faulting thread's CSpace is a 16-slot CNode with a 56-bit guard, whose slot 1 holds a
 * 16-slot CNode with a 2-bit guard, 6 bits where 4 are left. */
void test_fault_cap_depth_mismatch(struct env *env)
{
    struct handler h = handler_new(env);
    seL4_CPtr outer = env_retype(env, seL4_CapTableObject, 4, 1);
    seL4_CPtr inner = env_retype(env, seL4_CapTableObject, 4, 1);
    CHECK(env, seL4_CNode_Mint(outer, 1, 4, ROOT, inner, ROOT_DEPTH, seL4_AllRights,
                               seL4_CNode_CapData_new(0, 2)) == seL4_NoError);
    const seL4_CPtr cptr = 1ul << 4; /* guard 0, slot 1, 4 bits left */
    cap_case = (struct cap_fault_case){(seL4_Word)seL4_SysCall, cptr, 0};
    faulter = (struct faulter){0};
    seL4_CPtr tcb = env_thread(env, 100);
    CHECK(env, seL4_TCB_SetSpace(tcb, h.badged, outer, seL4_CNode_CapData_new(0, 56),
                                 seL4_CapInitThreadVSpace, 0) == seL4_NoError);
    env_thread_start(env, tcb, bad_syscall, 0);
    ipc_let_others_run(env);
    take_fault(env, &h, seL4_Fault_CapFault, 6);
    CHECK_MR(env, 1, cptr);
    CHECK_MR(env, 2, 0);
    CHECK_MR(env, 3, seL4_DepthMismatch);
    CHECK_MR(env, 4, 4);
    CHECK_MR(env, 5, 6);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* A thread whose fault send is cancelled (CancelBadgedSends) stops, its fault kept (seL4's
 * restart_thread_if_no_fault); restarting it ends the fault (MCS cancelIPC clears it), so a
 * message it then sends is its own, not the old fault. */
static void send_own_message(void *arg)
{
    (void)arg;
    seL4_SetMR(0, 0x77);
    seL4_Send(resumed.ep, seL4_MessageInfo_new(0x66, 0, 0, 1));
    ipc_park(resumed.park);
}

void test_fault_cancelled_then_restarted(struct env *env)
{
    struct handler h = handler_new(env);
    resumed = (struct resumed){.ep = h.badged,
                               .park = env_retype(env, seL4_NotificationObject, 0, 1)};
    faulter = (struct faulter){0};
    seL4_CPtr tcb = start_faulter(env, &h, read_unmapped);
    CHECK(env, seL4_CNode_CancelBadgedSends(ROOT, h.badged, ROOT_DEPTH) == seL4_NoError);
    ipc_let_others_run(env);
    no_fault_waiting(env, &h);
    env_thread_start(env, tcb, send_own_message, 0);
    ipc_let_others_run(env);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(h.ep, &badge, h.reply);
    CHECK(env, badge == HANDLER_BADGE);
    CHECK(env, seL4_MessageInfo_get_label(info) == 0x66);
    CHECK(env, seL4_MessageInfo_get_length(info) == 1);
    CHECK(env, seL4_MessageInfo_get_extraCaps(info) == 0);
    CHECK_MR(env, 0, 0x77);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}

/* The boot maps the extra boot info's pages and no more: the page after them faults. */
static seL4_Word past_boot_info;

static void read_past_boot_info(void *arg)
{
    (void)arg;
    faulter.progress = *word_at(past_boot_info);
}

void test_fault_past_the_boot_info(struct env *env)
{
    struct handler h = handler_new(env);
    const seL4_BootInfo *bi = env->bootinfo;
    const seL4_Word page = 1ul << seL4_PageBits;
    seL4_Word extra_pages = bi->extraBIPages.end - bi->extraBIPages.start;
    past_boot_info = (seL4_Word)bi + page + extra_pages * page;
    faulter = (struct faulter){0};
    seL4_CPtr tcb = start_faulter(env, &h, read_past_boot_info);
    take_fault(env, &h, seL4_Fault_VMFault, 4);
    CHECK_MR(env, 1, past_boot_info);
    CHECK(env, faulter.progress == 0);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}
