/* System tests of notifications: Signal ORs each capability's badge into the word, Poll takes
 * it and leaves 0, and the rights decide who may do which. */
#include "tests.h"

void test_notification_signal_poll(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr a = env_slot(env), b = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, a, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH, seL4_AllRights,
                               0x5) == seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, b, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH, seL4_AllRights,
                               0x30) == seL4_NoError);
    seL4_Word badge = 99;
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0);
    seL4_Signal(a);
    seL4_Signal(b);
    seL4_Signal(a);
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0x35);
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 0);
}

void test_notification_badge_rules(struct env *env)
{
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr badged = env_slot(env), rebadged = env_slot(env), read_only = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights, 1) == seL4_NoError);
    CHECK(env, seL4_CNode_Mint(ROOT, rebadged, ROOT_DEPTH, ROOT, badged, ROOT_DEPTH,
                               seL4_AllRights, 2) == seL4_IllegalOperation);
    /* A notification cap keeps at most read and write. */
    CHECK(env, seL4_CNode_Copy(ROOT, read_only, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_CanRead) == seL4_NoError);
    /* A read-only copy still polls: it takes the word a badged cap signalled, once. */
    seL4_Signal(badged);
    seL4_Word badge = 0;
    seL4_Poll(read_only, &badge);
    CHECK(env, badge == 1);
    seL4_Poll(read_only, &badge);
    CHECK(env, badge == 0);
    /* Minting a badge onto an unbadged cap works; its signals carry the new badge. */
    CHECK(env, seL4_CNode_Mint(ROOT, rebadged, ROOT_DEPTH, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights, 6) == seL4_NoError);
    seL4_Signal(rebadged);
    seL4_Poll(ntfn, &badge);
    CHECK(env, badge == 6);
}
