/*
 * The riscv64 object types behind the arch hooks of arch.h: frames of 4 KiB, 2 MiB and 1 GiB
 * and page tables (the VSpace root is one) -- their sizes, creation, teardown, derivation
 * rules, and which decoder an invocation goes to.
 */
#include <arch.h>
#include <arch/cap.h>
#include <arch/objects.h>
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
        return FRAME_1G;
    return type == seL4_RISCV_Mega_Page ? FRAME_2M : FRAME_4K;
}

/* Memory is already zeroed (or, for device memory, untouched); a table starts unmapped. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device)
{
    if (arch_is_frame_type(type))
        return cap_frame(paddr, frame_size_of_type(type), VM_RIGHTS_READ_WRITE, device);
    if (type == seL4_RISCV_PageTableObject)
        return cap_table(CAP_PAGE_TABLE, paddr);
    return cap_null();
}

void arch_object_finalise(struct cap cap)
{
    if (cap_type(cap) == CAP_PAGE_TABLE)
        page_table_finalise(cap);
}

/* seL4's Arch_deriveCap: an unmapped page table has no copies (so a table's capabilities
 * all agree on where it is mapped). */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    *derived = cap;
    if (cap_type(cap) == CAP_PAGE_TABLE && !cap_table_is_mapped(cap)) {
        *derived = cap_null();
        return error_plain(seL4_IllegalOperation);
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
    if (cap_type(inv->cap) == CAP_PAGE_TABLE)
        return page_table_decode(inv);
    return error_plain(seL4_IllegalOperation);
}

/* As seL4's isValidVTableRoot: a page table with an ASID. */
paddr_t arch_vspace_root(struct cap cap)
{
    return cap_type(cap) == CAP_PAGE_TABLE && cap_table_is_mapped(cap) ? cap_object(cap) : 0;
}

/* A root gets the kernel's upper-half entries only when it becomes one. */
void arch_vspace_assign(paddr_t root)
{
    vspace_copy_kernel_mappings(root);
}

/* The root may be the live one, and its table may be cleared next. */
void arch_vspace_asid_deleted(paddr_t root)
{
    (void)root;
    vspace_activate(arch_vspace_empty_root());
}
