/* The host tests' miniature kernel: see fixture.h. */
#include "fixture.h"
#include "arch/fake_arch.h"
#include <core/scheduler.h>
#include <object/frame.h>
#include <sel4/invocation_labels.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fixture_changed_on_error;
struct tcb *thread;
seL4_IPCBuffer *buffer;
struct cte *root;
void *untyped_memory;

static void *zeroed(size_t align, size_t bytes)
{
    void *p = aligned_alloc(align, bytes);
    memset(p, 0, bytes);
    return p;
}

void setup(void)
{
    scheduler_init();
    thread = zeroed(2048, 2048);
    buffer = zeroed(4096, 4096);
    root = zeroed(4096, sizeof(struct cte) << ROOT_RADIX);
    untyped_memory = zeroed(1 << UNTYPED_BITS, 1 << UNTYPED_BITS);
    struct cap root_cap = cap_cnode((paddr_t)root, ROOT_RADIX, ROOT_GUARD, 0);
    cspace_insert_child(NULL, &root[SLOT_ROOT], root_cap, true);
    cspace_insert_child(&root[SLOT_ROOT], &thread->slots[TCB_CTABLE], root_cap, false);
    thread->slots[TCB_BUFFER].cap = cap_frame((paddr_t)buffer, FRAME_4K, VM_RIGHTS_READ_WRITE, false);
    thread->ipc_buffer = 0x10000;
    cspace_insert_child(NULL, &root[SLOT_UNTYPED],
                        cap_untyped((paddr_t)untyped_memory, UNTYPED_BITS, false), true);
}

void teardown(void)
{
    free(untyped_memory);
    free(root);
    free(buffer);
    free(thread);
}

struct reply call(cptr_t cptr, word_t label, const word_t *args, word_t n,
                         const cptr_t *caps, word_t ncaps)
{
    static const enum user_reg mrs[] = {REG_MR0, REG_MR1, REG_MR2, REG_MR3};
    struct arch_context *c = &thread->context;
    arch_user_reg_set(c, REG_CAP, cptr);
    arch_user_reg_set(c, REG_MSGINFO, (label << 12) | (ncaps << 7) | n);
    for (word_t i = 0; i < n; i++) {
        if (i < 4)
            arch_user_reg_set(c, mrs[i], args[i]);
        else
            buffer->msg[i] = args[i];
    }
    for (word_t i = 0; i < ncaps; i++)
        buffer->caps_or_badges[i] = caps[i];
    struct invocation inv;
    struct lookup_fault fault;
    cptr_t failed;
    struct reply r = {0};
    if (!invocation_read(&inv, thread, &fault, &failed)) {
        r.label = 0xdead;
        return r;
    }
    static struct cte before[1 << ROOT_RADIX];
    memcpy(before, root, sizeof(before));
    invocation_perform(&inv, true);
    word_t info = arch_user_reg_get(c, REG_MSGINFO);
    r.label = info >> 12;
    /* An invocation that failed must leave the CSpace exactly as it was. */
    if (r.label != seL4_NoError && memcmp(before, root, sizeof(before))) {
        fixture_changed_on_error++;
        fprintf(stderr, "fixture: invocation %lu of cptr %lu failed with %lu but changed the "
                        "CSpace\n", label, cptr, r.label);
    }
    r.length = info & 0x7f;
    for (word_t i = 0; i < 5; i++)
        r.mr[i] = i < 4 ? arch_user_reg_get(c, mrs[i]) : buffer->msg[i];
    return r;
}

struct reply retype_from(cptr_t untyped, word_t type, word_t size, word_t offset,
                                word_t count)
{
    word_t args[] = {type, size, 0, 0, offset, count};
    cptr_t caps[] = {SLOT_ROOT};
    return call(untyped, UntypedRetype, args, 6, caps, 1);
}

struct reply retype(word_t type, word_t size, word_t offset, word_t count)
{
    return retype_from(SLOT_UNTYPED, type, size, offset, count);
}


void console_into(void (*call)(word_t), word_t arg, char *out, size_t size)
{
    fflush(stdout);
    FILE *capture = tmpfile();
    int console = dup(STDOUT_FILENO);
    dup2(fileno(capture), STDOUT_FILENO);
    call(arg);
    fflush(stdout);
    dup2(console, STDOUT_FILENO);
    close(console);
    rewind(capture);
    size_t length = fread(out, 1, size - 1, capture);
    out[length] = 0;
    fclose(capture);
}
