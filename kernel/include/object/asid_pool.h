/*
 * ASID control and ASID pools (seL4 manual §7.2), the same object on every arch: the kernel's
 * table of up to BIT(ARCH_ASID_HIGH_BITS) pools, each a 4 KiB object of 512 VSpace roots. An
 * ASID names a VSpace root while its pool entry holds it; capabilities to frames and tables
 * record the ASID they were mapped under and look it up again before every use. No arch hands
 * these ASIDs to the hardware: they name address spaces for capabilities to be checked against.
 */
#pragma once
#include <arch.h>

struct invocation;
struct syscall_error;

#define ASID_LOW_BITS 9 /* index into a pool */
#define ASID_POOL_ENTRIES BIT(ASID_LOW_BITS)
#define ASID_POOLS BIT(ARCH_ASID_HIGH_BITS)
#define ASID_INVALID 0 /* never handed out: "not mapped" in a capability */
#define ASID_BOOT 1    /* the root task's VSpace: the first ASID of the boot pool */

/* ASID control: no fields. ASID pool: the pool object, its first ASID in word 1. */
static inline struct cap cap_asid_control(void)
{
    return cap_make(CAP_ASID_CONTROL, 0, 0);
}

static inline struct cap cap_asid_pool(paddr_t pool, word_t asid_base)
{
    return cap_make(CAP_ASID_POOL, pool, asid_base);
}

static inline word_t cap_asid_pool_base(struct cap cap)
{
    return cap.words[1];
}

/* The VSpace root `asid` names now, or 0 if none. */
paddr_t asid_find_vspace(word_t asid);
/* The check seL4 makes of a VSpace capability's ASID (findVSpaceForASID): FailedLookup
 * (invalid root) if `asid` names nothing, InvalidCapability `cap_index` if it names another
 * root than `root`. */
struct syscall_error asid_check_vspace(paddr_t root, word_t asid, word_t cap_index);

/* Decode and perform invocations of ASID control and ASID pool capabilities. */
struct syscall_error asid_control_decode(struct invocation *inv);
struct syscall_error asid_pool_decode(struct invocation *inv);
/* The last capability to an assigned VSpace root is going: its ASID is freed. */
void asid_finalise_vspace(struct cap cap);
/* The last capability to a pool is going: every VSpace in it loses its ASID. */
void asid_finalise_pool(struct cap cap);
/* Boot: the pool at `pool` (a zeroed page) as pool 0, with `root` at ASID_BOOT; its cap. */
struct cap asid_boot_pool(paddr_t pool, paddr_t root);
