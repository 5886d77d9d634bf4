/*
 * aarch64 capabilities (object/cap.h: type in bits 63..59, object in 47..0 of word 0). The
 * type numbers are seL4's own tags, so DebugCapIdentify answers as upstream does. A mapped
 * frame or page table, and an assigned VSpace, carry their ASID in word 1 (ASID 0 = none);
 * frames and page tables also carry the virtual address they are mapped at.
 *
 *   frame        word 0: size bits 53..48, VM rights 55..54, device 56
 *                word 1: ASID 63..48, mapped vaddr 47..0
 *   page table   word 0: mapped 48             word 1: ASID 63..48, vaddr 47..0
 *   VSpace       word 0: assigned 48           word 1: ASID 63..48
 *   ASID control (no fields)
 *   ASID pool    word 0: pool object           word 1: first ASID of the pool
 *   SGI signal   word 1: SGI 7..0, target CPU interface 15..8 (no object)
 */
#pragma once
#include <object/cap.h>

enum arch_cap_type {
    CAP_FRAME = 1,
    CAP_PAGE_TABLE = 3,
    CAP_VSPACE = 9,
    CAP_ASID_CONTROL = 11,
    CAP_ASID_POOL = 13,
    CAP_SGI_SIGNAL = 27,
};

/* VM rights of a frame capability, numbered as seL4's vm_rights. */
#define VM_RIGHTS_KERNEL_ONLY 1
#define VM_RIGHTS_READ_ONLY 2
#define VM_RIGHTS_READ_WRITE 3

#define CAP_ASID_SHIFT 48
#define CAP_VADDR_BITS 48

#define FRAME_SIZE_SHIFT 48
#define FRAME_RIGHTS_SHIFT 54
#define FRAME_DEVICE_SHIFT 56
#define TABLE_MAPPED_SHIFT 48
_Static_assert(FRAME_DEVICE_SHIFT < CAP_TYPE_SHIFT, "frame fields stay below the type");
_Static_assert(FRAME_SIZE_SHIFT >= CAP_PADDR_BITS, "frame fields stay above the object");

/* Word 1 of mapped frames, page tables and VSpaces: ASID and virtual address. */
static inline word_t cap_mapping_word(word_t asid, vaddr_t vaddr)
{
    return (asid << CAP_ASID_SHIFT) | (vaddr & MASK(CAP_VADDR_BITS));
}

static inline word_t cap_mapped_asid(struct cap cap)
{
    return cap.words[1] >> CAP_ASID_SHIFT;
}

static inline vaddr_t cap_mapped_vaddr(struct cap cap)
{
    return cap.words[1] & MASK(CAP_VADDR_BITS);
}

static inline struct cap cap_with_mapping(struct cap cap, word_t asid, vaddr_t vaddr)
{
    cap.words[1] = cap_mapping_word(asid, vaddr);
    return cap;
}

/* Frames. */
static inline struct cap cap_frame(paddr_t base, word_t size_bits, word_t vm_rights,
                                   bool device)
{
    struct cap cap = cap_make(CAP_FRAME, base, 0);
    cap = cap_with_field(cap, FRAME_SIZE_SHIFT, 6, size_bits);
    cap = cap_with_field(cap, FRAME_RIGHTS_SHIFT, 2, vm_rights);
    return cap_with_field(cap, FRAME_DEVICE_SHIFT, 1, device);
}

static inline word_t cap_frame_size_bits(struct cap cap)
{
    return cap_field(cap, FRAME_SIZE_SHIFT, 6);
}

static inline word_t cap_frame_vm_rights(struct cap cap)
{
    return cap_field(cap, FRAME_RIGHTS_SHIFT, 2);
}

static inline struct cap cap_frame_with_vm_rights(struct cap cap, word_t vm_rights)
{
    return cap_with_field(cap, FRAME_RIGHTS_SHIFT, 2, vm_rights);
}

static inline bool cap_frame_is_device(struct cap cap)
{
    return cap_field(cap, FRAME_DEVICE_SHIFT, 1);
}

static inline bool cap_frame_is_mapped(struct cap cap)
{
    return cap_mapped_asid(cap) != 0;
}

/* Page tables (every level below the VSpace root). */
static inline struct cap cap_page_table(paddr_t table)
{
    return cap_make(CAP_PAGE_TABLE, table, 0);
}

static inline bool cap_page_table_is_mapped(struct cap cap)
{
    return cap_field(cap, TABLE_MAPPED_SHIFT, 1);
}

static inline struct cap cap_page_table_mapped(struct cap cap, word_t asid, vaddr_t vaddr)
{
    return cap_with_mapping(cap_with_field(cap, TABLE_MAPPED_SHIFT, 1, 1), asid, vaddr);
}

static inline struct cap cap_page_table_unmapped(struct cap cap)
{
    return cap_with_mapping(cap_with_field(cap, TABLE_MAPPED_SHIFT, 1, 0), 0, 0);
}

/* VSpace roots (level-0 tables). */
static inline struct cap cap_vspace(paddr_t root)
{
    return cap_make(CAP_VSPACE, root, 0);
}

static inline bool cap_vspace_is_assigned(struct cap cap)
{
    return cap_field(cap, TABLE_MAPPED_SHIFT, 1);
}

static inline struct cap cap_vspace_assigned(struct cap cap, word_t asid)
{
    return cap_with_mapping(cap_with_field(cap, TABLE_MAPPED_SHIFT, 1, 1), asid, 0);
}

/* ASID control and ASID pools. */
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

/* SGI signal capabilities (IRQControl IssueSGISignal). */
static inline struct cap cap_sgi_signal(word_t irq, word_t target)
{
    return cap_make(CAP_SGI_SIGNAL, 0, (irq & MASK(8)) | (target & MASK(8)) << 8);
}

static inline word_t cap_sgi_signal_irq(struct cap cap)
{
    return cap.words[1] & MASK(8);
}

static inline word_t cap_sgi_signal_target(struct cap cap)
{
    return (cap.words[1] >> 8) & MASK(8);
}
