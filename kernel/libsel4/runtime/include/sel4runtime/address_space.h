/*
 * A second address space for a root task: a new VSpace root with an ASID, the page-table
 * levels it needs, and copies of given frame capabilities mapped at given virtual addresses.
 * Mapping the root task's own image frames at their own addresses (sel4runtime_image_frames)
 * gives a VSpace in which a thread runs the same code as the root task with page tables of its
 * own. The copies map the *same* physical frames: globals such a thread writes are the root
 * task's globals too (shared memory, by design), and each thread still needs a stack of its
 * own. Only the page tables, the ASID and the TLB entries differ.
 *
 * The generic part (runtime/address_space.c) copies, retypes and retries; the arch parts
 * (arch/<arch>/address_space.c) name the object types and the Map and Assign invocations.
 */
#pragma once
#include <sel4/sel4.h>

/* `count` frame capabilities in consecutive slots of the root CNode from `first`, each one 4 KiB
 * page, to be mapped at consecutive pages from `vaddr` (page-aligned). */
typedef struct {
    seL4_CPtr first;
    seL4_Word count;
    seL4_Word vaddr;
} sel4runtime_frame_run;

/* What the caller supplies. Every slot is in the calling root task's CNode
 * (seL4_CapInitThreadCNode, resolved at depth seL4_WordBits). */
typedef struct {
    /* A RAM untyped the VSpace root and each page table are retyped from: 4 KiB each; a
     * contiguous image of up to 2 MiB needs the root and 2 (riscv64) or 3 (aarch64, x86_64)
     * tables. */
    seL4_CPtr untyped;
    /* The ASID pool to assign the VSpace from (seL4_CapInitThreadASIDPool, or one made with
     * ASIDControl MakePool). */
    seL4_CPtr asid_pool;
    /* Empty slots first_slot .. first_slot + slot_count - 1: one for the VSpace root, one per
     * page table, one per frame copied. */
    seL4_CPtr first_slot;
    seL4_Word slot_count;
    /* The frames to map, read-write and executable. The caller's caps stay as they are (and
     * may be mapped elsewhere): each page is mapped through a copy in one of the slots. */
    const sel4runtime_frame_run *runs;
    seL4_Word run_count;
} sel4runtime_address_space_spec;

/* What was made. */
typedef struct {
    seL4_CPtr vspace;     /* the VSpace root's cap (for TCB_Configure or TCB_SetSpace) */
    seL4_Word slots_used; /* slots taken from first_slot, on success and on failure alike */
    seL4_Word tables;     /* page tables made (not counting the root) */
} sel4runtime_address_space;

/*
 * Make the address space `spec` describes. Returns seL4_NoError, or the error of the first
 * invocation that failed (seL4_NotEnoughMemory also when the slots run out); then `made`
 * tells which slots hold what was made so far (the caller may delete them or revoke the
 * untyped), and `made->vspace` is 0 if the root itself could not be made. Uses the calling
 * thread's IPC buffer, as every invocation with more than four words does.
 */
seL4_Error sel4runtime_address_space_create(const sel4runtime_address_space_spec *spec,
                                            sel4runtime_address_space *made);

/* The object type of a 4 KiB frame on this arch (for a frame of the new address space's own,
 * such as an IPC buffer of its own at the root task's IPC buffer address). */
seL4_Word sel4runtime_page_type(void);

/* The root task's image frames (bootinfo->userImageFrames) as a run at their own addresses:
 * the image lies just below the IPC buffer, as the kernel maps it (ABI §6.1). */
sel4runtime_frame_run sel4runtime_image_frames(const seL4_BootInfo *bootinfo);
