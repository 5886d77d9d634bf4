/* The root task's initial CSpace (ABI §6.1): the root CNode, the fixed capabilities in slots
 * 1..15, then regions of frame, table, scheduling-control and untyped capabilities, whose
 * extents the boot info records. */
#pragma once
#include <core/boot.h>
#include <sel4/bootinfo_types.h>

#define ROOT_CNODE_SIZE_BITS 12

/* A run of frames the boot mapped for the root task. */
struct frame_run {
    paddr_t paddr;
    vaddr_t vaddr;
    word_t pages;
};

/* Where the boot put the root task's pieces. */
struct root_task_layout {
    paddr_t vspace;
    paddr_t tcb;
    paddr_t sc; /* the root thread's scheduling context, 2^seL4_MinSchedContextBits bytes */
    struct frame_run image, ipc_buffer, bootinfo, extra_bootinfo;
};

/* Make the root CNode and every initial capability, bind the TCB's CSpace, VSpace and IPC
 * buffer slots, and fill the slot regions and untyped list of `bootinfo`. Runs last in boot:
 * all memory still free afterwards becomes untyped. Panics if memory runs out. */
void boot_cspace_create(const struct boot_params *params, const struct root_task_layout *layout,
                        seL4_BootInfo *bootinfo);
