/* aarch64 objects and capabilities, as the generic kernel sees them (arch.h): sizes,
 * construction, destruction, the derivation rules (seL4's Arch_deriveCap and friends) and
 * the dispatch of invocations to each type's decoder. */
#include <arch.h>
#include <arch/cache.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/vspace.h>
#include <object/asid_pool.h>
#include <sel4/object_type.h>

/* The frame size of a frame object type; false for other types. */
static bool frame_size_of_type(word_t type, enum frame_size *size)
{
    switch (type) {
    case seL4_ARM_SmallPageObject:
        *size = FRAME_4K;
        return true;
    case seL4_ARM_LargePageObject:
        *size = FRAME_2M;
        return true;
    case seL4_ARM_HugePageObject:
        *size = FRAME_1G;
        return true;
    default:
        return false;
    }
}

word_t arch_object_size_bits(word_t type)
{
    enum frame_size size;
    switch (type) {
    case seL4_ARM_PageTableObject:
        return seL4_PageTableBits;
    case seL4_ARM_VSpaceObject:
        return seL4_VSpaceBits;
    default:
        return frame_size_of_type(type, &size) ? frame_size_bits(size) : 0;
    }
}

bool arch_is_frame_type(word_t type)
{
    enum frame_size size;
    return frame_size_of_type(type, &size);
}

/* A fresh frame's zeroes go to memory, so that an uncached mapping cannot see the old
 * contents behind them. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device)
{
    enum frame_size size;
    switch (type) {
    case seL4_ARM_PageTableObject:
        return cap_table(CAP_PAGE_TABLE, paddr);
    case seL4_ARM_VSpaceObject:
        return cap_table(CAP_VSPACE, paddr);
    default:
        if (!frame_size_of_type(type, &size))
            return cap_null();
        if (!device)
            cache_maintain(CACHE_CLEAN, paddr, BIT(frame_size_bits(size)));
        return cap_frame(paddr, size, VM_RIGHTS_READ_WRITE, device);
    }
}

void arch_object_finalise(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_PAGE_TABLE:
        if (cap_table_is_mapped(cap))
            vspace_unmap_table(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_object(cap));
        break;
    case CAP_VSPACE:
        asid_finalise_vspace(cap);
        break;
    default:
        break;
    }
}

/* A page table or VSpace capability can only be copied once it is in use, so that every
 * copy agrees on where the table is. */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    *derived = cap;
    if ((cap_type(cap) == CAP_PAGE_TABLE || cap_type(cap) == CAP_VSPACE) &&
        !cap_table_is_mapped(cap)) {
        *derived = cap_null();
        return error_plain(seL4_IllegalOperation);
    }
    return error_none();
}

/* Like an IRQ handler capability, an SGI signal capability issued by IRQControl can be
 * revoked from there; its copies cannot. */
bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap)
{
    return cap_type(new_cap) == CAP_SGI_SIGNAL && cap_type(src_cap) == CAP_IRQ_CONTROL;
}

struct syscall_error arch_decode_invocation(struct invocation *inv)
{
    switch (cap_type(inv->cap)) {
    case CAP_FRAME:
        return frame_decode_cache(inv);
    case CAP_PAGE_TABLE:
        return page_table_decode(inv);
    case CAP_VSPACE:
        return vspace_decode(inv);
    case CAP_SGI_SIGNAL:
        return sgi_signal_decode(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}

paddr_t arch_vspace_root(struct cap cap)
{
    return cap_type(cap) == CAP_VSPACE && cap_table_is_mapped(cap) ? cap_object(cap) : 0;
}

/* A new root table is simply empty: the kernel lives in TTBR1. */
void arch_vspace_assign(paddr_t root)
{
    (void)root;
}

/* The TLB tags every user mapping with ASID 0, so all of it goes. */
void arch_vspace_asid_deleted(paddr_t root)
{
    (void)root;
    tlb_flush_all();
}
