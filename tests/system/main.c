/*
 * The system test root task: runs every test of tests.c on this kernel, each with its own
 * untyped memory (revoked afterwards, so tests do not see each other's objects), and ends with
 * "N passed, M failed" and status 0 only if all passed.
 */
#include "system_test.h"

void env_fail(struct env *env, const char *file, int line, const char *what)
{
    printf("system-test:   %s:%d: check failed: %s\n", file, line, what);
    env->failures++;
}

seL4_MessageInfo_t env_invoke(seL4_CPtr service, seL4_Word label, const seL4_Word *words,
                              seL4_Word length, const seL4_CPtr *caps, seL4_Word ncaps)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    for (seL4_Word i = 0; i < length; i++) {
        if (i < 4)
            mr[i] = words[i];
        else
            seL4_SetMR(i, words[i]);
    }
    for (seL4_Word i = 0; i < ncaps; i++)
        seL4_SetCap(i, caps[i]);
    seL4_MessageInfo_t info = seL4_MessageInfo_new(label, 0, ncaps, length);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(service, info, &mr[0], &mr[1], &mr[2], &mr[3]);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, mr[i]);
    return reply;
}

void env_check_reply(struct env *env, const char *file, int line, const char *what,
                     seL4_Word error, seL4_Word length, seL4_Error expected,
                     const seL4_Word *detail, seL4_Word count)
{
    seL4_Word got[4];
    for (seL4_Word i = 0; i < 4; i++)
        got[i] = seL4_GetMR(i);
    int ok = error == (seL4_Word)expected && (length == ENV_ANY_LENGTH || length == count);
    for (seL4_Word i = 0; i < count && i < 4; i++)
        ok = ok && got[i] == detail[i];
    if (ok)
        return;
    printf("system-test:   %s:%d: %s: expected error %d", file, line, what, expected);
    for (seL4_Word i = 0; i < count; i++)
        printf("%s%lx", i ? ", " : " [", (unsigned long)detail[i]);
    printf("%s, got %lu", count ? "]" : "", (unsigned long)error);
    if (length != ENV_ANY_LENGTH)
        printf(" length %lu", (unsigned long)length);
    printf(" MRs [%lx, %lx, %lx, %lx]\n", (unsigned long)got[0], (unsigned long)got[1],
           (unsigned long)got[2], (unsigned long)got[3]);
    env->failures++;
}

seL4_CPtr env_slot(struct env *env)
{
    return env->next_slot++;
}

seL4_CPtr env_copy(struct env *env, seL4_CPtr cap, seL4_CapRights_t rights)
{
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, slot, ROOT_DEPTH, ROOT, cap, ROOT_DEPTH, rights) ==
                   seL4_NoError);
    return slot;
}

seL4_CPtr env_retype(struct env *env, seL4_Word type, seL4_Word size_bits, seL4_Word count)
{
    seL4_CPtr first = env->next_slot;
    seL4_Error error = seL4_Untyped_Retype(env->untyped, type, size_bits, ROOT, 0, 0, first,
                                           count);
    CHECK(env, error == seL4_NoError);
    if (error != seL4_NoError)
        return 0;
    env->next_slot += count;
    return first;
}

/* Threads: a TCB in the root task's spaces with a 1 ms budget, and a stack per start. */
#define STACK_WORDS 1024
#define STACKS 4
#define YIELD_LIMIT 1000

static seL4_Word stacks[STACKS][STACK_WORDS] __attribute__((aligned(16)));
static unsigned next_stack;

seL4_CPtr env_thread(struct env *env, seL4_Word priority)
{
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    CHECK(env, seL4_SchedControl_Configure(env->bootinfo->schedcontrol.start, sc, 1000, 1000,
                                           0, 0) == seL4_NoError);
    CHECK(env, seL4_TCB_Configure(tcb, ROOT, 0, seL4_CapInitThreadVSpace, 0, 0, 0) ==
                   seL4_NoError);
    CHECK(env, seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, priority, priority, sc, 0) ==
                   seL4_NoError);
    return tcb;
}

/* Where a started thread goes when its function returns: it stops for good. */
static void thread_trampoline(void (*entry)(void *), void *arg)
{
    entry(arg);
    for (;;)
        seL4_Yield();
}

void env_thread_start(struct env *env, seL4_CPtr tcb, void (*entry)(void *), void *arg)
{
    seL4_Word *stack = stacks[next_stack++ % STACKS];
    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)thread_trampoline,
                             (seL4_Word)&stack[STACK_WORDS], (seL4_Word)entry, (seL4_Word)arg);
    CHECK(env, seL4_TCB_WriteRegisters(tcb, 1, 0, seL4_UserContextWords, &context) ==
                   seL4_NoError);
}

void env_yield_until(volatile seL4_Word *flag)
{
    for (int i = 0; i < YIELD_LIMIT && !*flag; i++)
        seL4_Yield();
}

static int run_test(const struct system_test *test, seL4_BootInfo *bi, seL4_CPtr parent,
                    seL4_CPtr scratch)
{
    struct env env = {bi, scratch + 1, scratch, 0};
    seL4_Error error = seL4_Untyped_Retype(parent, seL4_UntypedObject, ENV_UNTYPED_BITS, ROOT,
                                           0, 0, scratch, 1);
    if (error != seL4_NoError) {
        printf("system-test: FAIL %s: no untyped memory (error %d)\n", test->name, error);
        return 0;
    }
    test->run(&env);
    /* Clean up: everything the test made came from the scratch untyped. */
    seL4_CNode_Revoke(ROOT, scratch, ROOT_DEPTH);
    seL4_CNode_Delete(ROOT, scratch, ROOT_DEPTH);
    for (seL4_CPtr slot = scratch + 1; slot < env.next_slot; slot++)
        seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH);
    printf("system-test: %s %s\n", env.failures ? "FAIL" : "ok", test->name);
    return env.failures == 0;
}

int main(seL4_BootInfo *bootinfo)
{
    seL4_CPtr parent = sel4runtime_find_untyped(bootinfo, ENV_UNTYPED_BITS);
    if (!parent) {
        printf("system-test: no untyped of 2^%d bytes\n", ENV_UNTYPED_BITS);
        return 2;
    }
    int passed = 0, failed = 0;
    const struct system_test *tables[] = {system_tests, arch_system_tests};
    for (unsigned t = 0; t < 2; t++) {
        for (const struct system_test *test = tables[t]; test->name; test++) {
            if (run_test(test, bootinfo, parent, bootinfo->empty.start))
                passed++;
            else
                failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
