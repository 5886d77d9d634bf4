/* Stand-in arch for host unit tests: no thread ever returns to user mode. */
#pragma once
#include <types.h>

static inline void arch_vspace_load(paddr_t root)
{
    (void)root;
}
