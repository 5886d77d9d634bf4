/*
 * Frames and the mapping records of paging objects, the same on every arch: seL4's tags make
 * a frame capability type 1 everywhere, and each arch's frames come in 4 KiB, 2 MiB and
 * 1 GiB. object/frame.c decodes Map, Unmap and GetAddress in the arch's seL4 check order and
 * leaves the page-table entry itself to the arch_frame_* hooks of arch.h.
 *
 *   word 0 (frame)          size 49..48 (enum frame_size), VM rights 51..50, device 52
 *   word 0 (paging object)  mapped 48 (for a VSpace root: assigned an ASID)
 *   word 1 (both)           ASID 63..48 (0: not mapped), virtual address 47..0
 */
#pragma once
#include <object/cap.h>

struct invocation;
struct syscall_error;

#define CAP_MAPPING_ASID_SHIFT 48
_Static_assert(CAP_MAPPING_ASID_SHIFT >= CAP_PADDR_BITS, "word 1: the ASID above a vaddr");

/* Word 1 of frames and paging objects: where the object is mapped. */
static inline word_t cap_mapped_asid(struct cap cap)
{
    return cap.words[1] >> CAP_MAPPING_ASID_SHIFT;
}

static inline vaddr_t cap_mapped_vaddr(struct cap cap)
{
    return cap.words[1] & MASK(CAP_MAPPING_ASID_SHIFT);
}

static inline struct cap cap_with_mapping(struct cap cap, word_t asid, vaddr_t vaddr)
{
    cap.words[1] = (asid << CAP_MAPPING_ASID_SHIFT) | (vaddr & MASK(CAP_MAPPING_ASID_SHIFT));
    return cap;
}

/* Page tables of every level and VSpace roots: a mapped (assigned) bit beside word 1. */
static inline struct cap cap_table(word_t type, paddr_t table)
{
    return cap_make(type, table, 0);
}

static inline bool cap_table_is_mapped(struct cap cap)
{
    return cap_field(cap, 48, 1);
}

static inline struct cap cap_table_mapped(struct cap cap, word_t asid, vaddr_t vaddr)
{
    return cap_with_mapping(cap_with_field(cap, 48, 1, 1), asid, vaddr);
}

static inline struct cap cap_table_unmapped(struct cap cap)
{
    return cap_with_mapping(cap_with_field(cap, 48, 1, 0), 0, 0);
}

enum frame_size {
    FRAME_4K = 0,
    FRAME_2M = 1,
    FRAME_1G = 2,
};

/* seL4's vm_rights numbers. */
enum vm_rights {
    VM_RIGHTS_KERNEL_ONLY = 1,
    VM_RIGHTS_READ_ONLY = 2,
    VM_RIGHTS_READ_WRITE = 3,
};

/* log2 bytes of a frame of `size`: a 4 KiB page, or a block one or two table levels up. */
static inline word_t frame_size_bits(enum frame_size size)
{
    return PAGE_BITS + 9 * (word_t)size;
}

static inline struct cap cap_frame(paddr_t base, enum frame_size size, enum vm_rights rights,
                                   bool device)
{
    struct cap cap = cap_with_field(cap_make(CAP_FRAME, base, 0), 48, 2, size);
    return cap_with_field(cap_with_field(cap, 50, 2, rights), 52, 1, device);
}

static inline enum frame_size cap_frame_size(struct cap cap)
{
    return (enum frame_size)cap_field(cap, 48, 2);
}

static inline word_t cap_frame_size_bits(struct cap cap)
{
    return frame_size_bits(cap_frame_size(cap));
}

static inline enum vm_rights cap_frame_rights(struct cap cap)
{
    return (enum vm_rights)cap_field(cap, 50, 2);
}

static inline struct cap cap_frame_with_rights(struct cap cap, enum vm_rights rights)
{
    return cap_with_field(cap, 50, 2, rights);
}

static inline bool cap_frame_is_device(struct cap cap)
{
    return cap_field(cap, 52, 1);
}

/* seL4's maskVMRights: read is needed to keep any user access, write too for read-write. */
static inline enum vm_rights vm_rights_mask(enum vm_rights rights, word_t cap_rights)
{
    if (!(cap_rights & CAP_RIGHT_READ) || rights == VM_RIGHTS_KERNEL_ONLY)
        return VM_RIGHTS_KERNEL_ONLY;
    if (rights == VM_RIGHTS_READ_WRITE && (cap_rights & CAP_RIGHT_WRITE))
        return VM_RIGHTS_READ_WRITE;
    return VM_RIGHTS_READ_ONLY;
}

/* The checks of a frame Map after the VSpace capability's own, in the order seL4 makes them
 * on each arch (arch/mmu.h: ARCH_FRAME_MAP_CHECKS). */
enum frame_map_check {
    FRAME_CHECK_ASID,      /* the VSpace's ASID still names it: FailedLookup, InvalidCapability 1 */
    FRAME_CHECK_ALIGNMENT, /* vaddr aligned to the frame: AlignmentError */
    FRAME_CHECK_RANGE,     /* the frame ends at or below ARCH_FRAME_MAP_END: InvalidArgument 0 */
    FRAME_CHECK_REMAP,     /* a mapped frame only where it is mapped: InvalidCapability 1,
                            * InvalidArgument 0 */
    FRAME_CHECK_TARGET,    /* REMAP for a mapped frame, RANGE for an unmapped one */
    FRAME_CHECK_SLOT,      /* the entry at the frame's level (arch_frame_lookup_slot) */
};

/* A frame Map in decoding: filled in by the checks, then performed by arch_frame_map. */
struct frame_map {
    struct cap frame;
    vaddr_t vaddr;
    enum vm_rights rights; /* already masked by the capability rights of the call */
    word_t attributes;     /* the arch's seL4_*_VMAttributes word */
    paddr_t root;
    word_t asid;
    void *slot; /* the arch's page-table entry, found by arch_frame_lookup_slot */
};

/* A frame capability to RAM (not device memory, which the kernel never touches for a
 * thread): its base and log2 size, and true. */
bool cap_frame_ram(struct cap cap, paddr_t *base, word_t *size_bits);
/* True when the frame's VM rights let the kernel use it as an IPC buffer: read-write, or
 * read-only when the kernel only reads it (seL4's lookupIPCBuffer). */
bool cap_frame_ipc_access(struct cap cap, bool writing);
/* Decode and perform an invocation of a frame capability. */
struct syscall_error frame_decode(struct invocation *inv);
/* Remove the mapping the frame capability `cap` records, if the tables still hold it. */
void frame_unmap(struct cap cap);
