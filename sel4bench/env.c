/*
 * The objects benchmarks run with, made from the largest RAM untyped into the root CNode's
 * empty slots: endpoints and the like, pages mapped for the runner, and threads (each with a
 * stack, an IPC buffer and a scheduling context of its own).
 */
#include "bench.h"
#include <sel4runtime/address_space.h>
#include <sel4common/string.h>

#define STACK_WORDS 2048
#define ADDRESS_SPACE_EXTRA_SLOTS 8 /* the VSpace root and its page tables */
#define THREAD_BUDGET_US 1000

static seL4_Word stacks[BENCH_MAX_THREADS][STACK_WORDS] __attribute__((aligned(16)));

seL4_CPtr env_slot(struct env *env)
{
    if (env->next_slot >= env->bootinfo->empty.end)
        return 0;
    return env->next_slot++;
}

seL4_CPtr env_retype(struct env *env, seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = env_slot(env);
    if (!slot || seL4_Untyped_Retype(env->untyped, type, size_bits, seL4_CapInitThreadCNode, 0,
                                     0, slot, 1) != seL4_NoError)
        return 0;
    return slot;
}

seL4_Word env_map_page(struct env *env, seL4_CPtr frame, bool cached)
{
    seL4_Word vaddr = env->next_vaddr;
    if (!frame || platform_map_page(env, seL4_CapInitThreadVSpace, frame, vaddr, cached))
        return 0;
    env->next_vaddr += 1ul << seL4_PageBits;
    return vaddr;
}

/* An IPC buffer frame mapped in `vspace` at a fresh address; that address, 0 on failure. */
static seL4_Word thread_ipc_buffer(struct env *env, seL4_CPtr vspace, seL4_CPtr *frame)
{
    seL4_Word vaddr = env->next_vaddr;
    *frame = env_retype(env, platform_frame_type, 0);
    if (!*frame || platform_map_page(env, vspace, *frame, vaddr, true))
        return 0;
    env->next_vaddr += 1ul << seL4_PageBits;
    return vaddr;
}

static seL4_Word priority_of(enum bench_priority priority)
{
    switch (priority) {
    case PRIORITY_HIGHER:
        return BENCH_PRIORITY + 1;
    case PRIORITY_LOWER:
        return BENCH_PRIORITY - 1;
    default:
        return BENCH_PRIORITY;
    }
}

seL4_CPtr env_thread_stopped(struct env *env, void (*entry)(seL4_Word, seL4_Word),
                             seL4_Word arg0, seL4_Word arg1, enum bench_priority priority,
                             seL4_CPtr vspace)
{
    if (env->thread_count == BENCH_MAX_THREADS)
        return 0;
    vspace = vspace ? vspace : seL4_CapInitThreadVSpace;
    seL4_CPtr tcb = env_retype(env, seL4_TCBObject, 0);
    seL4_CPtr sc = env_retype(env, seL4_SchedContextObject, seL4_MinSchedContextBits);
    seL4_CPtr buffer_frame = 0;
    seL4_Word buffer = thread_ipc_buffer(env, vspace, &buffer_frame);
    seL4_UserContext context = {0};
    seL4_Word *stack = stacks[env->thread_count];
    sel4runtime_context_init(&context, (seL4_Word)entry, (seL4_Word)&stack[STACK_WORDS], arg0,
                             arg1);
    seL4_Word prio = priority_of(priority);
    if (!tcb || !sc || !buffer ||
        seL4_SchedControl_Configure(env->bootinfo->schedcontrol.start, sc, THREAD_BUDGET_US,
                                    THREAD_BUDGET_US, 0, 0) ||
        seL4_TCB_Configure(tcb, seL4_CapInitThreadCNode, 0, vspace, 0, buffer, buffer_frame) ||
        seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, prio, prio, sc, 0) ||
        seL4_TCB_WriteRegisters(tcb, 0, 0, seL4_UserContextWords, &context))
        return 0;
    env->threads[env->thread_count++] = tcb;
    env->last_ipc_buffer = buffer;
    env->last_sched_context = sc;
    return tcb;
}

seL4_CPtr env_thread(struct env *env, void (*entry)(seL4_Word, seL4_Word), seL4_Word arg0,
                     seL4_Word arg1, enum bench_priority priority, seL4_CPtr vspace)
{
    seL4_CPtr tcb = env_thread_stopped(env, entry, arg0, arg1, priority, vspace);
    return tcb && seL4_TCB_Resume(tcb) == seL4_NoError ? tcb : 0;
}

void env_stop_threads(struct env *env)
{
    for (int i = 0; i < env->thread_count; i++)
        seL4_TCB_Suspend(env->threads[i]);
    env->thread_count = 0;
}

seL4_CPtr env_device_frame(struct env *env, seL4_Word paddr)
{
    const seL4_BootInfo *bi = env->bootinfo;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (!desc->isDevice || paddr < desc->paddr || (paddr - desc->paddr) >> desc->sizeBits)
            continue;
        seL4_Word offset = paddr - desc->paddr;
        for (seL4_Word bits = desc->sizeBits; bits-- > seL4_PageBits;) {
            seL4_CPtr filler = env_slot(env);
            if (offset & (1ul << bits) &&
                seL4_Untyped_Retype(slot, seL4_UntypedObject, bits, seL4_CapInitThreadCNode, 0,
                                    0, filler, 1) != seL4_NoError)
                return 0;
        }
        seL4_CPtr frame = env_slot(env);
        if (seL4_Untyped_Retype(slot, platform_frame_type, 0, seL4_CapInitThreadCNode, 0, 0,
                                frame, 1) != seL4_NoError)
            return 0;
        return frame;
    }
    return 0;
}

seL4_Error env_map_with_tables(struct env *env, const struct platform_paging *paging,
                               seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr, bool cached)
{
    seL4_Error error = paging->map(frame, vspace, vaddr, cached);
    for (int level = 0; error == seL4_FailedLookup && level < paging->levels; level++) {
        seL4_CPtr table = env_retype(env, paging->table_types[level], 0);
        if (!table)
            return seL4_NotEnoughMemory;
        /* DeleteFirst: this level is there already */
        paging->map_table(table, paging->table_types[level], vspace, vaddr);
        error = paging->map(frame, vspace, vaddr, cached);
    }
    return error;
}

seL4_CPtr env_address_space(struct env *env)
{
    sel4runtime_frame_run image = sel4runtime_image_frames(env->bootinfo);
    seL4_Word slots = image.count + ADDRESS_SPACE_EXTRA_SLOTS;
    if (env->next_slot + slots > env->bootinfo->empty.end)
        return 0;
    sel4runtime_address_space_spec spec = {env->untyped, seL4_CapInitThreadASIDPool,
                                           env->next_slot, slots, &image, 1};
    sel4runtime_address_space made = {0, 0, 0};
    seL4_Error error = sel4runtime_address_space_create(&spec, &made);
    env->next_slot += made.slots_used;
    return error ? 0 : made.vspace;
}

bool env_partner_space(struct env *env, const struct bench_params *params, seL4_CPtr *vspace)
{
    bool cross = params->address_space && !strcmp(params->address_space, "cross");
    *vspace = cross ? env_address_space(env) : 0;
    return !cross || *vspace;
}
