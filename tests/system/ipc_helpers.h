/* Shared helpers of the IPC system tests (endpoint.c, reply.c, ipc_transfer.c): letting lower
 * threads run, and parking a helper thread for good once its part is done. Helper threads
 * share the root task's VSpace and its global IPC buffer pointer, so they read MR0-3 from
 * registers (the seL4_*WithMRs style) or their own buffer page, never the root's. */
#pragma once
#include "tests.h"

/* Let every thread above priority 1 run until it blocks, then take the CPU back. */
static inline void ipc_let_others_run(struct env *env)
{
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1) ==
                   seL4_NoError);
    CHECK(env, seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
}

/* Block the calling helper thread for good on a notification no one signals. */
static inline void ipc_park(seL4_CPtr ntfn)
{
    for (;;)
        seL4_Wait(ntfn, 0);
}
