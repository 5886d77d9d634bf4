/* System tests of the scheduling invocations' error paths: SchedControl ConfigureFlags (budget
 * and period in microseconds, 20 us to an hour; extra refills as the context's size allows),
 * SchedContext Bind/UnbindObject/Consumed, and DomainSet Set. */
#include "tests.h"

#define MIN_BUDGET_US 20ul
#define MAX_PERIOD_US (3600ul * 1000000ul)

static seL4_CPtr control;

static seL4_Error configure(seL4_CPtr sc, seL4_Word budget, seL4_Word period, seL4_Word extra)
{
    return seL4_SchedControl_ConfigureFlags(control, sc, budget, period, extra, 0, 0);
}

void test_sched_control_configure_checks(struct env *env)
{
    control = env->bootinfo->schedcontrol.start;
    /* A 256-byte context: room for (256 - 128) / 16 = 8 extra refills. */
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, 8, 1);
    const seL4_Word words[5] = {1000, 1000, 0, 0, 0};
    CHECK_REPLY(env, env_invoke(control, SchedControlConfigureFlags, words, 5, 0, 0),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(control, SchedControlConfigureFlags, words, 4, &sc, 1),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(control, SchedContextBind, words, 5, &sc, 1),
                seL4_IllegalOperation);
    CHECK_ERR(env, configure(ROOT, 1000, 1000, 0), seL4_InvalidCapability, 1);
    CHECK_ERR(env, configure(sc, MIN_BUDGET_US - 1, 1000, 0), seL4_RangeError, MIN_BUDGET_US,
              MAX_PERIOD_US);
    CHECK_ERR(env, configure(sc, MAX_PERIOD_US + 1, MAX_PERIOD_US + 1, 0), seL4_RangeError,
              MIN_BUDGET_US, MAX_PERIOD_US);
    /* The budget's own bound comes before the budget-within-period check. */
    CHECK_ERR(env, configure(sc, MAX_PERIOD_US + 1, 1000, 0), seL4_RangeError, MIN_BUDGET_US,
              MAX_PERIOD_US);
    CHECK_ERR(env, configure(sc, MIN_BUDGET_US, MIN_BUDGET_US - 1, 0), seL4_RangeError,
              MIN_BUDGET_US, MAX_PERIOD_US);
    CHECK_ERR(env, configure(sc, MIN_BUDGET_US, MAX_PERIOD_US + 1, 0), seL4_RangeError,
              MIN_BUDGET_US, MAX_PERIOD_US);
    CHECK_ERR(env, configure(sc, 1001, 1000, 0), seL4_RangeError, MIN_BUDGET_US, 1000);
    CHECK_ERR(env, configure(sc, 1000, 1000, 9), seL4_RangeError, 0, 8);
    /* The limits themselves are accepted. */
    CHECK_ERR(env, configure(sc, MIN_BUDGET_US, MIN_BUDGET_US, 8), seL4_NoError);
    CHECK_ERR(env, configure(sc, MAX_PERIOD_US, MAX_PERIOD_US, 0), seL4_NoError);
    CHECK_ERR(env, configure(sc, 1000, 1000, 0), seL4_NoError);
}

void test_sched_context_invocation_checks(struct env *env)
{
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits, 1);
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0, 1);
    seL4_CPtr other = env_retype(env, seL4_TCBObject, 0, 1);
    CHECK_REPLY(env, env_invoke(sc, SchedContextBind, 0, 0, 0, 0), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(sc, SchedContextUnbindObject, 0, 0, 0, 0),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(sc, SchedContextYieldTo, 0, 0, 0, 0), seL4_IllegalOperation);
    CHECK_REPLY(env, env_invoke(sc, SchedControlConfigureFlags, 0, 0, 0, 0),
                seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, ROOT), seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, ROOT), seL4_InvalidCapability, 1);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, tcb), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, seL4_CapInitThreadTCB), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, tcb), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, other), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, other), seL4_IllegalOperation);
    CHECK_ERR(env, seL4_SchedContext_UnbindObject(sc, tcb), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, other), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Unbind(sc), seL4_NoError);
    CHECK_ERR(env, seL4_SchedContext_Bind(sc, tcb), seL4_NoError);
    /* Consumed replies with one word. */
    CHECK_REPLY(env, env_invoke(sc, SchedContextConsumed, 0, 0, 0, 0), seL4_NoError, 0);
}

void test_domain_set_checks(struct env *env)
{
    const seL4_Word domain0[1] = {0};
    seL4_CPtr tcb = seL4_CapInitThreadTCB;
    CHECK_REPLY(env, env_invoke(seL4_CapDomain, DomainSetSet, domain0, 0, &tcb, 1),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(seL4_CapDomain, DomainSetSet, domain0, 1, &tcb, 0),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(seL4_CapDomain, DomainScheduleConfigure, domain0, 1, 0, 0),
                seL4_IllegalOperation);
    CHECK_ERR(env, seL4_DomainSet_Set(seL4_CapDomain, 1, tcb), seL4_InvalidArgument, 0);
    CHECK_ERR(env, seL4_DomainSet_Set(seL4_CapDomain, 0, ROOT), seL4_InvalidArgument, 1);
    CHECK_ERR(env, seL4_DomainSet_Set(seL4_CapDomain, 0, tcb), seL4_NoError);
}
