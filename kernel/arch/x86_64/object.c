/*
 * The x86_64 half of the object model (kernel/include/arch.h): object sizes and construction,
 * destruction when the last capability goes, seL4's derivation rules for the paging and I/O
 * port capabilities (Arch_deriveCap, Arch_isCapRevocable) and the invocation dispatch to the
 * object files.
 */
#include <arch.h>
#include <arch/objects.h>
#include <arch/page_table.h>
#include <arch/vspace.h>
#include <object/asid_pool.h>
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
        return cap_frame(paddr, FRAME_4K, VM_RIGHTS_READ_WRITE, device);
    case seL4_X86_LargePageObject:
        return cap_frame(paddr, FRAME_2M, VM_RIGHTS_READ_WRITE, device);
    case seL4_X64_HugePageObject:
        return cap_frame(paddr, FRAME_1G, VM_RIGHTS_READ_WRITE, device);
    case seL4_X86_PageTableObject:
        return cap_table(CAP_PAGE_TABLE, paddr);
    case seL4_X86_PageDirectoryObject:
        return cap_table(CAP_PAGE_DIRECTORY, paddr);
    case seL4_X86_PDPTObject:
        return cap_table(CAP_PDPT, paddr);
    case seL4_X64_PML4Object:
        vspace_copy_kernel(paddr);
        return cap_table(CAP_PML4, paddr);
    default:
        return cap_null();
    }
}

void arch_object_finalise(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_PAGE_TABLE:
    case CAP_PAGE_DIRECTORY:
    case CAP_PDPT:
        page_table_unmap(cap);
        break;
    case CAP_PML4:
        asid_finalise_vspace(cap);
        break;
    case CAP_IO_PORT:
        io_port_finalise(cap);
        break;
    default:
        break; /* ASID control and I/O port control own nothing */
    }
}

/* seL4's Arch_deriveCap: an unmapped paging structure (or an unassigned PML4) cannot be
 * copied; I/O port control cannot be copied at all. */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    *derived = cap;
    switch (cap_type(cap)) {
    case CAP_PAGE_TABLE:
    case CAP_PAGE_DIRECTORY:
    case CAP_PDPT:
    case CAP_PML4:
        if (cap_table_is_mapped(cap))
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
    case CAP_PAGE_TABLE:
    case CAP_PAGE_DIRECTORY:
    case CAP_PDPT:
        return page_table_decode(inv);
    case CAP_IO_PORT_CONTROL:
        return io_port_control_decode(inv);
    case CAP_IO_PORT:
        return io_port_decode(inv);
    default:
        return error_plain(seL4_IllegalOperation); /* the PML4 has no invocations */
    }
}

paddr_t arch_vspace_root(struct cap cap)
{
    return cap_type(cap) == CAP_PML4 && cap_table_is_mapped(cap) ? cap_object(cap) : 0;
}

/* Nothing is cached under an ASID without PCID; only a live address space needs a flush. */
void arch_vspace_asid_deleted(paddr_t root)
{
    vspace_flush_all(root);
}

/* A PML4 got the kernel's half when it was made. */
void arch_vspace_assign(paddr_t root)
{
    (void)root;
}
