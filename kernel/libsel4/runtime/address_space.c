/* A second address space for a root task (sel4runtime/address_space.h): retype the VSpace
 * root, assign its ASID, then map a copy of each frame, making the page table a Map reports
 * missing and trying again. The arch's object types and invocations are in
 * arch/<arch>/address_space.c, behind address_space_arch.h. */
#include <sel4runtime/address_space.h>
#include "address_space_arch.h"

#define ROOT seL4_CapInitThreadCNode
#define PAGE_BYTES 4096ul
/* More page tables than any arch's lookup can miss for one page (x86_64 misses 3 at most). */
#define MAX_MISSING_LEVELS 4

struct builder {
    const sel4runtime_address_space_spec *spec;
    sel4runtime_address_space *made;
};

/* The next free slot into *slot; seL4_NotEnoughMemory when the caller's slots are used up. */
static seL4_Error take_slot(struct builder *b, seL4_CPtr *slot)
{
    if (b->made->slots_used >= b->spec->slot_count)
        return seL4_NotEnoughMemory;
    *slot = b->spec->first_slot + b->made->slots_used++;
    return seL4_NoError;
}

/* One object of a fixed-size `type` from the caller's untyped, into a new slot. */
static seL4_Error retype(struct builder *b, seL4_Word type, seL4_CPtr *object)
{
    seL4_Error error = take_slot(b, object);
    return error ? error
                 : seL4_Untyped_Retype(b->spec->untyped, type, 0, ROOT, 0, 0, *object, 1);
}

/* Make and map the page table that a Map at `vaddr` found missing, with `bits_left` bits of
 * the address still to resolve. */
static seL4_Error add_table(struct builder *b, seL4_Word vaddr, seL4_Word bits_left)
{
    seL4_Word type = sel4runtime_arch_table_type(bits_left);
    seL4_CPtr table;
    seL4_Error error = retype(b, type, &table);
    if (error)
        return error;
    b->made->tables++;
    return sel4runtime_arch_map_table(type, table, b->made->vspace, vaddr);
}

/* Map `frame` (a copy the builder owns) at `vaddr`, adding page tables as the lookup misses
 * them (a FailedLookup says how many address bits it had left, in message register 2). */
static seL4_Error map_frame(struct builder *b, seL4_CPtr frame, seL4_Word vaddr)
{
    for (int missing = 0;; missing++) {
        seL4_Error error = sel4runtime_arch_map_frame(frame, b->made->vspace, vaddr);
        if (error != seL4_FailedLookup || missing == MAX_MISSING_LEVELS)
            return error;
        error = add_table(b, vaddr, seL4_GetMR(2));
        if (error)
            return error;
    }
}

/* Copy each frame of `run` into a new slot and map the copy at its address. */
static seL4_Error map_run(struct builder *b, const sel4runtime_frame_run *run)
{
    for (seL4_Word i = 0; i < run->count; i++) {
        seL4_CPtr copy;
        seL4_Error error = take_slot(b, &copy);
        if (!error)
            error = seL4_CNode_Copy(ROOT, copy, seL4_WordBits, ROOT, run->first + i,
                                    seL4_WordBits, seL4_AllRights);
        if (!error)
            error = map_frame(b, copy, run->vaddr + i * PAGE_BYTES);
        if (error)
            return error;
    }
    return seL4_NoError;
}

seL4_Error sel4runtime_address_space_create(const sel4runtime_address_space_spec *spec,
                                            sel4runtime_address_space *made)
{
    struct builder b = {spec, made};
    seL4_CPtr vspace;
    *made = (sel4runtime_address_space){0, 0, 0};
    seL4_Error error = retype(&b, sel4runtime_arch_vspace_type(), &vspace);
    if (error)
        return error;
    made->vspace = vspace;
    error = sel4runtime_arch_assign_asid(spec->asid_pool, vspace);
    for (seL4_Word i = 0; i < spec->run_count && !error; i++)
        error = map_run(&b, &spec->runs[i]);
    return error;
}

sel4runtime_frame_run sel4runtime_image_frames(const seL4_BootInfo *bootinfo)
{
    seL4_SlotRegion image = bootinfo->userImageFrames;
    seL4_Word count = image.end - image.start;
    return (sel4runtime_frame_run){image.start, count,
                                   (seL4_Word)bootinfo->ipcBuffer - count * PAGE_BYTES};
}
