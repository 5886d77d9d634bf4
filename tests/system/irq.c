/* System tests of the generic IRQControl Get and IRQHandler invocations: truncation, an IRQ
 * handed out once, the destination's lookup, and the handler's notification. The IRQ used is
 * the first one the board hands out (none on x86_64, whose IRQs come through the arch's own
 * invocations: there only the checks before the arch's are tested). */
#include "tests.h"

#define IRQ_PROBE_LIMIT 1024

/* The first IRQ from `from` that IRQControl Get issues into `slot`, or IRQ_PROBE_LIMIT. */
static seL4_Word issue_first_free(seL4_Word from, seL4_CPtr slot)
{
    for (seL4_Word irq = from; irq < IRQ_PROBE_LIMIT; irq++) {
        if (seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT, slot, ROOT_DEPTH) ==
            seL4_NoError)
            return irq;
    }
    return IRQ_PROBE_LIMIT;
}

void test_irq_control_get_checks(struct env *env)
{
    seL4_CPtr handler = env_slot(env), spare = env_slot(env), root = ROOT;
    const seL4_Word words[3] = {0, handler, ROOT_DEPTH};
    CHECK_REPLY(env, env_invoke(seL4_CapIRQControl, IRQIssueIRQHandler, words, 2, &root, 1),
                seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(seL4_CapIRQControl, IRQIssueIRQHandler, words, 3, 0, 0),
                seL4_TruncatedMessage);
    seL4_Word irq = issue_first_free(0, handler);
    if (irq == IRQ_PROBE_LIMIT)
        return;
    CHECK_ERR(env, seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT, spare, ROOT_DEPTH),
              seL4_RevokeFirst);
    /* Another free IRQ, into a destination that does not look up or is full. */
    seL4_Word free_irq = issue_first_free(irq + 1, spare);
    CHECK(env, free_irq != IRQ_PROBE_LIMIT);
    CHECK_ERR(env, seL4_CNode_Delete(ROOT, spare, ROOT_DEPTH), seL4_NoError);
    CHECK_ERR(env, seL4_IRQControl_Get(seL4_CapIRQControl, free_irq, ROOT, spare, 0),
              seL4_RangeError, 1, seL4_WordBits);
    CHECK_ERR(env, seL4_IRQControl_Get(seL4_CapIRQControl, free_irq, ROOT, spare, 12),
              seL4_FailedLookup, 0, seL4_GuardMismatch, 12, 0, 52);
    CHECK_ERR(env, seL4_IRQControl_Get(seL4_CapIRQControl, free_irq, ROOT, handler, ROOT_DEPTH),
              seL4_DeleteFirst);
    /* Deleting the handler cap gives the IRQ back. */
    CHECK_ERR(env, seL4_CNode_Delete(ROOT, handler, ROOT_DEPTH), seL4_NoError);
    CHECK_ERR(env, seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT, handler, ROOT_DEPTH),
              seL4_NoError);
}

void test_irq_handler_checks(struct env *env)
{
    seL4_CPtr handler = env_slot(env);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr read_only = env_copy(env, ntfn, seL4_CanRead);
    seL4_CPtr endpoint = env_retype(env, seL4_EndpointObject, 0, 1);
    if (issue_first_free(0, handler) == IRQ_PROBE_LIMIT)
        return;
    CHECK_REPLY(env, env_invoke(handler, IRQSetIRQHandler, 0, 0, 0, 0), seL4_TruncatedMessage);
    CHECK_REPLY(env, env_invoke(handler, IRQIssueIRQHandler, 0, 0, 0, 0),
                seL4_IllegalOperation);
    CHECK_ERR(env, seL4_IRQHandler_SetNotification(handler, ROOT), seL4_InvalidCapability, 0);
    /* An endpoint cap with Write is still not a notification. */
    CHECK_ERR(env, seL4_IRQHandler_SetNotification(handler, endpoint), seL4_InvalidCapability,
              0);
    CHECK_ERR(env, seL4_IRQHandler_SetNotification(handler, read_only), seL4_InvalidCapability,
              0);
    CHECK_ERR(env, seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    CHECK_ERR(env, seL4_IRQHandler_Ack(handler), seL4_NoError);
    CHECK_ERR(env, seL4_IRQHandler_Clear(handler), seL4_NoError);
    CHECK_ERR(env, seL4_IRQHandler_Clear(handler), seL4_NoError);
}
