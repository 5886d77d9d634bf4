/* System tests of the FS and GS bases: SetTLSBase sets the FS base on any CPU; where CPUID
 * reports FSGSBASE, user code writes both bases itself and each thread keeps its own
 * (tests/system/test_system.py runs the test on such a CPU and looks for its line). */
#include "x86_tests.h"

#define CPUID_7_FSGSBASE (1u << 0)
#define FSGSBASE_LINE "system-test: FS and GS bases written with wrfsbase/wrgsbase kept per thread"

static int cpu_has_fsgsbase(void)
{
    unsigned int eax, ebx, ecx, edx;
    __asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(0), "c"(0));
    if (eax < 7)
        return 0;
    __asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(7), "c"(0));
    return (ebx & CPUID_7_FSGSBASE) != 0;
}

struct tls_bases {
    seL4_Word fs, gs;
};

/* Write both bases, Yield, and read them back, in one asm statement so that nothing else runs
 * in this thread between the write and the read. */
static struct tls_bases yield_keeping_bases(struct tls_bases bases)
{
    struct tls_bases back;
    __asm__ volatile("wrfsbase %2\n\t"
                     "wrgsbase %3\n\t"
                     "movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp\n\t"
                     "rdfsbase %0\n\t"
                     "rdgsbase %1"
                     : "=&r"(back.fs), "=&r"(back.gs)
                     : "r"(bases.fs), "r"(bases.gs), "d"((seL4_Word)seL4_SysYield), "D"(0ul),
                       "S"(0ul)
                     : "rcx", "r11", "rbx", "memory");
    return back;
}

static seL4_Word read_fs_base(void)
{
    seL4_Word base;
    __asm__ volatile("rdfsbase %0" : "=r"(base));
    return base;
}

/* The word at %fs:0: reads through the FS base whatever set it. */
static seL4_Word read_fs_word(void)
{
    seL4_Word word;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(word) : : "memory");
    return word;
}

struct tls_child {
    volatile seL4_Word kept, done;
};

static const struct tls_bases child_bases = {0x1111000, 0x2222000};
static const struct tls_bases parent_bases = {0x3333000, 0x4444000};

static void tls_child_main(void *arg)
{
    struct tls_child *child = arg;
    struct tls_bases back = yield_keeping_bases(child_bases);
    child->kept = back.fs == child_bases.fs && back.gs == child_bases.gs;
    child->done = 1;
}

/* Two threads write different FS and GS bases with the instructions and yield to each other:
 * each reads its own back, the kernel reports them in ReadRegisters, and SetTLSBase still
 * sets the FS base. */
static void check_fsgsbase_per_thread(struct env *env)
{
    static struct tls_child child;
    child = (struct tls_child){0, 0};
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    env_thread_start(env, tcb, tls_child_main, &child);
    int kept = 1;
    for (int i = 0; i < 100 && !child.done; i++) {
        struct tls_bases back = yield_keeping_bases(parent_bases);
        kept &= back.fs == parent_bases.fs && back.gs == parent_bases.gs;
    }
    CHECK(env, child.done && child.kept && kept);
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
    seL4_UserContext regs;
    CHECK(env, seL4_TCB_ReadRegisters(tcb, 0, 0, 20, &regs) == seL4_NoError);
    CHECK(env, regs.fs_base == child_bases.fs && regs.gs_base == child_bases.gs);
    seL4_SetTLSBase(0x5555000);
    CHECK(env, read_fs_base() == 0x5555000);
    yield_keeping_bases((struct tls_bases){0, 0});
    printf(FSGSBASE_LINE "\n");
}

/* SetTLSBase sets the FS base on any CPU; with FSGSBASE, the instructions do too. */
void test_tls_bases_per_thread(struct env *env)
{
    static seL4_Word tls_word = 0x7e57;
    seL4_SetTLSBase((seL4_Word)&tls_word);
    CHECK(env, read_fs_word() == 0x7e57);
    seL4_SetTLSBase(0);
    if (cpu_has_fsgsbase())
        check_fsgsbase_per_thread(env);
}
