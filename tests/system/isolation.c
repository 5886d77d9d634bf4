/* System tests of isolation: a thread can use only the capabilities it holds. An empty slot
 * answers InvalidCapability; a cptr that names no slot is a CapFault, which stops the thread
 * (it has no fault handler) while the rest of the system runs on. */
#include "tests.h"

struct prober {
    volatile seL4_Word before, after;
    seL4_CPtr target;
    seL4_Error error;
};

static void probe(void *arg)
{
    struct prober *p = arg;
    p->before = 1;
    p->error = seL4_TCB_Suspend(p->target);
    p->after = 1;
}

/* Run `probe` on `target` in a thread of the root task's priority until it has run. */
static void run_probe(struct env *env, struct prober *p, seL4_CPtr target)
{
    *p = (struct prober){0, 0, target, seL4_NoError};
    env_thread_start(env, env_thread(env, seL4_MaxPrio), probe, p);
    env_yield_until(&p->before);
    for (int i = 0; i < 10; i++)
        seL4_Yield();
}

void test_isolation_no_access_without_capability(struct env *env)
{
    static struct prober p;
    run_probe(env, &p, env_slot(env));
    CHECK(env, p.after == 1 && p.error == seL4_InvalidCapability);
    /* The error names the invoked capability itself: index 0 (MR0), as upstream. */
    CHECK_ERR(env, seL4_TCB_Suspend(env_slot(env)), seL4_InvalidCapability, 0);
    run_probe(env, &p, 1ul << 20); /* beyond the root CNode: the lookup itself fails */
    CHECK(env, p.before == 1 && p.after == 0);
}

void test_isolation_revoked_capability_is_gone(struct env *env)
{
    static struct prober p;
    seL4_CPtr victim = env_thread(env, seL4_MaxPrio - 1);
    seL4_CPtr copy = env_slot(env);
    CHECK(env, seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, ROOT, victim, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    CHECK(env, seL4_CNode_Revoke(ROOT, victim, ROOT_DEPTH) == seL4_NoError);
    run_probe(env, &p, copy);
    CHECK(env, p.after == 1 && p.error == seL4_InvalidCapability);
    CHECK(env, seL4_TCB_Suspend(victim) == seL4_NoError);
}
