/*
 * The x86_64 objects behind the arch capabilities, one file each: frames (frame.c), the
 * paging structures (page_table.c), ASID control and pools (asid.c), I/O ports (io_port.c).
 * object.c dispatches to them; these are the entry points it uses.
 */
#pragma once
#include <api/invocation.h>
#include <arch/cap.h>

/* ASIDs as in seL4 x86_64: 8 pools of 512 (the boot pool is pool 0, ASID 0 is never used),
 * even without PCID: they name address spaces for mappings to be checked against. */
#define ASID_LOW_BITS 9
#define ASID_POOLS BIT(ASID_BITS - ASID_LOW_BITS)
#define ASID_INVALID 0
#define BOOT_ASID 1

/* The PML4 holding `asid`, or 0 when the ASID is not assigned (or its pool is gone). */
paddr_t asid_find_vspace(word_t asid);
/* True for a PML4 capability that has an ASID (seL4's isValidNativeRoot). */
bool asid_is_valid_root(struct cap cap);
/* The VSpace an invocation names in its extra capability 0 (seL4 checks this first): its
 * PML4 and ASID, or InvalidCapability 1 unless it is a PML4 with an ASID. */
struct syscall_error asid_vspace_argument(const struct invocation *inv, paddr_t *root,
                                          word_t *asid);
/* The check seL4 makes after the address range: FailedLookup (invalid root) if `asid` no
 * longer resolves, InvalidCapability 1 if it resolves to another PML4 than `root`. */
struct syscall_error asid_check_vspace(paddr_t root, word_t asid);
/* ASIDControl and ASIDPool invocations. */
struct syscall_error asid_control_decode(struct invocation *inv);
struct syscall_error asid_pool_decode(struct invocation *inv);
/* The last capability to a PML4 (its ASID is freed) or to a pool (its ASIDs are) is going. */
void asid_finalise_vspace(struct cap cap);
void asid_finalise_pool(struct cap cap);
/* Boot: pool 0 from boot memory with `vspace` at BOOT_ASID; its capability. */
struct cap asid_boot_pool(paddr_t vspace);

/* Frames: Map, Unmap, GetAddress; unmapping when a mapped frame capability goes. */
struct syscall_error frame_decode(struct invocation *inv);
void frame_unmap(struct cap cap);

/* Page tables, page directories, PDPTs: Map and Unmap; unmapping when the last cap goes. */
struct syscall_error page_table_decode(struct invocation *inv);
void page_table_unmap(struct cap cap);

/* I/O ports: IOPortControl Issue and IOPort In/Out; freeing a range when its last cap goes. */
struct syscall_error io_port_control_decode(struct invocation *inv);
struct syscall_error io_port_decode(struct invocation *inv);
void io_port_finalise(struct cap cap);
/* Boot: reserve the ports the kernel drives itself, so they are never issued. */
void io_port_reserve_kernel(void);
