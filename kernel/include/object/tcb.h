/* Thread control blocks: a thread's saved user registers, state and address space.
 * (The TCB object's invocations arrive with the object-model issue.) */
#pragma once
#include <arch.h>

enum thread_state {
    THREAD_INACTIVE, /* stopped: faulted with no handler, or never started */
    THREAD_RUNNING,
};

struct tcb {
    struct arch_context context; /* first: the arch's trap entry saves into it */
    enum thread_state state;
    paddr_t vspace_root;
    vaddr_t ipc_buffer;
    char name[16];
};
