/*
 * aarch64 system tests of per-thread state: the FP/SIMD registers (q0-q31, FPCR, FPSR) and
 * the TLS registers (TPIDR_EL0, TPIDRRO_EL0) stay each thread's own across switches, and a
 * thread with the fpuDisabled flag is stopped by its first FP instruction.
 */
#include "arch_tests.h"

#define FP_ROUNDS 100
#define FP_WAIT_LIMIT 2000
#define STACK_WORDS 512

/* What one thread loads into its registers, and what it finds there after yielding. The
 * assembly below uses the offsets, which the asserts pin. */
struct fp_worker {
    seL4_Word in[64];         /* q0-q31, low word first */
    seL4_Word control_in[4];  /* FPCR, FPSR, TPIDR_EL0, (TPIDRRO_EL0 expected) */
    seL4_Word out[64];
    seL4_Word control_out[4]; /* FPCR, FPSR, TPIDR_EL0, TPIDRRO_EL0 */
    seL4_Word rounds;
    seL4_CPtr tcb;
    volatile seL4_Word done;
};
_Static_assert(__builtin_offsetof(struct fp_worker, control_in) == 512, "asm offsets");
_Static_assert(__builtin_offsetof(struct fp_worker, out) == 544, "asm offsets");
_Static_assert(__builtin_offsetof(struct fp_worker, rounds) == 1088, "asm offsets");

/* Load every FP/SIMD register, FPCR, FPSR and TPIDR_EL0 from w->in, yield w->rounds times,
 * then store them all to w->out. One asm statement, so the compiler cannot use the
 * registers in between; the kernel may change x0-x5 at each svc. */
static void fp_hold_across_yields(struct fp_worker *w)
{
    __asm__ volatile("mov x19, %0\n\t"
                     "mov x9, x19\n\t"
                     "ld1 {v0.2d, v1.2d, v2.2d, v3.2d}, [x9], #64\n\t"
                     "ld1 {v4.2d, v5.2d, v6.2d, v7.2d}, [x9], #64\n\t"
                     "ld1 {v8.2d, v9.2d, v10.2d, v11.2d}, [x9], #64\n\t"
                     "ld1 {v12.2d, v13.2d, v14.2d, v15.2d}, [x9], #64\n\t"
                     "ld1 {v16.2d, v17.2d, v18.2d, v19.2d}, [x9], #64\n\t"
                     "ld1 {v20.2d, v21.2d, v22.2d, v23.2d}, [x9], #64\n\t"
                     "ld1 {v24.2d, v25.2d, v26.2d, v27.2d}, [x9], #64\n\t"
                     "ld1 {v28.2d, v29.2d, v30.2d, v31.2d}, [x9], #64\n\t"
                     "ldp x10, x11, [x9]\n\t"
                     "ldr x12, [x9, #16]\n\t"
                     "msr fpcr, x10\n\t"
                     "msr fpsr, x11\n\t"
                     "msr tpidr_el0, x12\n\t"
                     "ldr x20, [x19, #1088]\n\t"
                     "1:\n\t"
                     "mov x7, %1\n\t"
                     "svc #0\n\t"
                     "subs x20, x20, #1\n\t"
                     "b.ne 1b\n\t"
                     "add x9, x19, #544\n\t"
                     "st1 {v0.2d, v1.2d, v2.2d, v3.2d}, [x9], #64\n\t"
                     "st1 {v4.2d, v5.2d, v6.2d, v7.2d}, [x9], #64\n\t"
                     "st1 {v8.2d, v9.2d, v10.2d, v11.2d}, [x9], #64\n\t"
                     "st1 {v12.2d, v13.2d, v14.2d, v15.2d}, [x9], #64\n\t"
                     "st1 {v16.2d, v17.2d, v18.2d, v19.2d}, [x9], #64\n\t"
                     "st1 {v20.2d, v21.2d, v22.2d, v23.2d}, [x9], #64\n\t"
                     "st1 {v24.2d, v25.2d, v26.2d, v27.2d}, [x9], #64\n\t"
                     "st1 {v28.2d, v29.2d, v30.2d, v31.2d}, [x9], #64\n\t"
                     "mrs x10, fpcr\n\t"
                     "mrs x11, fpsr\n\t"
                     "stp x10, x11, [x9]\n\t"
                     "mrs x10, tpidr_el0\n\t"
                     "mrs x11, tpidrro_el0\n\t"
                     "stp x10, x11, [x9, #16]\n\t"
                     :
                     : "r"(w), "r"((seL4_Word)seL4_SysYield)
                     : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x9", "x10", "x11",
                       "x12", "x19", "x20", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7",
                       "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17",
                       "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27",
                       "v28", "v29", "v30", "v31", "cc", "memory");
}

static seL4_Word read_tpidr_el0(void)
{
    seL4_Word value;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(value));
    return value;
}

static seL4_Word read_tpidrro_el0(void)
{
    seL4_Word value;
    __asm__ volatile("mrs %0, tpidrro_el0" : "=r"(value));
    return value;
}

/* A thread's own values: `id` in every byte that names it. FPCR: a rounding mode and FZ or
 * DN; FPSR: cumulative exception flags. */
static void fp_worker_init(struct fp_worker *w, seL4_Word id, seL4_Word fpcr, seL4_Word fpsr,
                           seL4_Word tls, seL4_Word tls_ro)
{
    for (seL4_Word i = 0; i < 64; i++)
        w->in[i] = id << 56 | i << 40 | (id * 0x01010101ul) << 8 | i;
    w->control_in[0] = fpcr;
    w->control_in[1] = fpsr;
    w->control_in[2] = tls;
    w->control_in[3] = tls_ro;
    w->rounds = FP_ROUNDS;
    w->done = 0;
}

static void fp_worker_check(struct env *env, const struct fp_worker *w)
{
    CHECK(env, w->done == 1);
    int wrong = 0;
    for (int i = 0; i < 64; i++)
        wrong += w->out[i] != w->in[i];
    CHECK(env, wrong == 0);
    for (int i = 0; i < 4; i++)
        CHECK(env, w->control_out[i] == w->control_in[i]);
}

static void fp_worker_main(struct fp_worker *w)
{
    fp_hold_across_yields(w);
    w->done = 1;
    seL4_TCB_Suspend(w->tcb);
}

/* Start w in a new thread at the root task's priority, with TPIDRRO_EL0 set by the kernel
 * (WriteRegisters) and TPIDR_EL0 by the thread itself. */
static void fp_worker_start(struct env *env, struct fp_worker *w, seL4_Word *stack_top)
{
    w->tcb = env_thread(env, seL4_MaxPrio);
    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)fp_worker_main, (seL4_Word)stack_top,
                             (seL4_Word)w, 0);
    context.tpidrro_el0 = w->control_in[3];
    CHECK(env, seL4_TCB_WriteRegisters(w->tcb, 1, 0, seL4_UserContextWords, &context) ==
                   seL4_NoError);
}

/* A thread that never touches FP/SIMD, so the registers stay with the last user. */
static void yielder_main(void *arg)
{
    volatile seL4_Word *done = arg;
    for (int i = 0; i < FP_ROUNDS; i++)
        seL4_Yield();
    *done = 1;
}

/* Two threads and the root task each keep their own q0-q31, FPCR, FPSR and TLS registers
 * while they and an integer-only thread take turns through Yield. */
void test_fpu_registers_per_thread(struct env *env)
{
    static struct fp_worker a, b, root;
    static seL4_Word stacks[2][STACK_WORDS] __attribute__((aligned(16)));
    static volatile seL4_Word yielder_done;
    seL4_Word fpcr, fpsr;
    __asm__ volatile("mrs %0, fpcr\n\tmrs %1, fpsr" : "=r"(fpcr), "=r"(fpsr));
    fp_worker_init(&a, 0xa1, 1ul << 22 | 1ul << 24, 0x11, 0xa11a, 0x7a00);
    fp_worker_init(&b, 0xb2, 2ul << 22 | 1ul << 25, 0x8000002, 0xb22b, 0x7b00);
    fp_worker_init(&root, 0xc3, 3ul << 22, 0x9f, read_tpidr_el0(), read_tpidrro_el0());
    fp_worker_start(env, &a, &stacks[0][STACK_WORDS]);
    fp_worker_start(env, &b, &stacks[1][STACK_WORDS]);
    yielder_done = 0;
    env_thread_start(env, env_thread(env, seL4_MaxPrio), yielder_main, (void *)&yielder_done);
    fp_hold_across_yields(&root);
    root.done = 1;
    __asm__ volatile("msr fpcr, %0\n\tmsr fpsr, %1" : : "r"(fpcr), "r"(fpsr));
    for (int i = 0; i < FP_WAIT_LIMIT && !(a.done && b.done && yielder_done); i++)
        seL4_Yield();
    fp_worker_check(env, &a);
    fp_worker_check(env, &b);
    fp_worker_check(env, &root);
    CHECK(env, yielder_done == 1);
}

struct fp_probe {
    volatile seL4_Word before, after;
};

static void fp_probe_main(void *arg)
{
    struct fp_probe *p = arg;
    p->before = 1;
    __asm__ volatile("fmov d0, xzr" : : : "v0");
    p->after = 1;
}

/* fpuDisabled: the thread's first FP instruction is a UserException, which stops it (no
 * fault handler) while the rest runs on; without the flag it runs on from there. */
void test_fpu_disabled_thread_faults(struct env *env)
{
    static struct fp_probe p;
    p = (struct fp_probe){0, 0};
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio);
    seL4_TCB_SetFlags_t set = seL4_TCB_SetFlags(tcb, 0, seL4_TCBFlag_fpuDisabled);
    CHECK(env, set.error == seL4_NoError && set.flags == seL4_TCBFlag_fpuDisabled);
    env_thread_start(env, tcb, fp_probe_main, &p);
    env_yield_until(&p.before);
    for (int i = 0; i < 10; i++)
        seL4_Yield();
    CHECK(env, p.before == 1 && p.after == 0);
    set = seL4_TCB_SetFlags(tcb, seL4_TCBFlag_fpuDisabled, 0);
    CHECK(env, set.error == seL4_NoError && set.flags == 0);
    CHECK(env, seL4_TCB_Resume(tcb) == seL4_NoError);
    env_yield_until(&p.after);
    CHECK(env, p.after == 1);
}
