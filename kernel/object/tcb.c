/* Thread control blocks: state and slots. The TCB invocations arrive with the thread part
 * of the object-model issue; for now the kernel makes and stops threads. */
#include <object/tcb.h>

void tcb_suspend(struct tcb *tcb)
{
    tcb->state = THREAD_INACTIVE;
}
