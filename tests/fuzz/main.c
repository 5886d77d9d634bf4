/*
 * The syscall fuzzer root task. Fuzz workers, in a CSpace of their own that holds only objects
 * made for it (every object type, from a scratch untyped), the IRQ and ASID control caps and a
 * cap to that CSpace itself, make thousands of seeded random syscalls: every syscall number the
 * ABI names (Call, Send and NBSend of any label on any slot with random words and caps, Poll,
 * Yield, the debug syscalls in debug builds except DebugHalt, SetTLSBase, and the receive
 * syscalls Recv, NBRecv, Wait, ReplyRecv, NBSendRecv and NBSendWait) and unknown numbers. One
 * worker has the root task's IPC buffer, one has none, and the third runs in a second address
 * space (sel4runtime_address_space_create: the same image frames through page tables of its
 * own, and an IPC buffer frame of its own at the same address). All three also make random
 * IPC on endpoints, notifications and reply objects they share, while a deleter thread
 * deletes, revokes, suspends and resumes (ipc.c).
 *
 * A syscall that faults (an unknown number, a capability that does not look up) stops its
 * thread: the kernel reports it and there is no fault handler yet. A receive with nothing to
 * receive, or a Call nobody answers, blocks its thread for good, which looks the same. The
 * root task watches each worker's heartbeat between its own Yields; a worker that has not
 * moved for STALL_ROUNDS rounds has been stopped, and the root restarts it where its loop
 * begins (WriteRegisters with resume), counting whether the stop came from a syscall that may
 * fault or block.
 *
 * The root task, whose own capabilities no worker can reach, ends with its checks and
 * "fuzz: N passed, M failed": every invocation answered, results that are not degenerate
 * (enough distinct error codes and some successes: a broken seed or generator fails here),
 * every syscall kind tried, unknown syscalls always stopping their thread, no stop that a
 * syscall cannot explain, the root task's own CSpace still working, the third worker
 * having run in its own address space, every IPC syscall tried, messages delivered between
 * workers, and the deleter having done each of its actions.
 */
#include <sel4runtime/address_space.h>
#include "fuzz.h"

#define SCRATCH_BITS 22
/* The shared IPC objects' untyped (ipc.c), which the deleter revokes when it is used up. */
#define IPC_UNTYPED_BITS 14
#define INVOCATIONS_PER_WORKER 5000
#define ROUND_LIMIT 200000
#define STALL_ROUNDS 3
/* Each stop prints the thread's registers; this many keep the console readable. */
#define STOP_TRIES_PER_KIND 10
#define MIN_DISTINCT_RESULTS 4
#define NAME_BYTES 32
/* Put in the root task's IPC buffer (userData, which the kernel never writes): a worker that
 * reads it through its IPC buffer address runs in the root task's address space. */
#define ROOT_BUFFER_MARKER 0x5ec0adul
/* Slots for an address space beyond one per image frame: root, tables, IPC buffer frame. */
#define ADDRESS_SPACE_EXTRA_SLOTS 16

#ifndef FUZZ_SEED
#error "FUZZ_SEED comes from the build (cmake/options.cmake; harness run --fuzz-seed)"
#endif

enum kind { KIND_CALL, KIND_SEND, KIND_NBSEND, KIND_POLL, KIND_YIELD, KIND_SET_TLS_BASE,
            KIND_RECEIVE, KIND_UNKNOWN, KIND_IPC, KIND_PUT_CHAR, KIND_CAP_IDENTIFY,
            KIND_NAME_THREAD, KIND_DUMP_SCHEDULER, KINDS };
static const char *const kind_names[KINDS] = {
    "Call", "Send", "NBSend", "Poll", "Yield", "SetTLSBase", "receive", "unknown", "IPC",
    "DebugPutChar", "DebugCapIdentify", "DebugNameThread", "DebugDumpScheduler"};
/* The debug syscalls exist only in debug builds (without them they are unknown numbers). */
#define FIRST_DEBUG_KIND KIND_PUT_CHAR

/* The syscalls with a receive phase: on a random cap each may fault (no readable endpoint or
 * notification), block for good (nothing here sends to it) or return, all of which the root
 * task accepts. */
static const seL4_Word receive_numbers[] = {
    (seL4_Word)seL4_SysRecv, (seL4_Word)seL4_SysNBRecv, (seL4_Word)seL4_SysWait,
    (seL4_Word)seL4_SysReplyRecv, (seL4_Word)seL4_SysNBSendRecv, (seL4_Word)seL4_SysNBSendWait};

/* Syscall numbers this kernel answers as unknown (a fault that stops the thread): numbers of
 * options this kernel does not have, and numbers no ABI has. */
static const seL4_Word unknown_numbers[] = {
    (seL4_Word)seL4_SysDebugSnapshot, (seL4_Word)seL4_SysBenchmarkFlushCaches,
    (seL4_Word)seL4_SysBenchmarkNullSyscall, (seL4_Word)-18, (seL4_Word)-40, 0, 1, 7,
    (seL4_Word)1 << 40};

struct worker workers[WORKERS] = {
    {.name = "fuzz-ipc-buffer", .has_ipc_buffer = true},
    {.name = "fuzz-no-buffer", .has_ipc_buffer = false},
    {.name = "fuzz-other-space", .has_ipc_buffer = true, .own_address_space = true},
};

static struct {
    seL4_Word results[seL4_NumErrors + 1]; /* Call's error codes; the last: any other label */
    seL4_Word kinds[KINDS];
    seL4_Word stop_tries[KINDS]; /* syscalls made that may stop their thread, by kind */
    volatile seL4_Word stops, expected_stops, unexpected_stops, unknown_returned;
    seL4_Word tcb_tag;
} state;

static int passes, failures;

void check(bool ok, const char *what)
{
    printf("fuzz: %s: %s\n", ok ? "ok" : "FAILED", what);
    passes += ok;
    failures += !ok;
}

/* A xorshift state from any seed (splitmix64), never 0, different for each worker. */
static uint64_t seed_state(uint64_t seed, uint64_t stream)
{
    uint64_t z = seed + (stream + 1) * 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return z ? z : 0x2545f4914f6cdd1dull;
}

seL4_Word any_word(struct worker *w)
{
    switch (rnd(w, 6)) {
    case 0: return rnd(w, 16);
    case 1: return rnd(w, FUZZ_SLOTS);
    case 2: return rnd(w, 3) ? seL4_WordBits : rnd(w, 70);
    case 3: return 1ul << rnd(w, seL4_WordBits);
    case 4: return rnd(w, 0x100000) << 12;
    default: return rnd(w, 0);
    }
}

/* A slot of the fuzz CSpace (mostly the full lower half), or now and then a cptr that does
 * not look up at all (its bits above the CNode's guard are not zero). */
static seL4_CPtr any_slot(struct worker *w, bool wild)
{
    if (wild)
        return rnd(w, 0) | FUZZ_SLOTS << 4;
    return rnd(w, 4) ? rnd(w, FUZZ_SLOTS / 2) : rnd(w, FUZZ_SLOTS);
}

/* Whether a syscall of `kind` that may stop its thread can be made (and count it if so).
 * Each stop prints a register dump, so their number is bounded; each kind has its own
 * share, so that no kind starves another. */
static bool stop_allowed(enum kind kind)
{
    if (state.stop_tries[kind] >= STOP_TRIES_PER_KIND)
        return false;
    state.stop_tries[kind]++;
    return true;
}

/* The registers of a random invocation: label, length, extra caps (in the IPC buffer) and
 * message words. */
static struct seL4_SyscallRegs any_invocation(struct worker *w, seL4_CPtr target)
{
    seL4_Word length = rnd(w, 9), caps = rnd(w, 4);
    for (seL4_Word i = 0; i < caps; i++)
        seL4_SetCap((int)i, rnd(w, 4) ? rnd(w, FUZZ_SLOTS) : FUZZ_SELF);
    for (seL4_Word i = 4; i < length; i++)
        seL4_SetMR((int)i, any_word(w));
    seL4_MessageInfo_t info = seL4_MessageInfo_new(1 + rnd(w, nArchInvocationLabels - 1), 0,
                                                   caps, length);
    struct seL4_SyscallRegs regs = {target, info.words[0], {0, 0, 0, 0}, 0, 0};
    for (int i = 0; i < 4; i++)
        regs.mr[i] = any_word(w);
    return regs;
}

void syscall_may_stop(struct worker *w, seL4_Word number, struct seL4_SyscallRegs *regs,
                      bool may_stop)
{
    w->may_stop = may_stop;
    w->heartbeat++;
    seL4_ArchSyscall(number, regs);
    w->may_stop = false;
    w->heartbeat++;
}

static void invoke(struct worker *w, enum kind kind)
{
    static const seL4_Word numbers[] = {[KIND_CALL] = (seL4_Word)seL4_SysCall,
                                        [KIND_SEND] = (seL4_Word)seL4_SysSend,
                                        [KIND_NBSEND] = (seL4_Word)seL4_SysNBSend};
    bool wild = rnd(w, 16) == 0 && kind != KIND_NBSEND && stop_allowed(kind);
    struct seL4_SyscallRegs regs = any_invocation(w, any_slot(w, wild));
    /* A blocking syscall on a cptr that does not look up is a cap fault (no fault handler
     * yet: the thread stops), and one on an endpoint that a random Retype made blocks. */
    syscall_may_stop(w, numbers[kind], &regs, kind != KIND_NBSEND);
    if (kind == KIND_CALL) {
        seL4_Word label = seL4_MessageInfo_get_label((seL4_MessageInfo_t){{regs.info}});
        state.results[label < seL4_NumErrors ? label : seL4_NumErrors]++;
    }
}

/* Name a thread the worker holds a TCB cap to, from its IPC buffer. Only on a TCB and only
 * with an IPC buffer: anything else halts the kernel, by design (a debugging aid). */
static void name_thread(struct worker *w, seL4_CPtr slot)
{
    if (!w->has_ipc_buffer ||
        seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugCapIdentify, slot) != state.tcb_tag)
        return;
    static const char name[] = "fuzzed";
    char *to = (char *)&seL4_GetIPCBuffer()->msg[0];
    for (seL4_Word i = 0; i < sizeof(name); i++)
        to[i] = name[i];
    seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugNameThread, slot);
}

static enum kind choose_kind(struct worker *w)
{
    seL4_Word roll = rnd(w, 1000);
    if (roll < 450)
        return KIND_CALL;
    if (roll < 600)
        return KIND_IPC;
    if (roll < 700)
        return KIND_SEND;
    if (roll < 800)
        return KIND_NBSEND;
    if (roll < 850)
        return KIND_YIELD;
    if (roll < 870)
        return KIND_POLL;
    if (roll < 880)
        return KIND_SET_TLS_BASE;
    if (roll < 885)
        return KIND_RECEIVE;
    if (roll < 890)
        return KIND_UNKNOWN;
    if (!FUZZ_DEBUG_SYSCALLS)
        return KIND_CALL;
    if (roll < 895)
        return KIND_PUT_CHAR;
    if (roll < 990)
        return KIND_CAP_IDENTIFY;
    return roll < 999 ? KIND_NAME_THREAD : KIND_DUMP_SCHEDULER;
}

static void fuzz_one(struct worker *w)
{
    enum kind kind = choose_kind(w);
    bool stops = kind == KIND_POLL || kind == KIND_RECEIVE || kind == KIND_UNKNOWN ||
                 (kind == KIND_SET_TLS_BASE && !FUZZ_HAS_SET_TLS_BASE);
    if (stops && !stop_allowed(kind))
        kind = KIND_CALL;
    state.kinds[kind]++;
    struct seL4_SyscallRegs regs = {any_slot(w, false), 0, {0, 0, 0, 0}, 0, 0};
    switch (kind) {
    case KIND_CALL:
    case KIND_SEND:
    case KIND_NBSEND:
        invoke(w, kind);
        break;
    case KIND_POLL: /* anything but a readable notification is a cap fault */
        syscall_may_stop(w, (seL4_Word)seL4_SysNBWait, &regs, true);
        break;
    case KIND_YIELD:
        syscall_may_stop(w, (seL4_Word)seL4_SysYield, &regs, false);
        break;
    case KIND_SET_TLS_BASE: /* x86_64 only; elsewhere an unknown syscall. Nothing uses TLS. */
        regs.cap = any_word(w);
        syscall_may_stop(w, (seL4_Word)seL4_SysSetTLSBase, &regs, !FUZZ_HAS_SET_TLS_BASE);
        break;
    case KIND_RECEIVE:
        regs.reply = any_slot(w, false);
        regs.dest = any_slot(w, false);
        regs.info = rnd(w, 0);
        syscall_may_stop(w, receive_numbers[rnd(w, sizeof(receive_numbers) /
                                                    sizeof(receive_numbers[0]))], &regs, true);
        break;
    case KIND_UNKNOWN:
        w->must_stop = true;
        regs.info = rnd(w, 0);
        syscall_may_stop(w, unknown_numbers[rnd(w, sizeof(unknown_numbers) /
                                                    sizeof(unknown_numbers[0]))], &regs, true);
        w->must_stop = false;
        state.unknown_returned++;
        break;
    case KIND_PUT_CHAR:
        regs.cap = '.';
        syscall_may_stop(w, (seL4_Word)seL4_SysDebugPutChar, &regs, false);
        break;
    case KIND_CAP_IDENTIFY:
        regs.cap = rnd(w, 2) ? regs.cap : rnd(w, 0);
        syscall_may_stop(w, (seL4_Word)seL4_SysDebugCapIdentify, &regs, false);
        break;
    case KIND_NAME_THREAD:
        name_thread(w, regs.cap);
        break;
    case KIND_DUMP_SCHEDULER:
        syscall_may_stop(w, (seL4_Word)seL4_SysDebugDumpScheduler, &regs, false);
        break;
    case KIND_IPC:
        ipc_fuzz_one(w);
        break;
    case KINDS:
        break;
    }
}

static void worker_main(seL4_Word index, seL4_Word unused)
{
    (void)unused;
    struct worker *w = &workers[index];
    w->saw_root_marker = seL4_GetIPCBuffer()->userData == ROOT_BUFFER_MARKER;
    w->started = true;
    while (w->done < INVOCATIONS_PER_WORKER) {
        fuzz_one(w);
        w->done++;
    }
    w->finished = true;
    for (;;) {
        w->heartbeat++;
        seL4_Yield();
    }
}

/* Generic objects of random types, from the scratch untyped (root slot `scratch`), into the
 * fuzz CNode; returns how many were made. (The workers make arch objects themselves, by
 * random Retypes of the scratch untyped.) */
static int populate(struct worker *w, seL4_CPtr scratch, seL4_CPtr fuzz)
{
    int made = 0;
    for (seL4_Word slot = FUZZ_FIRST_OBJECT; slot < FUZZ_SLOTS / 2; slot++) {
        seL4_Word type = rnd(w, seL4_NonArchObjectTypeCount);
        seL4_Word size = type == seL4_UntypedObject ? 12 + rnd(w, 4)
                         : type == seL4_CapTableObject ? 1 + rnd(w, 4)
                         : type == seL4_SchedContextObject ? 7 + rnd(w, 2)
                                                            : 0;
        made += seL4_Untyped_Retype(scratch, type, size, fuzz, 0, 0, slot, 1) == seL4_NoError;
    }
    return made;
}

/* The fuzz CSpace: a 256-slot CNode with the scratch untyped, control caps, itself. */
static seL4_CPtr make_cspace(seL4_BootInfo *bi, seL4_CPtr parent, seL4_CPtr next)
{
    seL4_CPtr fuzz = next, scratch = next + 1;
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - FUZZ_BITS);
    if (seL4_Untyped_Retype(parent, seL4_CapTableObject, FUZZ_BITS, ROOT, 0, 0, fuzz, 1) ||
        seL4_Untyped_Retype(parent, seL4_UntypedObject, SCRATCH_BITS, ROOT, 0, 0, scratch, 1))
        return 0;
    printf("fuzz: %d objects made\n", populate(&workers[0], scratch, fuzz));
    seL4_CNode_Move(fuzz, FUZZ_UNTYPED, FUZZ_BITS, ROOT, scratch, DEPTH);
    seL4_CNode_Move(fuzz, FUZZ_IRQ_CONTROL, FUZZ_BITS, ROOT, seL4_CapIRQControl, DEPTH);
    seL4_CNode_Move(fuzz, FUZZ_ASID_CONTROL, FUZZ_BITS, ROOT, seL4_CapASIDControl, DEPTH);
    seL4_CNode_Copy(fuzz, FUZZ_SCHED_CONTROL, FUZZ_BITS, ROOT, bi->schedcontrol.start, DEPTH,
                    seL4_AllRights);
    seL4_CNode_Mint(fuzz, FUZZ_SELF, FUZZ_BITS, ROOT, fuzz, DEPTH, seL4_AllRights, guard);
    return fuzz;
}

/* Report a failed set-up step; true when `error` is one. */
static bool failed(const char *step, seL4_Error error)
{
    if (error)
        printf("fuzz: set-up: %s failed with error %d\n", step, error);
    return error != seL4_NoError;
}

/* (Re)start worker `index` at the top of its loop on a fresh stack. */
static seL4_Error start_worker(seL4_Word index)
{
    struct worker *w = &workers[index];
    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)worker_main,
                             (seL4_Word)&w->stack[STACK_WORDS], index, 0);
    w->may_stop = w->must_stop = false;
    return seL4_TCB_WriteRegisters(w->tcb, 1, 0, seL4_UserContextWords, &context);
}

static void name(seL4_CPtr tcb, const char *text)
{
    if (!FUZZ_DEBUG_SYSCALLS)
        return;
    char *to = (char *)&seL4_GetIPCBuffer()->msg[0];
    int i = 0;
    for (; i < NAME_BYTES - 1 && text[i]; i++)
        to[i] = text[i];
    to[i] = 0;
    seL4_SyscallCapOnly((seL4_Word)seL4_SysDebugNameThread, tcb);
}

/* A second address space (sel4runtime/address_space.h): this task's image at its own
 * addresses, and a new frame at its IPC buffer's address, so that a thread there has an IPC
 * buffer of its own at the address the runtime knows. Slots from *next on (advanced past
 * those used); the VSpace root in *vspace and the buffer frame in *buffer, or an error. */
static seL4_Error make_address_space(seL4_BootInfo *bi, seL4_CPtr parent, seL4_CPtr *next,
                                     seL4_CPtr *vspace, seL4_CPtr *buffer)
{
    *buffer = (*next)++;
    sel4runtime_frame_run runs[] = {sel4runtime_image_frames(bi),
                                    {*buffer, 1, (seL4_Word)bi->ipcBuffer}};
    seL4_Word slots = runs[0].count + ADDRESS_SPACE_EXTRA_SLOTS;
    sel4runtime_address_space_spec spec = {parent, seL4_CapInitThreadASIDPool, *next, slots,
                                           runs, 2};
    sel4runtime_address_space made = {0, 0, 0};
    seL4_Error error = seL4_Untyped_Retype(parent, sel4runtime_page_type(), 0, ROOT, 0, 0,
                                           *buffer, 1);
    if (!error)
        error = sel4runtime_address_space_create(&spec, &made);
    *next += slots;
    *vspace = made.vspace;
    return error;
}

/* What a new thread runs in: its CSpace root and guard, its VSpace, its IPC buffer. */
struct thread_spaces {
    seL4_CPtr cspace;
    seL4_Word guard;
    seL4_CPtr vspace;
    seL4_Word buffer;
    seL4_CPtr frame;
};

/* A TCB and a scheduling context in slots *next and *next + 1 (advanced past them): the
 * given spaces, the root's priority, a budget of its own. The TCB's slot, or 0. */
static seL4_CPtr make_thread(seL4_BootInfo *bi, seL4_CPtr parent, seL4_CPtr *next,
                             const struct thread_spaces *spaces, const char *thread_name)
{
    seL4_CPtr tcb = (*next)++, sc = (*next)++;
    if (failed("TCB", seL4_Untyped_Retype(parent, seL4_TCBObject, 0, ROOT, 0, 0, tcb, 1)) ||
        failed("SC", seL4_Untyped_Retype(parent, seL4_SchedContextObject, 8, ROOT, 0, 0,
                                         sc, 1)) ||
        failed("budget", seL4_SchedControl_Configure(bi->schedcontrol.start, sc, 5000, 5000,
                                                     0, 0)) ||
        failed("Configure", seL4_TCB_Configure(tcb, spaces->cspace, spaces->guard,
                                               spaces->vspace, 0, spaces->buffer,
                                               spaces->frame)) ||
        failed("SetSchedParams", seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB,
                                                         seL4_MaxPrio, seL4_MaxPrio, sc, 0)))
        return 0;
    name(tcb, thread_name);
    return tcb;
}

/* A worker thread: the root task's VSpace and its IPC buffer or none, or a second address
 * space with a buffer of its own; the fuzz CSpace. Slots from *next on. */
static bool make_worker(seL4_BootInfo *bi, seL4_CPtr parent, seL4_CPtr fuzz, seL4_CPtr *next,
                        seL4_Word index)
{
    struct worker *w = &workers[index];
    struct thread_spaces spaces = {
        fuzz, seL4_CNode_CapData_new(0, seL4_WordBits - FUZZ_BITS), seL4_CapInitThreadVSpace,
        w->has_ipc_buffer ? (seL4_Word)bi->ipcBuffer : 0,
        w->has_ipc_buffer ? seL4_CapInitThreadIPCBuffer : seL4_CapNull};
    w->rng = seed_state(FUZZ_SEED, index);
    if (w->own_address_space &&
        failed("address space", make_address_space(bi, parent, next, &spaces.vspace,
                                                   &spaces.frame)))
        return false;
    w->vspace = spaces.vspace;
    w->tcb = make_thread(bi, parent, next, &spaces, w->name);
    return w->tcb && !failed("WriteRegisters", start_worker(index));
}

/* The shared IPC objects (ipc.c), from an untyped of their own, before any worker runs.
 * Slots from *next on. */
static bool make_ipc_objects(seL4_CPtr parent, seL4_CPtr fuzz, seL4_CPtr *next)
{
    seL4_CPtr untyped = (*next)++;
    uint64_t rng = seed_state(FUZZ_SEED, WORKERS + 1);
    if (failed("IPC untyped", seL4_Untyped_Retype(parent, seL4_UntypedObject, IPC_UNTYPED_BITS,
                                                  ROOT, 0, 0, untyped, 1)))
        return false;
    printf("fuzz: %d shared IPC objects and badged copies made\n",
           ipc_objects_make(untyped, fuzz, &rng));
    ipc_deleter_init(untyped, fuzz, rng);
    return true;
}

/* The deleter thread, once the workers exist: the root task's CSpace, which no worker
 * reaches, and an address space of its own with its own IPC buffer (its invocations take
 * more than four words). Slots from *next on. */
static bool make_deleter(seL4_BootInfo *bi, seL4_CPtr parent, seL4_CPtr *next)
{
    static seL4_Word deleter_stack[STACK_WORDS] __attribute__((aligned(16)));
    struct thread_spaces spaces = {ROOT, 0, 0, (seL4_Word)bi->ipcBuffer, 0};
    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)ipc_deleter_main,
                             (seL4_Word)&deleter_stack[STACK_WORDS], 0, 0);
    if (failed("address space", make_address_space(bi, parent, next, &spaces.vspace,
                                                   &spaces.frame)))
        return false;
    seL4_CPtr tcb = make_thread(bi, parent, next, &spaces, "fuzz-deleter");
    return tcb && !failed("WriteRegisters", seL4_TCB_WriteRegisters(tcb, 1, 0,
                                                                    seL4_UserContextWords,
                                                                    &context));
}

/* A worker whose heartbeat has not moved for STALL_ROUNDS of the root's Yields was stopped by
 * a fault or blocked for good: count the invocation as answered and start it again. One the
 * deleter holds suspended is left alone: the deleter resumes it. */
static void restart_if_stopped(seL4_Word index)
{
    struct worker *w = &workers[index];
    if (w->heartbeat != w->seen_heartbeat || w->held) {
        w->seen_heartbeat = w->heartbeat;
        w->idle_rounds = 0;
        return;
    }
    if (++w->idle_rounds < STALL_ROUNDS)
        return;
    state.stops++;
    if (w->may_stop)
        state.expected_stops++;
    else
        state.unexpected_stops++;
    w->done++;
    w->idle_rounds = 0;
    if (start_worker(index) != seL4_NoError)
        printf("fuzz: could not restart %s\n", w->name);
}

static bool all_finished(void)
{
    for (int i = 0; i < WORKERS; i++) {
        if (!workers[i].finished)
            return false;
    }
    return true;
}

/* The root task's own CSpace still works: copy its TCB cap and delete the copy. */
static bool root_cspace_works(seL4_CPtr spare)
{
    return seL4_CNode_Copy(ROOT, spare, DEPTH, ROOT, seL4_CapInitThreadTCB, DEPTH,
                           seL4_AllRights) == seL4_NoError &&
           seL4_CNode_Delete(ROOT, spare, DEPTH) == seL4_NoError;
}

/* The worker in the second address space ran there: another VSpace root, and an IPC buffer
 * frame of its own at the same address (it did not see the marker the root task's holds,
 * which the worker sharing the root's address space does see). */
static void report_other_space(void)
{
    const struct worker *other = &workers[WORKER_OTHER_SPACE];
    const struct worker *shared = &workers[WORKER_SHARED_BUFFER];
    printf("fuzz: worker %s ran in VSpace %lu, not the root task's %lu; %s the root task's IPC "
           "buffer; %lu invocations answered\n", other->name, other->vspace,
           (seL4_Word)seL4_CapInitThreadVSpace,
           other->saw_root_marker ? "saw" : "did not see", other->done);
    check(other->started && other->vspace != seL4_CapInitThreadVSpace &&
              !other->saw_root_marker && shared->saw_root_marker &&
              other->done == INVOCATIONS_PER_WORKER,
          "the third worker ran in a second address space with an IPC buffer of its own");
}

static void report(seL4_CPtr spare)
{
    seL4_Word answered = 0, distinct = 0, calls = 0;
    bool every_kind = true;
    printf("\nfuzz: syscalls by kind:");
    for (int k = 0; k < KINDS; k++) {
        printf(" %s %lu", kind_names[k], state.kinds[k]);
        every_kind &= state.kinds[k] > 0 || (!FUZZ_DEBUG_SYSCALLS && k >= FIRST_DEBUG_KIND);
    }
    printf("\nfuzz: Call results (seL4_Error 0..10, other):");
    for (int e = 0; e <= seL4_NumErrors; e++) {
        printf(" %lu", state.results[e]);
        distinct += state.results[e] > 0;
        calls += state.results[e];
    }
    for (int i = 0; i < WORKERS; i++)
        answered += workers[i].done;
    printf("\nfuzz: %lu invocations answered; %lu distinct results and %lu successes of %lu "
           "Calls; %lu threads stopped by a fault (%lu by a syscall that may fault) and "
           "restarted\n", answered, distinct, state.results[seL4_NoError], calls, state.stops,
           state.expected_stops);
    check(answered == WORKERS * INVOCATIONS_PER_WORKER && all_finished(),
          "every worker's invocations answered");
    check(distinct >= MIN_DISTINCT_RESULTS, "Call results not degenerate (4+ distinct codes)");
    check(state.results[seL4_NoError] > 0, "some invocations succeeded");
    check(every_kind, "every syscall kind tried");
    check(state.unknown_returned == 0, "every unknown syscall stopped its thread");
    check(state.stops > 0 && state.unexpected_stops == 0,
          "every stop came from a syscall that may fault, and was restarted");
    check(root_cspace_works(spare), "the root task's CSpace still works");
    report_other_space();
    ipc_report();
}

int main(seL4_BootInfo *bi)
{
    printf("fuzz: seed 0x%llx, %d workers\n", (unsigned long long)FUZZ_SEED, WORKERS);
    workers[0].rng = seed_state(FUZZ_SEED, WORKERS);
    if (FUZZ_DEBUG_SYSCALLS)
        state.tcb_tag = seL4_DebugCapIdentify(seL4_CapInitThreadTCB);
    seL4_CPtr parent = sel4runtime_find_untyped(bi, SCRATCH_BITS + 2);
    seL4_CPtr next = bi->empty.start;
    seL4_CPtr fuzz = parent ? make_cspace(bi, parent, next) : 0;
    next += 2;
    seL4_GetIPCBuffer()->userData = ROOT_BUFFER_MARKER;
    if (fuzz && !make_ipc_objects(parent, fuzz, &next))
        fuzz = 0;
    for (seL4_Word i = 0; fuzz && i < WORKERS; i++) {
        if (!make_worker(bi, parent, fuzz, &next, i))
            fuzz = 0;
    }
    if (fuzz && !make_deleter(bi, parent, &next))
        fuzz = 0;
    if (!fuzz) {
        printf("fuzz: set-up failed\nfuzz: 0 passed, 1 failed\n");
        return 2;
    }
    for (int round = 0; round < ROUND_LIMIT && !all_finished(); round++) {
        seL4_Yield();
        for (seL4_Word i = 0; i < WORKERS; i++) {
            if (!workers[i].finished)
                restart_if_stopped(i);
        }
    }
    ipc_deleter_stop();
    report(next);
    printf("fuzz: %d passed, %d failed\n", passes, failures);
    return failures ? 1 : 0;
}
