/* Untyped memory: the Retype invocation, the only way objects come to exist after boot. */
#pragma once

struct invocation;
struct syscall_error;

/* Decode and perform an invocation of an untyped capability. */
struct syscall_error untyped_decode(struct invocation *inv);

/* Where the next objects of 2^size_bits bytes would go in an untyped of 2^untyped_bits bytes
 * with `used` bytes taken, and whether `count` of them fit: returns the byte offset of the
 * first, or -1 if they do not fit. (Pure arithmetic, unit-tested on the host.) */
sword_t untyped_place(word_t untyped_bits, word_t used, word_t size_bits, word_t count);
