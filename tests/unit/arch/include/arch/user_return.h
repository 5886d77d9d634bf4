/* Stand-in arch for host unit tests: no thread ever returns to user mode. */
#pragma once
#include <stdlib.h>
#include <types.h>

struct tcb;

static inline void arch_vspace_activate(paddr_t root)
{
    (void)root;
}

static inline _Noreturn void arch_context_restore(struct tcb *thread)
{
    (void)thread;
    abort();
}
