/*
 * The error an invocation returns (ABI §3.6) and its constructors: a value type with no
 * behaviour, so that core/, object/ and arch/ code can return it without depending on the
 * invocation machinery in api/.
 */
#pragma once
#include <sel4/errors.h>
#include <types.h>

/* An error reply (ABI §3.6): the error is the reply's label, `words` its detail MRs. */
struct syscall_error {
    seL4_Error type;
    word_t count;
    word_t words[5];
};

/* `type` with `count` detail words still to be written. The words past `count` are never
 * read, so they are left as they are: zeroing all five on every invocation's return costs
 * more than the invocation's own work on the IPC paths. */
static inline struct syscall_error error_with_count(seL4_Error type, word_t count)
{
    struct syscall_error error;
    error.type = type;
    error.count = count;
    return error;
}

static inline struct syscall_error error_plain(seL4_Error type)
{
    return error_with_count(type, 0);
}

static inline struct syscall_error error_none(void)
{
    return error_plain(seL4_NoError);
}

static inline struct syscall_error error_invalid_argument(word_t index)
{
    struct syscall_error error = error_with_count(seL4_InvalidArgument, 1);
    error.words[0] = index;
    return error;
}

static inline struct syscall_error error_invalid_capability(word_t index)
{
    struct syscall_error error = error_with_count(seL4_InvalidCapability, 1);
    error.words[0] = index;
    return error;
}

static inline struct syscall_error error_range(word_t min, word_t max)
{
    struct syscall_error error = error_with_count(seL4_RangeError, 2);
    error.words[0] = min;
    error.words[1] = max;
    return error;
}

static inline struct syscall_error error_not_enough_memory(word_t bytes_left)
{
    struct syscall_error error = error_with_count(seL4_NotEnoughMemory, 1);
    error.words[0] = bytes_left;
    return error;
}

static inline bool error_is_none(struct syscall_error error)
{
    return error.type == seL4_NoError;
}
