/* ASIDs: the 16-bit names under which VSpaces are known, handed out by ASID pools. The ASID
 * table has one entry per pool (the high 7 bits of an ASID); a pool object maps the low 9
 * bits to VSpace roots. ASID 0 is never handed out: caps use it for "not mapped". The
 * hardware does not see these ASIDs (vspace.c flushes the TLB on every switch instead). */
#pragma once
#include <types.h>

#define ASID_LOW_BITS 9
#define ASID_HIGH_BITS 7
#define ASID_POOL_ENTRIES BIT(ASID_LOW_BITS)
#define ASID_POOLS BIT(ASID_HIGH_BITS)
/* The root task's VSpace: the first ASID of the boot pool. */
#define ASID_BOOT 1

/* The VSpace root `asid` names; 0 if none. */
paddr_t asid_find_vspace(word_t asid);
/* The pool object installed for `asid`'s high bits; 0 if none. */
paddr_t asid_find_pool(word_t asid);
/* The first ASID base with no pool installed; false when all pools are in use. */
bool asid_free_pool_base(word_t *base);
/* Install the zeroed 4 KiB pool object at `pool` for ASIDs [base, base + 512). */
void asid_pool_install(word_t base, paddr_t pool);
/* The first free ASID of the pool at `pool` (never ASID 0); false when the pool is full. */
bool asid_pool_free_asid(paddr_t pool, word_t base, word_t *asid);
/* Make `asid` name the VSpace root `vspace` (the ASID is free). */
void asid_assign(word_t asid, paddr_t vspace);
/* Forget `asid` if it still names `vspace` (its VSpace capability is gone). */
void asid_delete(word_t asid, paddr_t vspace);
/* Remove the pool for `base` if it is still `pool`: every VSpace in it loses its ASID. */
void asid_pool_delete(word_t base, paddr_t pool);
