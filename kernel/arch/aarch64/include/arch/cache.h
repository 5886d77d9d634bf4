/* Cache maintenance on physical ranges, for the frame and VSpace flush invocations and for
 * fresh frames. */
#pragma once
#include <types.h>

enum cache_op {
    CACHE_CLEAN,            /* write dirty lines back to memory (point of coherency) */
    CACHE_INVALIDATE,       /* discard lines, so reads come from memory */
    CACHE_CLEAN_INVALIDATE, /* both */
    CACHE_UNIFY,            /* make written code visible to instruction fetch */
};

/* Apply `op` to every cache line of [start, start + bytes). Ranges outside RAM hold no
 * cached data the kernel can reach and are left alone. */
void cache_maintain(enum cache_op op, paddr_t start, word_t bytes);
/* The operation of a Page_* or VSpace_* flush invocation label. */
enum cache_op cache_op_of_label(word_t label);
