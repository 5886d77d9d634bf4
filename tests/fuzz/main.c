/*
 * The syscall fuzzer root task. A fuzz thread, in a CSpace of its own that holds only objects
 * made for it (every object type, from a scratch untyped), the IRQ and ASID control caps and a
 * cap to that CSpace itself, makes thousands of seeded random invocations: any label, on any
 * of its slots, with random words (mostly small, slot-like or depth-like) and random extra
 * caps. The kernel must answer every one -- no crash, no hang -- and the root task, whose own
 * capabilities the fuzz thread cannot reach, must still run at the end. It ends with
 * "fuzz: N passed, M failed" (one check per invocation batch, and one for the survivor).
 */
#include <sel4runtime/runtime.h>
#include <stdbool.h>

#define FUZZ_BITS 8
#define FUZZ_SLOTS (1ul << FUZZ_BITS)
#define SCRATCH_BITS 22
#define BATCHES 100
#define PER_BATCH 100
#define STACK_WORDS 2048
#define YIELD_LIMIT 100000

#define ROOT seL4_CapInitThreadCNode
#define DEPTH seL4_WordBits

/* Slots of the fuzz CSpace. */
enum { FUZZ_UNTYPED = 1, FUZZ_IRQ_CONTROL, FUZZ_ASID_CONTROL, FUZZ_SCHED_CONTROL, FUZZ_SELF,
       FUZZ_FIRST_OBJECT = 8 };

struct fuzz_state {
    volatile seL4_Word batches;
    seL4_Word errors[seL4_NumErrors];
};

static struct fuzz_state state;
static seL4_Word stack[STACK_WORDS] __attribute__((aligned(16)));
/* Another seed: build with -DFUZZ_SEED=<n> (CI keeps this one, so its runs repeat exactly). */
#ifndef FUZZ_SEED
#define FUZZ_SEED 0x2545f4914f6cdd1dull
#endif
static uint64_t rng = FUZZ_SEED;

static seL4_Word rnd(seL4_Word bound)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return bound ? rng % bound : rng;
}

/* A word an invocation might plausibly take: small, a slot, a depth, a size, or anything. */
static seL4_Word any_word(void)
{
    switch (rnd(6)) {
    case 0: return rnd(16);
    case 1: return rnd(FUZZ_SLOTS);
    case 2: return rnd(3) ? seL4_WordBits : rnd(70);
    case 3: return 1ul << rnd(seL4_WordBits);
    case 4: return rnd(0x100000) << 12;
    default: return rnd(0);
    }
}

static void fuzz_one(void)
{
    seL4_Word words[8];
    seL4_Word length = rnd(9), caps = rnd(4);
    for (int i = 0; i < 8; i++)
        words[i] = any_word();
    for (seL4_Word i = 0; i < caps; i++)
        seL4_SetCap((int)i, rnd(4) ? rnd(FUZZ_SLOTS) : FUZZ_SELF);
    seL4_CPtr target = rnd(4) ? rnd(FUZZ_SLOTS / 2) : rnd(FUZZ_SLOTS); /* mostly full slots */
    seL4_Error error = seL4_InvokeWords(target, 1 + rnd(nArchInvocationLabels - 1), words,
                                        length, caps);
    state.errors[error < seL4_NumErrors ? error : seL4_InvalidArgument]++;
}

static void fuzz_main(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0, (void)unused1;
    for (; state.batches < BATCHES; state.batches++) {
        for (int i = 0; i < PER_BATCH; i++)
            fuzz_one();
    }
    for (;;)
        seL4_Yield();
}

/* Generic objects of random types, from the scratch untyped (root slot `scratch`), into the
 * fuzz CNode; returns how many were made. (The fuzz thread makes arch objects itself, by
 * random Retypes of the scratch untyped.) */
static int populate(seL4_CPtr scratch, seL4_CPtr fuzz)
{
    int made = 0;
    for (seL4_Word slot = FUZZ_FIRST_OBJECT; slot < FUZZ_SLOTS / 2; slot++) {
        seL4_Word type = rnd(seL4_NonArchObjectTypeCount);
        /* A Call on an endpoint now waits for a receiver, and nothing here receives: until
         * the fuzzer grows to IPC (issue #11), endpoints become notifications. */
        if (type == seL4_EndpointObject)
            type = seL4_NotificationObject;
        seL4_Word size = type == seL4_UntypedObject ? 12 + rnd(4)
                         : type == seL4_CapTableObject ? 1 + rnd(4)
                         : type == seL4_SchedContextObject ? 7 + rnd(2)
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
    printf("fuzz: %d objects made\n", populate(scratch, fuzz));
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

/* The fuzz thread: the root task's VSpace and IPC buffer (the root only yields meanwhile),
 * the fuzz CSpace, the root's priority. */
static bool start_fuzz_thread(seL4_BootInfo *bi, seL4_CPtr parent, seL4_CPtr fuzz,
                              seL4_CPtr next)
{
    seL4_CPtr tcb = next, sc = next + 1;
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - FUZZ_BITS);
    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)fuzz_main, (seL4_Word)&stack[STACK_WORDS],
                             0, 0);
    return !failed("TCB", seL4_Untyped_Retype(parent, seL4_TCBObject, 0, ROOT, 0, 0, tcb, 1)) &&
           !failed("SC", seL4_Untyped_Retype(parent, seL4_SchedContextObject, 8, ROOT, 0, 0,
                                             sc, 1)) &&
           !failed("budget", seL4_SchedControl_Configure(bi->schedcontrol.start, sc, 5000,
                                                         5000, 0, 0)) &&
           !failed("Configure", seL4_TCB_Configure(tcb, fuzz, guard, seL4_CapInitThreadVSpace,
                                                   0, (seL4_Word)bi->ipcBuffer,
                                                   seL4_CapInitThreadIPCBuffer)) &&
           !failed("SetSchedParams", seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB,
                                                             seL4_MaxPrio, seL4_MaxPrio, sc,
                                                             0)) &&
           !failed("WriteRegisters", seL4_TCB_WriteRegisters(tcb, 1, 0, seL4_UserContextWords,
                                                             &context));
}

int main(seL4_BootInfo *bi)
{
    seL4_CPtr parent = sel4runtime_find_untyped(bi, SCRATCH_BITS + 2);
    seL4_CPtr fuzz = parent ? make_cspace(bi, parent, bi->empty.start) : 0;
    if (!fuzz || !start_fuzz_thread(bi, parent, fuzz, bi->empty.start + 2)) {
        printf("fuzz: set-up failed\n");
        return 2;
    }
    int passed = 0;
    for (int i = 0; i < YIELD_LIMIT && state.batches < BATCHES; i++)
        seL4_Yield();
    passed = (int)state.batches < BATCHES ? (int)state.batches : BATCHES;
    printf("fuzz: %d invocations; count by result (seL4_Error 0..10):", passed * PER_BATCH);
    for (int e = 0; e < seL4_NumErrors; e++)
        printf(" %lu", state.errors[e]);
    printf("\nfuzz: %d passed, %d failed\n", passed + 1, BATCHES - passed);
    return passed == BATCHES ? 0 : 1;
}
