/* How capabilities are derived from one another (seL4's maskCapRights, updateCapData,
 * deriveCap, isCapRevocable): the rules Copy, Mint, Mutate and Rotate follow. */
#pragma once
#include <core/cspace.h>
#include <core/syscall_error.h>

/* `cap` with its rights cut down to `rights` (seL4_CapRights_t, ABI §3.2). */
struct cap cap_mask_rights(struct cap cap, word_t rights);
/* `cap` with new badge or guard data; a null cap where the change is not allowed (a badge
 * on an already badged capability, or any badge when `preserve`, as Mutate asks). */
struct cap cap_update_data(struct cap cap, word_t data, bool preserve);
/* The capability a copy of `cap` (held in `slot`) becomes: null for ones that cannot be
 * copied; RevokeFirst for an untyped that has children. */
struct syscall_error cap_derive(const struct cte *slot, struct cap cap, struct cap *derived);
/* Insert the derived `cap` into `dest` below or beside `src` in the derivation tree. */
void cap_insert_derived(struct cte *src, struct cte *dest, struct cap cap);
