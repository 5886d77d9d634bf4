/*
 * An invocation in flight: the capability invoked, the message that came with it, and the
 * error or result that goes back. Decoders (<object>_decode_<label>) read arguments through
 * these helpers, validate every one, and only then call the operation, which cannot fail.
 */
#pragma once
#include <core/cspace.h>
#include <core/syscall_error.h>
#include <object/tcb.h>
#include <sel4/types.h>

#define INVOCATION_MAX_EXTRA_CAPS 3

struct invocation {
    struct tcb *thread;
    word_t label;
    word_t length;            /* message words available (clamped, buffer-less capped at 4) */
    word_t extra_caps;        /* extra capabilities that looked up */
    struct cte *slot;         /* the invoked capability's slot */
    struct cap cap;           /* the invoked capability */
    word_t *buffer;           /* the thread's IPC buffer as the kernel sees it, or NULL */
    word_t *reply_buffer;     /* the same, if the kernel may write replies there; or NULL */
    bool is_call;             /* a reply goes back (Call), else results are dropped (Send) */
    bool is_blocking;         /* Send and Call (an endpoint send waits for its receiver) */
    bool can_donate;          /* Call and phase-1 sends (sel4-abi.md §12.5 r1-2) */
    bool sent_ipc;            /* an endpoint took the message, or the reply comes later
                                 (SchedContext_YieldTo): no kernel reply is written now */
    word_t reply_length;      /* result words of a successful Call */
    struct cte *extra[INVOCATION_MAX_EXTRA_CAPS];
};

/* FailedLookup with the lookup's detail words (count depends on the failure type). */
struct syscall_error error_failed_lookup(bool source, const struct lookup_fault *fault);

/* Message word i of the invocation (MR0-3 from registers, the rest from the IPC buffer).
 * Callers check inv->length first; decoders read through invocation_read_args instead.
 * Inline, so that a decoder keeps the words it reads in registers. */
static inline word_t invocation_arg(const struct invocation *inv, word_t i)
{
    static const enum user_reg message_regs[] = {REG_MR0, REG_MR1, REG_MR2, REG_MR3};
    if (i < ARRAY_SIZE(message_regs))
        return arch_user_reg_get(&inv->thread->context, message_regs[i]);
    return inv->buffer[1 + i]; /* msg[i]: word 0 of the buffer is the tag */
}
/* A decoder's one read of its message words: fill `args`, a struct of word_t fields named
 * after the ABI sheet's parameters in its order (sel4-abi.md §5.6), from the message's first
 * words. False, with `args` untouched, unless the message brought them all: the decoder
 * then answers TruncatedMessage. */
#define invocation_read_args(inv, args) invocation_read_words((inv), (args), sizeof(*(args)), 0)
/* The same for an invocation that also needs `caps` extra capabilities: false when they did
 * not come either. */
#define invocation_read_args_and_caps(inv, args, caps) \
    invocation_read_words((inv), (args), sizeof(*(args)), (caps))
/* Inline and unrolled, so that the decoder gets each word straight from its register or the
 * buffer, as if it had read it by number. */
static inline bool invocation_read_words(const struct invocation *inv, void *args, word_t size,
                                         word_t caps)
{
    word_t count = size / sizeof(word_t);
    if (inv->length < count || inv->extra_caps < caps)
        return false;
#pragma GCC unroll 8
    for (word_t i = 0; i < count; i++) {
        word_t word = invocation_arg(inv, i);
        /* The builtin stays a single store in a -fno-builtin kernel. */
        __builtin_memcpy((char *)args + i * sizeof(word_t), &word, sizeof(word_t));
    }
    return true;
}
/* Put result word i of the reply (before invocation_reply_length()); nothing for a Send. */
void invocation_set_result(struct invocation *inv, word_t i, word_t value);
/* The reply carries `length` result words and label 0. */
void invocation_reply_length(struct invocation *inv, word_t length);
/* Look up `depth` bits of `cptr` from the CNode cap `root` for a CNode operation; on failure
 * *error is the ABI's FailedLookup (source says which side failed). */
struct cte *invocation_lookup_slot(struct cap root, cptr_t cptr, word_t depth, bool source,
                                   struct syscall_error *error);
/* The same for the destination of a new capability: the slot must also be empty, else
 * DeleteFirst. On success *error is no error. */
struct cte *invocation_lookup_empty_slot(struct cap root, cptr_t cptr, word_t depth,
                                         struct syscall_error *error);

/* Read the invocation `thread`'s registers and IPC buffer describe. False when the invoked
 * capability or an extra one did not look up: *failed is its cptr, *fault says why. */
bool invocation_read(struct invocation *inv, struct tcb *thread, struct lookup_fault *fault,
                     cptr_t *failed);
/* The same, invoking the capability at `cptr` rather than the cap register's. */
bool invocation_read_cap(struct invocation *inv, struct tcb *thread, cptr_t cptr,
                         struct lookup_fault *fault, cptr_t *failed);
/* Decode and perform `inv` (inv->is_blocking and inv->can_donate set by the syscall); for a
 * Call to anything but an endpoint, write the reply into the caller's registers. A
 * capability that lacks the right its invocation needs is an error reply (InvalidCapability
 * 0), never a fault: only a failed lookup is a CapFault (ABI §11 row 1). */
void invocation_perform(struct invocation *inv, bool is_call);
