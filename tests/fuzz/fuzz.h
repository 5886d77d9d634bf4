/* What the fuzzer's files share (main.c: the workers, the syscalls of every kind, the root
 * task's watch and checks; ipc.c: IPC on shared objects and the thread that deletes them). */
#pragma once
#include <sel4runtime/runtime.h>
#include <stdbool.h>

#define FUZZ_BITS 8
#define FUZZ_SLOTS (1ul << FUZZ_BITS)
#define STACK_WORDS 2048
#define ROOT seL4_CapInitThreadCNode
#define DEPTH seL4_WordBits

/* Slots of the fuzz CSpace: caps, then random objects in the lower half (main.c populate),
 * then in the upper half the IPC objects every thread shares (ipc.c): IPC_OBJECTS originals
 * whose type follows from the slot, a badged copy of each, and slots that received caps
 * land in. */
enum { FUZZ_UNTYPED = 1, FUZZ_IRQ_CONTROL, FUZZ_ASID_CONTROL, FUZZ_SCHED_CONTROL, FUZZ_SELF,
       FUZZ_FIRST_OBJECT = 8 };
#define IPC_OBJECTS 24
#define IPC_FIRST (FUZZ_SLOTS / 2)
#define IPC_COPIES (IPC_FIRST + IPC_OBJECTS)
#define RECEIVE_FIRST (IPC_COPIES + IPC_OBJECTS)
#define RECEIVE_SLOTS 32

struct worker {
    const char *name;
    bool has_ipc_buffer;
    bool own_address_space; /* a second address space, with an IPC buffer frame of its own */
    seL4_CPtr tcb, vspace;
    uint64_t rng;
    volatile seL4_Word done;       /* invocations answered (a stop answers one too) */
    volatile seL4_Word heartbeat;  /* moves on every syscall */
    volatile bool may_stop;        /* the syscall in flight may fault or block for good */
    volatile bool must_stop;       /* ... must fault */
    volatile bool held;            /* suspended by the deleter (ipc.c), which resumes it */
    volatile bool finished;
    volatile bool started;
    volatile bool saw_root_marker; /* at its last start, in its IPC buffer's userData */
    seL4_Word seen_heartbeat, idle_rounds;
    seL4_Word stack[STACK_WORDS] __attribute__((aligned(16)));
};

enum { WORKER_SHARED_BUFFER, WORKER_NO_IPC_BUFFER, WORKER_OTHER_SPACE, WORKERS };
extern struct worker workers[WORKERS];

/* xorshift64: a random word below `bound` (any word if 0) from *state, never 0. */
static inline seL4_Word rnd_from(uint64_t *state, seL4_Word bound)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return bound ? *state % bound : *state;
}

static inline seL4_Word rnd(struct worker *w, seL4_Word bound)
{
    return rnd_from(&w->rng, bound);
}

/* main.c */
/* A word an invocation might plausibly take: small, a slot, a depth, a size, or anything. */
seL4_Word any_word(struct worker *w);
/* Make syscall `number` with `regs`, the heartbeat moving before and after; `may_stop` says
 * whether it may fault or block for good. */
void syscall_may_stop(struct worker *w, seL4_Word number, struct seL4_SyscallRegs *regs,
                      bool may_stop);
/* Print and count one of the root task's checks. */
void check(bool ok, const char *what);

/* ipc.c */
/* The shared IPC objects and their badged copies, from `untyped` into the fuzz CNode, both
 * named by slots of the root CNode: how many were made. */
int ipc_objects_make(seL4_CPtr untyped, seL4_CPtr fuzz, uint64_t *rng);
/* One random IPC syscall of worker `w` on the shared objects. */
void ipc_fuzz_one(struct worker *w);
/* The deleter thread's entry and what it works on (root CNode slots); it runs until
 * ipc_deleter_stop. */
void ipc_deleter_main(seL4_Word unused0, seL4_Word unused1);
void ipc_deleter_init(seL4_CPtr untyped, seL4_CPtr fuzz, uint64_t seed_state);
void ipc_deleter_stop(void);
/* The IPC counts and the deleter's, with their checks. */
void ipc_report(void);
