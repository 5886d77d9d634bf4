/* A kernel in miniature for host tests: a thread with a root CNode, an IPC buffer and an
 * untyped, and `call` to invoke a capability the way the syscall path does. */
#pragma once
#include <api/invocation.h>
#include <sel4/ipc_buffer.h>

#define ROOT_RADIX 8
#define ROOT_GUARD (64 - ROOT_RADIX)
#define UNTYPED_BITS 16
#define SLOT_UNTYPED 1
#define SLOT_ROOT 2

/* Failed invocations (error replies) that changed the root CNode anyway: must stay 0. */
extern int fixture_changed_on_error;
extern struct tcb *thread;
extern seL4_IPCBuffer *buffer;
extern struct cte *root;
extern void *untyped_memory;

struct reply {
    word_t label, length, mr[5];
};

void setup(void);
void teardown(void);
/* Call `cptr` with `label`, the data words `args` and the extra caps `caps`. */
struct reply call(cptr_t cptr, word_t label, const word_t *args, word_t n, const cptr_t *caps,
                  word_t ncaps);
/* Untyped Retype from the untyped at `untyped` into the root CNode. */
struct reply retype_from(cptr_t untyped, word_t type, word_t size, word_t offset, word_t count);
struct reply retype(word_t type, word_t size, word_t offset, word_t count);
/* Run `call(arg)` with the console (stdout) going into `out`, NUL-terminated, at most
 * `size` - 1 bytes of it. */
void console_into(void (*call)(word_t), word_t arg, char *out, size_t size);
