/* What every object type has in common: its size, how it is made, how it is destroyed. The
 * generic types are handled here; arch types (frames, tables, ASID pools) by the arch. */
#pragma once
#include <object/cap.h>

struct cte;

/* log2 bytes of an object of `type` given Retype's size argument; 0 if `type` is unknown. */
word_t object_size_bits(word_t type, word_t user_size);
/* Construct an object of `type` in zeroed memory at `paddr`; the capability to it. */
struct cap object_create(word_t type, paddr_t paddr, word_t user_size, bool device);
/* The slots inside the object a CNode or TCB capability names (their count in *count);
 * NULL for every other capability. */
struct cte *object_slots(struct cap cap, word_t *count);
/* Destroy the object named by the last capability to it (threads blocked on it are woken,
 * mappings removed). The memory is reusable once the untyped it came from is revoked. */
void object_finalise(struct cap cap);
