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

static inline struct syscall_error error_none(void)
{
    return (struct syscall_error){seL4_NoError, 0, {0}};
}

static inline struct syscall_error error_plain(seL4_Error type)
{
    return (struct syscall_error){type, 0, {0}};
}

static inline struct syscall_error error_invalid_argument(word_t index)
{
    return (struct syscall_error){seL4_InvalidArgument, 1, {index}};
}

static inline struct syscall_error error_invalid_capability(word_t index)
{
    return (struct syscall_error){seL4_InvalidCapability, 1, {index}};
}

static inline struct syscall_error error_range(word_t min, word_t max)
{
    return (struct syscall_error){seL4_RangeError, 2, {min, max}};
}

static inline struct syscall_error error_not_enough_memory(word_t bytes_left)
{
    return (struct syscall_error){seL4_NotEnoughMemory, 1, {bytes_left}};
}

static inline bool error_is_none(struct syscall_error error)
{
    return error.type == seL4_NoError;
}
