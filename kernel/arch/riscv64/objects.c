/*
 * The riscv64 object types behind the arch hooks of arch.h: frames of 4 KiB, 2 MiB and 1 GiB,
 * page tables (the VSpace root is one), ASID control and ASID pools -- their sizes, creation,
 * teardown, derivation rules, and which decoder an invocation goes to.
 */
#include <arch.h>
#include <arch/asid.h>
#include <arch/cap.h>
#include <arch/frame.h>
#include <arch/page_table.h>
#include <arch/vspace.h>
#include <sel4/object_type.h>

word_t arch_object_size_bits(word_t type)
{
    switch (type) {
    case seL4_RISCV_4K_Page:
    case seL4_RISCV_PageTableObject:
        return seL4_PageBits;
    case seL4_RISCV_Mega_Page:
        return seL4_LargePageBits;
    case seL4_RISCV_Giga_Page:
        return seL4_HugePageBits;
    default:
        return 0;
    }
}

bool arch_is_frame_type(word_t type)
{
    return type == seL4_RISCV_4K_Page || type == seL4_RISCV_Mega_Page ||
           type == seL4_RISCV_Giga_Page;
}

static enum frame_size frame_size_of_type(word_t type)
{
    if (type == seL4_RISCV_Giga_Page)
        return FRAME_GIGA;
    return type == seL4_RISCV_Mega_Page ? FRAME_MEGA : FRAME_4K;
}

/* Memory is already zeroed (or, for device memory, untouched); a table starts unmapped. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device)
{
    if (arch_is_frame_type(type))
        return cap_frame(paddr, frame_size_of_type(type), VM_RIGHTS_READ_WRITE, device);
    if (type == seL4_RISCV_PageTableObject)
        return cap_page_table(paddr);
    return cap_null();
}

void arch_object_finalise(struct cap cap)
{
    switch (cap_type(cap)) {
    case CAP_FRAME:
        frame_unmap(cap);
        break;
    case CAP_PAGE_TABLE:
        page_table_finalise(cap);
        break;
    case CAP_ASID_POOL:
        asid_pool_delete(cap_asid_pool_base(cap), cap_object(cap));
        break;
    default:
        break;
    }
}

/* Each frame capability holds its own mapping, final or not. */
void arch_cap_finalise_copy(struct cap cap)
{
    if (cap_type(cap) == CAP_FRAME)
        frame_unmap(cap);
}

struct cap arch_cap_mask_rights(struct cap cap, word_t rights)
{
    if (cap_type(cap) != CAP_FRAME)
        return cap;
    return cap_frame_with_rights(cap, vm_rights_mask(cap_frame_rights(cap), rights));
}

struct cap arch_cap_update_data(struct cap cap, word_t data, bool preserve)
{
    (void)data;
    (void)preserve;
    return cap; /* no arch capability carries a badge or guard */
}

/* seL4's Arch_deriveCap: a frame copy starts unmapped; an unmapped page table has no copies
 * (so a table's capabilities all agree on where it is mapped). */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    *derived = cap;
    switch (cap_type(cap)) {
    case CAP_FRAME:
        *derived = cap_frame_with_mapping(cap, ASID_INVALID, 0);
        break;
    case CAP_PAGE_TABLE:
        if (!cap_page_table_is_mapped(cap)) {
            *derived = cap_null();
            return error_plain(seL4_IllegalOperation);
        }
        break;
    default:
        break;
    }
    return error_none();
}

bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap)
{
    (void)new_cap;
    (void)src_cap;
    return false;
}

struct syscall_error arch_decode_invocation(struct invocation *inv)
{
    switch (cap_type(inv->cap)) {
    case CAP_FRAME:
        return frame_decode(inv);
    case CAP_PAGE_TABLE:
        return page_table_decode(inv);
    case CAP_ASID_CONTROL:
        return asid_control_decode(inv);
    case CAP_ASID_POOL:
        return asid_pool_decode(inv);
    default:
        return error_plain(seL4_IllegalOperation);
    }
}

/* As seL4's isValidVTableRoot: a page table with an ASID. */
paddr_t arch_vspace_root(struct cap cap)
{
    return vspace_cap_is_root(cap) ? cap_object(cap) : 0;
}

/* Device frames are left out: the kernel must never read or write device memory on a
 * thread's behalf (seL4's lookupIPCBuffer refuses them too). */
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
    word_t rights = cap_frame_rights(cap);
    return rights == VM_RIGHTS_READ_WRITE || (!writing && rights == VM_RIGHTS_READ_ONLY);
}
