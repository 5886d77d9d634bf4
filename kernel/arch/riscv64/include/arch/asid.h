/* ASIDs: the kernel's table of up to 128 ASID pools, each a page of 512 VSpace roots. An
 * ASID names a VSpace root for as long as its pool entry holds it; capabilities to frames and
 * tables record the ASID they were mapped under and look it up again before every use.
 * Arch-private. */
#pragma once
#include <api/invocation.h>

#define ASID_LOW_BITS 9  /* index into a pool */
#define ASID_HIGH_BITS 7 /* index of the pool */

/* The VSpace root that `asid` names now, or 0 if none. */
paddr_t asid_find_vspace(word_t asid);
/* Forget `asid` if it still names `root` (the root's last capability is going). */
void asid_delete(word_t asid, paddr_t root);
/* Forget the pool at `pool` if it still serves the ASIDs from `base` (its last capability is
 * going): every address space in it loses its ASID. */
void asid_pool_delete(word_t base, paddr_t pool);
/* Boot: the first pool at `pool` (a zeroed page), with `root` assigned `asid`; its cap. */
struct cap asid_boot_pool(paddr_t pool, paddr_t root, word_t asid);

/* Decode and perform invocations of ASID control and ASID pool capabilities. */
struct syscall_error asid_control_decode(struct invocation *inv);
struct syscall_error asid_pool_decode(struct invocation *inv);
