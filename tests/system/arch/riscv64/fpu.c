/* riscv64 system tests of FP state: each thread keeps its own FP registers and fcsr across
 * switches, a new thread starts with them zeroed, and the TCB flag fpuDisabled makes FP use
 * a fault. */
#include "arch_tests.h"

/* FP state is per thread: two threads (and the root task) each keep their own value in fs0
 * and their own rounding mode in fcsr across many yields to one another; a new thread starts
 * with zeroed FP registers, whatever the others left in theirs. */
#define FP_YIELDS 200
#define FRM_RTZ 1 /* fcsr rounding modes */
#define FRM_RDN 2
#define FRM_RUP 3

struct fp_keeper {
    seL4_Word value, frm;
    volatile seL4_Word first_fs1, first_fcsr, seen, seen_frm, done;
};

static void fp_keep(void *arg)
{
    struct fp_keeper *k = arg;
    seL4_Word fs1, fcsr;
    __asm__ volatile("fmv.x.d %0, fs1\n\tfrcsr %1" : "=r"(fs1), "=r"(fcsr));
    k->first_fs1 = fs1;
    k->first_fcsr = fcsr;
    __asm__ volatile("fmv.d.x fs0, %0\n\tfsrm %1" ::"r"(k->value), "r"(k->frm) : "fs0");
    for (int i = 0; i < FP_YIELDS; i++)
        seL4_Yield();
    seL4_Word seen, frm;
    __asm__ volatile("fmv.x.d %0, fs0\n\tfrrm %1" : "=r"(seen), "=r"(frm));
    k->seen = seen;
    k->seen_frm = frm;
    k->done = 1;
}

void test_fp_state_per_thread(struct env *env)
{
    static struct fp_keeper a, b;
    a = (struct fp_keeper){.value = 0x400921fb54442d18ul, .frm = FRM_RTZ}; /* pi */
    b = (struct fp_keeper){.value = 0x4005bf0a8b145769ul, .frm = FRM_RDN}; /* e */
    seL4_Word mine = 0x3ff0000000000001ul, seen, frm;
    __asm__ volatile("fmv.d.x fs0, %0\n\tfmv.d.x fs1, %0\n\tfsrm %1" ::"r"(mine),
                     "r"((seL4_Word)FRM_RUP)
                     : "fs0", "fs1");
    env_thread_start(env, env_thread(env, seL4_MaxPrio), fp_keep, &a);
    env_thread_start(env, env_thread(env, seL4_MaxPrio), fp_keep, &b);
    for (int i = 0; i < 4 * FP_YIELDS && !(a.done && b.done); i++)
        seL4_Yield();
    __asm__ volatile("fmv.x.d %0, fs0\n\tfrrm %1\n\tfsrm zero" : "=r"(seen), "=r"(frm));
    CHECK(env, a.done && b.done);
    CHECK(env, a.seen == a.value && a.seen_frm == FRM_RTZ);
    CHECK(env, b.seen == b.value && b.seen_frm == FRM_RDN);
    CHECK(env, seen == mine && frm == FRM_RUP);
    CHECK(env, a.first_fs1 == 0 && a.first_fcsr == 0 && b.first_fs1 == 0 && b.first_fcsr == 0);
}

/* The TCB flag fpuDisabled: the thread's first FP instruction is a UserException (illegal
 * instruction) that stops it there; with the flag cleared again it resumes and runs on. */
#define TCB_FLAG_FPU_DISABLED 1
#define FMV_D_X_FT0_ZERO 0xf2000053u /* the encoding of "fmv.d.x ft0, zero" */

struct fp_prober {
    volatile seL4_Word before, after;
};

static void fp_probe(void *arg)
{
    struct fp_prober *p = arg;
    p->before = 1;
    __asm__ volatile("fmv.d.x ft0, zero" ::: "ft0");
    p->after = 1;
}

void test_fp_disabled(struct env *env)
{
    static struct fp_prober p;
    p = (struct fp_prober){0, 0};
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    seL4_TCB_SetFlags_t set = seL4_TCB_SetFlags(tcb, 0, TCB_FLAG_FPU_DISABLED);
    CHECK(env, set.error == seL4_NoError && set.flags == TCB_FLAG_FPU_DISABLED);
    env_thread_start(env, tcb, fp_probe, &p);
    env_yield_until(&p.before);
    for (int i = 0; i < 10; i++)
        seL4_Yield();
    CHECK(env, p.before == 1 && p.after == 0);
    seL4_UserContext context = {0};
    CHECK(env, seL4_TCB_ReadRegisters(tcb, 0, 0, 1, &context) == seL4_NoError);
    CHECK(env, *(volatile seL4_Uint32 *)context.pc == FMV_D_X_FT0_ZERO);
    seL4_TCB_SetFlags_t cleared = seL4_TCB_SetFlags(tcb, TCB_FLAG_FPU_DISABLED, 0);
    CHECK(env, cleared.error == seL4_NoError && cleared.flags == 0);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    env_yield_until(&p.after);
    CHECK(env, p.after == 1);
}
