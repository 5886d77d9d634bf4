/* aarch64 objects and capabilities, as the generic kernel sees them (arch.h): sizes,
 * construction, destruction, the derivation rules (seL4's Arch_deriveCap and friends) and
 * the dispatch of invocations to each type's decoder. */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cache.h>
#include <arch/cap.h>
#include <arch/objects.h>
#include <arch/vspace.h>
#include <sel4/object_type.h>

static word_t frame_size_bits(word_t type)
{
    switch (type) {
    case seL4_ARM_SmallPageObject:
        return seL4_PageBits;
    case seL4_ARM_LargePageObject:
        return seL4_LargePageBits;
    case seL4_ARM_HugePageObject:
        return seL4_HugePageBits;
    default:
        return 0;
    }
}

word_t arch_object_size_bits(word_t type)
{
    switch (type) {
    case seL4_ARM_PageTableObject:
        return seL4_PageTableBits;
    case seL4_ARM_VSpaceObject:
        return seL4_VSpaceBits;
    default:
        return frame_size_bits(type);
    }
}

bool arch_is_frame_type(word_t type)
{
    return frame_size_bits(type) != 0;
}

/* A fresh frame's zeroes go to memory, so that an uncached mapping cannot see the old
 * contents behind them. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device)
{
    switch (type) {
    case seL4_ARM_PageTableObject:
        return cap_page_table(paddr);
    case seL4_ARM_VSpaceObject:
        return cap_vspace(paddr);
    default:
        if (!device)
            cache_maintain(CACHE_CLEAN, paddr, BIT(frame_size_bits(type)));
        return cap_frame(paddr, frame_size_bits(type), VM_RIGHTS_READ_WRITE, device);
    }
}

void arch_object_finalise(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_FRAME:
        frame_unmap(cap);
        break;
    case CAP_PAGE_TABLE:
        if (cap_page_table_is_mapped(cap))
            vspace_unmap_table(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_object(cap));
        break;
    case CAP_VSPACE:
        if (cap_vspace_is_assigned(cap))
            asid_delete(cap_mapped_asid(cap), cap_object(cap));
        break;
    case CAP_ASID_POOL:
        asid_pool_delete(cap_asid_pool_base(cap), cap_object(cap));
        break;
    default:
        break;
    }
}

/* Each frame capability holds its own mapping (copies start unmapped), so that goes with it
 * even while other capabilities to the frame remain. */
void arch_cap_finalise_copy(struct cap cap)
{
    if (cap_type(cap) == CAP_FRAME)
        frame_unmap(cap);
}

struct cap arch_cap_mask_rights(struct cap cap, word_t rights)
{
    if (cap_type(cap) != CAP_FRAME)
        return cap;
    return cap_frame_with_vm_rights(cap, frame_mask_vm_rights(cap_frame_vm_rights(cap), rights));
}

struct cap arch_cap_update_data(struct cap cap, word_t data, bool preserve)
{
    (void)data, (void)preserve;
    return cap;
}

/* A page table or VSpace capability can only be copied once it is in use, so that every
 * copy agrees on where the table is. */
static struct syscall_error derive_table(struct cap cap, bool in_use, struct cap *derived)
{
    *derived = in_use ? cap : cap_null();
    return in_use ? error_none() : error_plain(seL4_IllegalOperation);
}

/* Copies of a frame capability start unmapped. */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    switch (cap_type(cap)) {
    case CAP_FRAME:
        *derived = cap_with_mapping(cap, 0, 0);
        return error_none();
    case CAP_PAGE_TABLE:
        return derive_table(cap, cap_page_table_is_mapped(cap), derived);
    case CAP_VSPACE:
        return derive_table(cap, cap_vspace_is_assigned(cap), derived);
    default:
        *derived = cap;
        return error_none();
    }
}

/* Like an IRQ handler capability, an SGI signal capability issued by IRQControl can be
 * revoked from there; its copies cannot. */
bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap)
{
    return cap_type(new_cap) == CAP_SGI_SIGNAL && cap_type(src_cap) == CAP_IRQ_CONTROL;
}

/* Device frames are outside the kernel's window and never hold an IPC buffer (seL4 refuses
 * them too). */
bool arch_cap_frame(struct cap cap, paddr_t *base, word_t *size_bits)
{
    if (cap_type(cap) != CAP_FRAME || cap_frame_is_device(cap))
        return false;
    *base = cap_object(cap);
    *size_bits = cap_frame_size_bits(cap);
    return true;
}

bool arch_cap_frame_ipc_access(struct cap cap, bool writing)
{
    word_t rights = cap_frame_vm_rights(cap);
    return rights == VM_RIGHTS_READ_WRITE || (!writing && rights == VM_RIGHTS_READ_ONLY);
}

struct syscall_error arch_decode_invocation(struct invocation *inv)
{
    switch (cap_type(inv->cap)) {
    case CAP_FRAME:
        return frame_decode(inv);
    case CAP_PAGE_TABLE:
        return page_table_decode(inv);
    case CAP_VSPACE:
        return vspace_decode(inv);
    case CAP_ASID_CONTROL:
        return asid_control_decode(inv);
    case CAP_ASID_POOL:
        return asid_pool_decode(inv);
    case CAP_SGI_SIGNAL:
        return sgi_signal_decode(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}

paddr_t arch_vspace_root(struct cap cap)
{
    return cap_type(cap) == CAP_VSPACE && cap_vspace_is_assigned(cap) ? cap_object(cap) : 0;
}
