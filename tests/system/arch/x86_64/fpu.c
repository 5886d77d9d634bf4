/* System tests of the FPU: each thread's own SSE registers. */
#include "x86_tests.h"

/* Set xmm7, Yield, and read xmm7 back, in one asm statement so that the compiler has no
 * chance to use the register in between. */
static seL4_Word yield_keeping_xmm7(seL4_Word value)
{
    seL4_Word back;
    __asm__ volatile("movq %1, %%xmm7\n\t"
                     "movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp\n\t"
                     "movq %%xmm7, %0"
                     : "=&r"(back)
                     : "r"(value), "d"((seL4_Word)seL4_SysYield), "D"(0ul), "S"(0ul)
                     : "rcx", "r11", "rbx", "xmm7", "memory");
    return back;
}

struct fpu_child {
    volatile seL4_Word kept, done;
};

static void fpu_child_main(void *arg)
{
    struct fpu_child *child = arg;
    child->kept = yield_keeping_xmm7(0x1111111111111111ul) == 0x1111111111111111ul;
    child->done = 1;
}

/* Each thread keeps its own SSE registers across a switch to another that changes them. */
void test_fpu_state_per_thread(struct env *env)
{
    static struct fpu_child child;
    child = (struct fpu_child){0, 0};
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    env_thread_start(env, tcb, fpu_child_main, &child);
    int kept = 1;
    for (int i = 0; i < 100 && !child.done; i++)
        kept &= yield_keeping_xmm7(0x2222222222222222ul) == 0x2222222222222222ul;
    CHECK(env, child.done && child.kept && kept);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}
