/*
 * riscv64 capabilities, laid out by hand on the generic two words (object/cap.h: type in bits
 * 63..59, object physical address in 47..0). Type numbers are seL4's riscv ones, so
 * DebugCapIdentify agrees with upstream. Arch-private: only kernel/arch/riscv64 includes it.
 */
#pragma once
#include <arch/machine.h>
#include <object/cap.h>

enum riscv_cap_type {
    CAP_FRAME = 1,
    CAP_PAGE_TABLE = 3, /* every level, the VSpace root included */
    CAP_ASID_CONTROL = 11,
    CAP_ASID_POOL = 13,
};

/* ASIDs are 16 bits: a pool index (7 bits) above an index into the pool (9 bits). 0 is
 * never handed out, so in a capability it means "no mapping". */
#define ASID_BITS 16
#define ASID_INVALID 0ul

_Static_assert(ARCH_PADDR_BITS <= CAP_PADDR_BITS, "objects fit the generic object field");
_Static_assert(ASID_BITS + CAP_PADDR_BITS <= 64, "word 1 holds an ASID and a vaddr");

/* Word 1 of frame and page-table capabilities: where the object is mapped. ASID in bits
 * 63..48, virtual address in 47..0 (user addresses are below 2^38). */
static inline word_t cap_mapping_word(word_t asid, vaddr_t vaddr)
{
    return (asid << CAP_PADDR_BITS) | (vaddr & MASK(CAP_PADDR_BITS));
}

static inline word_t cap_mapped_asid(struct cap cap)
{
    return cap.words[1] >> CAP_PADDR_BITS;
}

static inline vaddr_t cap_mapped_vaddr(struct cap cap)
{
    return cap.words[1] & MASK(CAP_PADDR_BITS);
}

/* Frame: base, size 49..48, VM rights 51..50, device 52; mapped ASID (0: unmapped) and
 * vaddr in word 1. */
enum frame_size {
    FRAME_4K = 0,
    FRAME_MEGA = 1,
    FRAME_GIGA = 2,
};

/* seL4's vm_rights encoding. */
enum vm_rights {
    VM_RIGHTS_KERNEL_ONLY = 1,
    VM_RIGHTS_READ_ONLY = 2,
    VM_RIGHTS_READ_WRITE = 3,
};

static inline struct cap cap_frame(paddr_t base, enum frame_size size, enum vm_rights rights,
                                   bool device)
{
    struct cap cap = cap_make(CAP_FRAME, base, cap_mapping_word(ASID_INVALID, 0));
    cap = cap_with_field(cap, 48, 2, size);
    cap = cap_with_field(cap, 50, 2, rights);
    return cap_with_field(cap, 52, 1, device);
}

static inline enum frame_size cap_frame_size(struct cap cap)
{
    return (enum frame_size)cap_field(cap, 48, 2);
}

/* log2 bytes of a frame of `size`. */
static inline word_t frame_size_bits(enum frame_size size)
{
    return 12 + 9 * (word_t)size;
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

static inline struct cap cap_frame_with_mapping(struct cap cap, word_t asid, vaddr_t vaddr)
{
    cap.words[1] = cap_mapping_word(asid, vaddr);
    return cap;
}

/* Page table (any level, the root included): table, mapped flag 48; ASID and vaddr in word 1
 * (a root has its ASID there and vaddr 0). */
static inline struct cap cap_page_table(paddr_t table)
{
    return cap_make(CAP_PAGE_TABLE, table, cap_mapping_word(ASID_INVALID, 0));
}

static inline bool cap_page_table_is_mapped(struct cap cap)
{
    return cap_field(cap, 48, 1);
}

static inline struct cap cap_page_table_with_mapping(struct cap cap, word_t asid, vaddr_t vaddr)
{
    cap.words[1] = cap_mapping_word(asid, vaddr);
    return cap_with_field(cap, 48, 1, 1);
}

static inline struct cap cap_page_table_unmapped(struct cap cap)
{
    cap.words[1] = cap_mapping_word(ASID_INVALID, 0);
    return cap_with_field(cap, 48, 1, 0);
}

/* ASID control: no object. ASID pool: the pool, its first ASID in word 1. */
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
