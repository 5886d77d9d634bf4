/*
 * IPC fuzzing: the workers' random IPC syscalls on endpoints, notifications and reply objects
 * that every worker shares (in both address spaces), with random labels, lengths, caps and
 * receive slots, through badged copies as often as through the originals; and the deleter, a
 * thread of the root task's CSpace (which no worker reaches), that deletes and revokes those
 * objects, cancels badged sends and suspends and resumes workers in the middle of it all,
 * re-creating what it deleted so the run goes on. A worker that blocks for good, or faults on
 * a slot the deleter has just emptied, is restarted by the root task like any stopped worker.
 */
#include "fuzz.h"

enum ipc_type { IPC_ENDPOINT, IPC_NOTIFICATION, IPC_REPLY, IPC_TYPES };
static const seL4_Word object_types[IPC_TYPES] = {seL4_EndpointObject, seL4_NotificationObject,
                                                  seL4_ReplyObject};

enum ipc_op { OP_SEND, OP_NBSEND, OP_CALL, OP_RECV, OP_NBRECV, OP_REPLY_RECV, OP_NBSEND_RECV,
              OP_NBSEND_WAIT, OP_WAIT, OP_SIGNAL, OP_POLL, IPC_OPS };
static const char *const op_names[IPC_OPS] = {
    "Send", "NBSend", "Call", "Recv", "NBRecv", "ReplyRecv", "NBSendRecv", "NBSendWait", "Wait",
    "Signal", "Poll"};
static const seL4_Word op_numbers[IPC_OPS] = {
    (seL4_Word)seL4_SysSend, (seL4_Word)seL4_SysNBSend, (seL4_Word)seL4_SysCall,
    (seL4_Word)seL4_SysRecv, (seL4_Word)seL4_SysNBRecv, (seL4_Word)seL4_SysReplyRecv,
    (seL4_Word)seL4_SysNBSendRecv, (seL4_Word)seL4_SysNBSendWait, (seL4_Word)seL4_SysWait,
    (seL4_Word)seL4_SysSend, (seL4_Word)seL4_SysNBWait};
/* The object each operation receives on (or sends to, for those without a receive phase). */
static const enum ipc_type op_objects[IPC_OPS] = {
    IPC_ENDPOINT, IPC_ENDPOINT, IPC_ENDPOINT, IPC_ENDPOINT, IPC_ENDPOINT, IPC_ENDPOINT,
    IPC_ENDPOINT, IPC_NOTIFICATION, IPC_NOTIFICATION, IPC_NOTIFICATION, IPC_NOTIFICATION};
/* Operations that return only once a message (or a reply, or a signal) has come. */
static const bool op_waits[IPC_OPS] = {[OP_CALL] = true, [OP_RECV] = true,
                                       [OP_REPLY_RECV] = true, [OP_NBSEND_RECV] = true,
                                       [OP_NBSEND_WAIT] = true, [OP_WAIT] = true};

enum deleter_action { DELETE, REVOKE, CANCEL_BADGED_SENDS, SUSPEND_RESUME, REVOKE_UNTYPED,
                      REMADE, REMAKE_FAILED, ACTIONS };
static const char *const action_names[ACTIONS] = {
    "deletes", "revokes", "CancelBadgedSends", "suspends and resumes", "untyped revokes",
    "objects re-made", "re-makes refused"};

static struct {
    seL4_Word made[IPC_OPS], returned[IPC_OPS];
} ipc;

static struct {
    seL4_CPtr untyped, fuzz;
    uint64_t rng;
    volatile bool stop;
    volatile seL4_Word actions[ACTIONS];
} deleter;

static enum ipc_type type_of(seL4_Word index)
{
    return (enum ipc_type)(index % IPC_TYPES);
}

/* A slot holding (unless someone deleted it) an object of `type`: the original or its badged
 * copy. */
static seL4_CPtr ipc_slot(struct worker *w, enum ipc_type type)
{
    seL4_Word index = type + IPC_TYPES * rnd(w, IPC_OBJECTS / IPC_TYPES);
    return (rnd(w, 2) ? IPC_FIRST : IPC_COPIES) + index;
}

/* Any slot a message might name: mostly a shared IPC object, now and then anything. */
static seL4_CPtr any_ipc_slot(struct worker *w)
{
    return rnd(w, 8) ? ipc_slot(w, (enum ipc_type)rnd(w, IPC_TYPES)) : rnd(w, FUZZ_SLOTS);
}

/* Where received caps go: an empty-ish slot of the fuzz CNode, or now and then nonsense. */
static void set_receive_slot(struct worker *w)
{
    seL4_IPCBuffer *buffer = seL4_GetIPCBuffer();
    bool wild = rnd(w, 8) == 0;
    buffer->receiveCNode = wild ? rnd(w, FUZZ_SLOTS) : FUZZ_SELF;
    buffer->receiveIndex = wild ? any_word(w) : RECEIVE_FIRST + rnd(w, RECEIVE_SLOTS);
    buffer->receiveDepth = wild ? rnd(w, 70) : seL4_WordBits;
}

/* A message of random label, length (sometimes past the maximum, which the kernel clamps) and
 * caps; the words past MR3 and the caps only for a worker with an IPC buffer. */
static seL4_Word any_message(struct worker *w, seL4_Word mr[4])
{
    seL4_Word length = rnd(w, 4) ? rnd(w, 5) : rnd(w, seL4_MsgMaxLength + 8);
    seL4_Word caps = w->has_ipc_buffer ? rnd(w, seL4_MsgMaxExtraCaps + 1) : 0;
    for (seL4_Word i = 0; i < 4; i++)
        mr[i] = any_word(w);
    for (seL4_Word i = 4; w->has_ipc_buffer && i < length && i < seL4_MsgMaxLength; i++)
        seL4_SetMR((int)i, any_word(w));
    for (seL4_Word i = 0; i < caps; i++)
        seL4_SetCap((int)i, any_ipc_slot(w));
    if (w->has_ipc_buffer)
        set_receive_slot(w);
    return seL4_MessageInfo_new(rnd(w, 4) ? rnd(w, 16) : any_word(w), 0, caps, length).words[0];
}

void ipc_fuzz_one(struct worker *w)
{
    enum ipc_op op = (enum ipc_op)rnd(w, IPC_OPS);
    struct seL4_SyscallRegs regs = {ipc_slot(w, op_objects[op]), 0, {0, 0, 0, 0}, 0, 0};
    regs.info = any_message(w, regs.mr);
    regs.reply = rnd(w, 16) ? ipc_slot(w, IPC_REPLY) : rnd(w, FUZZ_SLOTS);
    regs.dest = any_ipc_slot(w);
    ipc.made[op]++;
    /* Any of them faults on a slot the deleter has just emptied, and most may block. */
    syscall_may_stop(w, op_numbers[op], &regs, true);
    ipc.returned[op]++;
}

/* Make the original object `index` (its type follows from it) in its slot. */
static seL4_Error make_original(seL4_CPtr untyped, seL4_CPtr fuzz, seL4_Word index)
{
    return seL4_Untyped_Retype(untyped, object_types[type_of(index)], 0, fuzz, 0, 0,
                               IPC_FIRST + index, 1);
}

/* Mint a copy of original `index` with a random badge and, now and then, fewer rights. */
static seL4_Error make_copy(seL4_CPtr fuzz, seL4_Word index, uint64_t *rng)
{
    seL4_CapRights_t rights = rnd_from(rng, 4) ? seL4_AllRights
                                                : (seL4_CapRights_t){{rnd_from(rng, 16)}};
    return seL4_CNode_Mint(fuzz, IPC_COPIES + index, FUZZ_BITS, fuzz, IPC_FIRST + index,
                           FUZZ_BITS, rights, rnd_from(rng, 0));
}

int ipc_objects_make(seL4_CPtr untyped, seL4_CPtr fuzz, uint64_t *rng)
{
    int made = 0;
    for (seL4_Word i = 0; i < IPC_OBJECTS; i++)
        made += make_original(untyped, fuzz, i) == seL4_NoError;
    for (seL4_Word i = 0; i < IPC_OBJECTS; i++)
        made += make_copy(fuzz, i, rng) == seL4_NoError;
    return made;
}

static void count(enum deleter_action action)
{
    deleter.actions[action]++;
}

/* The untyped is used up: revoke it (every shared object and every copy goes, with whatever
 * thread waits on them) and make them all again. */
static void remake_everything(void)
{
    count(REVOKE_UNTYPED);
    seL4_CNode_Revoke(ROOT, deleter.untyped, DEPTH);
    ipc_objects_make(deleter.untyped, deleter.fuzz, &deleter.rng);
}

/* Put an object back in the IPC slot `slot` (an original or a copy; received caps are not
 * re-made). */
static void remake(seL4_CPtr slot)
{
    seL4_Error error = seL4_NoError;
    if (slot >= IPC_FIRST && slot < IPC_COPIES)
        error = make_original(deleter.untyped, deleter.fuzz, slot - IPC_FIRST);
    else if (slot >= IPC_COPIES && slot < RECEIVE_FIRST)
        error = make_copy(deleter.fuzz, slot - IPC_COPIES, &deleter.rng);
    else
        return;
    count(error ? REMAKE_FAILED : REMADE);
    if (error == seL4_NotEnoughMemory)
        remake_everything();
}

static void suspend_and_resume(struct worker *w)
{
    count(SUSPEND_RESUME);
    w->held = true;
    seL4_TCB_Suspend(w->tcb);
    for (seL4_Word i = rnd_from(&deleter.rng, 3); i > 0; i--)
        seL4_Yield();
    seL4_TCB_Resume(w->tcb);
    w->held = false;
}

static void deleter_one(void)
{
    seL4_CPtr slot = IPC_FIRST + rnd_from(&deleter.rng, RECEIVE_FIRST + RECEIVE_SLOTS - IPC_FIRST);
    seL4_CPtr original = IPC_FIRST + rnd_from(&deleter.rng, IPC_OBJECTS);
    switch (rnd_from(&deleter.rng, 8)) {
    case 0:
    case 1:
        count(DELETE);
        seL4_CNode_Delete(deleter.fuzz, slot, FUZZ_BITS);
        remake(slot);
        break;
    case 2:
        count(REVOKE);
        seL4_CNode_Revoke(deleter.fuzz, original, FUZZ_BITS);
        remake(original + IPC_OBJECTS);
        break;
    case 3: /* on the badged copy of an endpoint */
        count(CANCEL_BADGED_SENDS);
        seL4_CNode_CancelBadgedSends(deleter.fuzz, IPC_COPIES + IPC_ENDPOINT +
                                     IPC_TYPES * rnd_from(&deleter.rng, IPC_OBJECTS / IPC_TYPES),
                                     FUZZ_BITS);
        break;
    case 4:
        suspend_and_resume(&workers[rnd_from(&deleter.rng, WORKERS)]);
        break;
    case 5:
        if (rnd_from(&deleter.rng, 16) == 0)
            remake_everything();
        break;
    default: /* leave the workers to it for a while */
        break;
    }
}

void ipc_deleter_init(seL4_CPtr untyped, seL4_CPtr fuzz, uint64_t seed_state)
{
    deleter.untyped = untyped;
    deleter.fuzz = fuzz;
    deleter.rng = seed_state;
}

void ipc_deleter_main(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (;;) {
        if (!deleter.stop)
            deleter_one();
        seL4_Yield();
    }
}

void ipc_deleter_stop(void)
{
    deleter.stop = true;
}

void ipc_report(void)
{
    seL4_Word waited = 0;
    bool every_op = true;
    printf("fuzz: IPC syscalls made (returned):");
    for (int op = 0; op < IPC_OPS; op++) {
        printf(" %s %lu (%lu)", op_names[op], ipc.made[op], ipc.returned[op]);
        every_op &= ipc.made[op] > 0;
        waited += op_waits[op] ? ipc.returned[op] : 0;
    }
    printf("\nfuzz: deleter:");
    for (int a = 0; a < ACTIONS; a++)
        printf(" %lu %s", deleter.actions[a], action_names[a]);
    printf("\nfuzz: %lu IPC syscalls that wait for a message, reply or signal got one\n", waited);
    check(every_op, "every IPC syscall tried on the shared objects");
    check(waited > 0, "messages went between workers (a waiting IPC syscall returned)");
    check(deleter.actions[DELETE] && deleter.actions[REVOKE] &&
              deleter.actions[CANCEL_BADGED_SENDS] && deleter.actions[SUSPEND_RESUME] &&
              deleter.actions[REMADE],
          "the deleter deleted, revoked, cancelled, suspended and resumed, and re-made");
}
