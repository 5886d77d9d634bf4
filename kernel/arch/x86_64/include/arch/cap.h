/*
 * x86_64 capabilities, laid out by hand (two words; type in bits 63..59 of word 0, the object's
 * physical address in bits 47..0). Type numbers are seL4's x86_64 cap tags, so DebugCapIdentify
 * reports what upstream would. A mapping's ASID (0 = none) sits in bits 63..52 of word 1 and
 * its virtual address in bits 47..0. I/O port caps name no memory: their "object" is the port
 * range itself (first | last << 16), which keeps distinct ranges distinct objects.
 */
#pragma once
#include <object/cap.h>

enum arch_cap_type {
    CAP_FRAME = 1,
    CAP_PAGE_TABLE = 3,
    CAP_PAGE_DIRECTORY = 5,
    CAP_PDPT = 7,
    CAP_PML4 = 9,
    CAP_ASID_CONTROL = 11,
    CAP_ASID_POOL = 13,
    CAP_IO_PORT = 19,
    CAP_IO_PORT_CONTROL = 31,
};

/* Frame sizes (word 0 bits 49..48) and VM rights (bits 51..50), numbered as seL4's. */
enum frame_size {
    FRAME_4K = 0,
    FRAME_2M = 1,
    FRAME_1G = 2,
};

enum vm_rights {
    VM_KERNEL_ONLY = 1,
    VM_READ_ONLY = 2,
    VM_READ_WRITE = 3,
};

#define ASID_BITS 12
#define CAP_ASID_SHIFT 52
_Static_assert(CAP_ASID_SHIFT + ASID_BITS == 64 && CAP_ASID_SHIFT >= CAP_PADDR_BITS,
               "word 1: the ASID above a 48-bit virtual address");

static inline word_t frame_size_bits(word_t size)
{
    return PAGE_BITS + 9 * size;
}

/* The mapping fields of word 1, shared by frames and paging structures. */
static inline word_t cap_mapped_asid(struct cap cap)
{
    return cap.words[1] >> CAP_ASID_SHIFT;
}

static inline vaddr_t cap_mapped_vaddr(struct cap cap)
{
    return cap.words[1] & MASK(CAP_PADDR_BITS);
}

static inline struct cap cap_with_mapping(struct cap cap, word_t asid, vaddr_t vaddr)
{
    cap.words[1] = (asid << CAP_ASID_SHIFT) | (vaddr & MASK(CAP_PADDR_BITS));
    return cap;
}

/* Frame: size, rights, device (bit 52); mapped when its ASID is not 0. */
static inline struct cap cap_frame(paddr_t base, word_t size, word_t rights, bool device)
{
    struct cap cap = cap_with_field(cap_make(CAP_FRAME, base, 0), 48, 2, size);
    return cap_with_field(cap_with_field(cap, 50, 2, rights), 52, 1, device);
}

static inline word_t cap_frame_size(struct cap cap)
{
    return cap_field(cap, 48, 2);
}

static inline word_t cap_frame_rights(struct cap cap)
{
    return cap_field(cap, 50, 2);
}

static inline bool cap_frame_is_device(struct cap cap)
{
    return cap_field(cap, 52, 1);
}

static inline struct cap cap_frame_with_rights(struct cap cap, word_t rights)
{
    return cap_with_field(cap, 50, 2, rights);
}

/* seL4's maskVMRights: VM rights cut down by capability rights (ABI §3.2). Read-only needs
 * read; read-write needs read and stays so with write; all else leaves kernel-only. */
static inline word_t vm_rights_mask(word_t vm_rights, word_t cap_rights)
{
    if (!(cap_rights & CAP_RIGHT_READ))
        return VM_KERNEL_ONLY;
    if (vm_rights == VM_READ_WRITE && !(cap_rights & CAP_RIGHT_WRITE))
        return VM_READ_ONLY;
    return vm_rights;
}

/* Page table, page directory, PDPT and PML4: a mapped bit (48) beside the mapping fields; for
 * the PML4 "mapped" means assigned an ASID. */
static inline struct cap cap_paging(word_t type, paddr_t table)
{
    return cap_make(type, table, 0);
}

static inline bool cap_paging_is_mapped(struct cap cap)
{
    return cap_field(cap, 48, 1);
}

static inline struct cap cap_paging_mapped(struct cap cap, word_t asid, vaddr_t vaddr)
{
    return cap_with_mapping(cap_with_field(cap, 48, 1, 1), asid, vaddr);
}

static inline struct cap cap_paging_unmapped(struct cap cap)
{
    return cap_with_mapping(cap_with_field(cap, 48, 1, 0), 0, 0);
}

/* ASID control: no fields. ASID pool: the pool's memory, its first ASID in word 1. */
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
    return cap.words[1] & MASK(ASID_BITS);
}

/* I/O port control: no fields. I/O port: ports first..last (inclusive). */
static inline struct cap cap_io_port_control(void)
{
    return cap_make(CAP_IO_PORT_CONTROL, 0, 0);
}

static inline struct cap cap_io_port(word_t first, word_t last)
{
    return cap_make(CAP_IO_PORT, (first & 0xffff) | (last & 0xffff) << 16, 0);
}

static inline word_t cap_io_port_first(struct cap cap)
{
    return cap_field(cap, 0, 16);
}

static inline word_t cap_io_port_last(struct cap cap)
{
    return cap_field(cap, 16, 16);
}
