/* Thread control blocks: state and slots. The TCB invocations arrive with the thread part
 * of the object-model issue; for now the kernel makes and stops threads. */
#include <object/tcb.h>

paddr_t tcb_vspace_root(const struct tcb *tcb)
{
    return arch_vspace_root(tcb->slots[TCB_VTABLE].cap);
}

void tcb_suspend(struct tcb *tcb)
{
    tcb->state = THREAD_INACTIVE;
}
