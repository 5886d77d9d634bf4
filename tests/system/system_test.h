/* The system test root task's framework: an environment over the boot info (free slots,
 * untyped memory), checks that count failures and go on, and the table of tests. */
#pragma once
#include <sel4runtime/runtime.h>

struct env {
    seL4_BootInfo *bootinfo;
    seL4_CPtr next_slot;  /* next free slot in the root CNode */
    seL4_CPtr untyped;    /* a 2^ENV_UNTYPED_BITS untyped of RAM for this test */
    int failures;
};

#define ENV_UNTYPED_BITS 20
#define ROOT seL4_CapInitThreadCNode
#define ROOT_DEPTH seL4_WordBits

/* A copy of `cap` with `rights` in a fresh slot (a failed check if the copy fails). */
seL4_CPtr env_copy(struct env *env, seL4_CPtr cap, seL4_CapRights_t rights);
/* The word at a user virtual address, for tests that map memory. */
static inline volatile seL4_Word *word_at(seL4_Word vaddr)
{
    return (volatile seL4_Word *)vaddr;
}
/* A free slot of the root CNode. */
seL4_CPtr env_slot(struct env *env);
/* Retype `count` objects of `type` (and `size_bits`) from the test's untyped into fresh
 * slots; returns the first slot, or 0 (after a failed check) on error. */
seL4_CPtr env_retype(struct env *env, seL4_Word type, seL4_Word size_bits, seL4_Word count);
/* A thread in the root task's CSpace and VSpace at `priority` (and MCP), with a 1 ms budget
 * of its own; not started. Its objects come from the test's untyped. */
seL4_CPtr env_thread(struct env *env, seL4_Word priority);
/* The scheduling context env_thread() made for `tcb` (the slot after the TCB's). */
static inline seL4_CPtr env_thread_sched_context(seL4_CPtr tcb)
{
    return tcb + 1;
}
/* Start `tcb` running entry(arg) on a stack of its own; when entry returns it yields forever. */
void env_thread_start(struct env *env, seL4_CPtr tcb, void (*entry)(void *), void *arg);
/* Yield (up to a bound) until *flag is non-zero. */
void env_yield_until(volatile seL4_Word *flag);
/* Record a failed check. */
void env_fail(struct env *env, const char *file, int line, const char *what);

#define CHECK(env, cond)                                      \
    do {                                                      \
        if (!(cond))                                          \
            env_fail((env), __FILE__, __LINE__, #cond);       \
    } while (0)

/* An invocation's error and, for the errors that have them, its detail words. */
#define CHECK_ERROR(env, call, expected) CHECK(env, (call) == (expected))
#define CHECK_MR(env, i, value) CHECK(env, seL4_GetMR(i) == (seL4_Word)(value))

/* A raw invocation, for messages the libsel4 wrappers never send (too few words or
 * capabilities): a Call on `service` with `label`, the first `length` words of `words` and
 * the extra capabilities `caps[0..ncaps)`. Returns the reply's message info; the reply's
 * MR0-3 are in msg[0..3] (seL4_GetMR). */
seL4_MessageInfo_t env_invoke(seL4_CPtr service, seL4_Word label, const seL4_Word *words,
                              seL4_Word length, const seL4_CPtr *caps, seL4_Word ncaps);

/* Check an error reply: error `expected` with `count` detail words `detail` (ABI §3.6), and
 * when `length` is not ENV_ANY_LENGTH, a reply length of `count`. Reads the MRs first. */
#define ENV_ANY_LENGTH (~0ul)
void env_check_reply(struct env *env, const char *file, int line, const char *what,
                     seL4_Word error, seL4_Word length, seL4_Error expected,
                     const seL4_Word *detail, seL4_Word count);

#define ENV_DETAIL_COUNT(...) (sizeof((seL4_Word[]){0, __VA_ARGS__}) / sizeof(seL4_Word) - 1)

/* `call` (a libsel4 wrapper) fails with `expected` and the detail words that follow, if any:
 * CHECK_ERR(env, seL4_TCB_SetPriority(...), seL4_RangeError, 0, 255). */
#define CHECK_ERR(env, call, expected, ...)                                                   \
    do {                                                                                      \
        seL4_Word error_ = (seL4_Word)(call);                                                 \
        const seL4_Word detail_[] = {0, __VA_ARGS__};                                         \
        env_check_reply((env), __FILE__, __LINE__, #call, error_, ENV_ANY_LENGTH, (expected), \
                        detail_ + 1, ENV_DETAIL_COUNT(__VA_ARGS__));                          \
    } while (0)

/* The reply `info` (from env_invoke) is error `expected` with exactly the detail words that
 * follow, its length included. */
#define CHECK_REPLY(env, info, expected, ...)                                                 \
    do {                                                                                      \
        seL4_MessageInfo_t info_ = (info);                                                    \
        const seL4_Word detail_[] = {0, __VA_ARGS__};                                         \
        env_check_reply((env), __FILE__, __LINE__, #info, seL4_MessageInfo_get_label(info_),   \
                        seL4_MessageInfo_get_length(info_), (expected), detail_ + 1,          \
                        ENV_DETAIL_COUNT(__VA_ARGS__));                                       \
    } while (0)

struct system_test {
    const char *name;
    void (*run)(struct env *env);
};

/* Every generic test (tests.c) and every test of this arch (arch/<arch>/tests.c); each
 * table ends with a zeroed entry. */
extern const struct system_test system_tests[];
extern const struct system_test arch_system_tests[];
