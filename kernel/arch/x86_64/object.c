/*
 * The x86_64 half of the object model (kernel/include/arch.h): object sizes and construction,
 * destruction when the last capability goes, seL4's derivation rules for the arch capabilities
 * (Arch_maskCapRights, Arch_deriveCap, Arch_isCapRevocable) and the invocation dispatch to the
 * object files.
 */
#include <arch.h>
#include <arch/objects.h>
#include <arch/page_table.h>
#include <sel4/object_type.h>

word_t arch_object_size_bits(word_t type)
{
    switch (type) {
    case seL4_X86_4K:
    case seL4_X86_PageTableObject:
    case seL4_X86_PageDirectoryObject:
    case seL4_X86_PDPTObject:
    case seL4_X64_PML4Object:
        return PAGE_BITS;
    case seL4_X86_LargePageObject:
        return seL4_LargePageBits;
    case seL4_X64_HugePageObject:
        return seL4_HugePageBits;
    default:
        return 0;
    }
}

bool arch_is_frame_type(word_t type)
{
    return type == seL4_X86_4K || type == seL4_X86_LargePageObject ||
           type == seL4_X64_HugePageObject;
}

/* Frames start read-write and unmapped; a PML4 starts with the kernel's half and no ASID. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device)
{
    switch (type) {
    case seL4_X86_4K:
        return cap_frame(paddr, FRAME_4K, VM_READ_WRITE, device);
    case seL4_X86_LargePageObject:
        return cap_frame(paddr, FRAME_2M, VM_READ_WRITE, device);
    case seL4_X64_HugePageObject:
        return cap_frame(paddr, FRAME_1G, VM_READ_WRITE, device);
    case seL4_X86_PageTableObject:
        return cap_paging(CAP_PAGE_TABLE, paddr);
    case seL4_X86_PageDirectoryObject:
        return cap_paging(CAP_PAGE_DIRECTORY, paddr);
    case seL4_X86_PDPTObject:
        return cap_paging(CAP_PDPT, paddr);
    case seL4_X64_PML4Object:
        vspace_copy_kernel(paddr);
        return cap_paging(CAP_PML4, paddr);
    default:
        return cap_null();
    }
}

void arch_object_finalise(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_FRAME:
        frame_unmap(cap);
        break;
    case CAP_PAGE_TABLE:
    case CAP_PAGE_DIRECTORY:
    case CAP_PDPT:
        page_table_unmap(cap);
        break;
    case CAP_PML4:
        asid_finalise_vspace(cap);
        break;
    case CAP_ASID_POOL:
        asid_finalise_pool(cap);
        break;
    case CAP_IO_PORT:
        io_port_finalise(cap);
        break;
    default:
        break; /* ASID control and I/O port control own nothing */
    }
}

/* seL4's Arch_finaliseCap with final false: each frame capability holds its own mapping. */
void arch_cap_finalise_copy(struct cap cap)
{
    if (cap_type(cap) == CAP_FRAME)
        frame_unmap(cap);
}

/* Only frames carry rights: seL4's maskVMRights, applied to the frame's VM rights. */
struct cap arch_cap_mask_rights(struct cap cap, word_t rights)
{
    if (cap_type(cap) != CAP_FRAME)
        return cap;
    return cap_frame_with_rights(cap, vm_rights_mask(cap_frame_rights(cap), rights));
}

/* No x86_64 capability takes badge or guard data (I/O spaces would, with an IOMMU). */
struct cap arch_cap_update_data(struct cap cap, word_t data, bool preserve)
{
    (void)data;
    (void)preserve;
    return cap;
}

/* seL4's Arch_deriveCap: a frame copy starts unmapped; an unmapped paging structure (or an
 * unassigned PML4) cannot be copied; I/O port control cannot be copied at all. */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    *derived = cap;
    switch (cap_type(cap)) {
    case CAP_FRAME:
        *derived = cap_with_mapping(cap, ASID_INVALID, 0);
        return error_none();
    case CAP_PAGE_TABLE:
    case CAP_PAGE_DIRECTORY:
    case CAP_PDPT:
    case CAP_PML4:
        if (cap_paging_is_mapped(cap))
            return error_none();
        *derived = cap_null();
        return error_plain(seL4_IllegalOperation);
    case CAP_IO_PORT_CONTROL:
        *derived = cap_null();
        return error_none();
    default:
        return error_none();
    }
}

bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap)
{
    return cap_type(new_cap) == CAP_IO_PORT && cap_type(src_cap) == CAP_IO_PORT_CONTROL;
}

struct syscall_error arch_decode_invocation(struct invocation *inv)
{
    switch (cap_type(inv->cap)) {
    case CAP_FRAME:
        return frame_decode(inv);
    case CAP_PAGE_TABLE:
    case CAP_PAGE_DIRECTORY:
    case CAP_PDPT:
        return page_table_decode(inv);
    case CAP_ASID_CONTROL:
        return asid_control_decode(inv);
    case CAP_ASID_POOL:
        return asid_pool_decode(inv);
    case CAP_IO_PORT_CONTROL:
        return io_port_control_decode(inv);
    case CAP_IO_PORT:
        return io_port_decode(inv);
    default:
        return error_plain(seL4_IllegalOperation); /* the PML4 has no invocations */
    }
}

/* Device frames are left out: the kernel's window maps RAM only, and seL4 refuses them as
 * IPC buffers too. */
bool arch_cap_frame(struct cap cap, paddr_t *base, word_t *size_bits)
{
    if (cap_type(cap) != CAP_FRAME || cap_frame_is_device(cap))
        return false;
    *base = cap_object(cap);
    *size_bits = frame_size_bits(cap_frame_size(cap));
    return true;
}

bool arch_cap_frame_ipc_access(struct cap cap, bool writing)
{
    word_t rights = cap_frame_rights(cap);
    return rights == VM_READ_WRITE || (!writing && rights == VM_READ_ONLY);
}

paddr_t arch_vspace_root(struct cap cap)
{
    return asid_is_valid_root(cap) ? cap_object(cap) : 0;
}
