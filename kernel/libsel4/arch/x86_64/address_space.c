/* x86_64's part of a second address space (runtime/address_space_arch.h): a PML4 root, and a
 * type of its own for each lower level (PDPT, page directory, page table). */
#include <sel4runtime/address_space.h>
#include "address_space_arch.h"

/* The address bits a missing level leaves unresolved: a PDPT entry covers 2^30 bytes, a page
 * directory entry 2^21. */
#define PDPT_MISSING_BITS 39
#define PAGE_DIRECTORY_MISSING_BITS 30

seL4_Word sel4runtime_arch_vspace_type(void)
{
    return seL4_X64_PML4Object;
}

seL4_Error sel4runtime_arch_assign_asid(seL4_CPtr pool, seL4_CPtr vspace)
{
    return seL4_X86_ASIDPool_Assign(pool, vspace);
}

seL4_Error sel4runtime_arch_map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr)
{
    return seL4_X86_Page_Map(frame, vspace, vaddr, seL4_ReadWrite,
                             seL4_X86_Default_VMAttributes);
}

seL4_Word sel4runtime_arch_table_type(seL4_Word bits_left)
{
    if (bits_left >= PDPT_MISSING_BITS)
        return seL4_X86_PDPTObject;
    if (bits_left >= PAGE_DIRECTORY_MISSING_BITS)
        return seL4_X86_PageDirectoryObject;
    return seL4_X86_PageTableObject;
}

seL4_Error sel4runtime_arch_map_table(seL4_Word type, seL4_CPtr table, seL4_CPtr vspace,
                                      seL4_Word vaddr)
{
    if (type == seL4_X86_PDPTObject)
        return seL4_X86_PDPT_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
    if (type == seL4_X86_PageDirectoryObject)
        return seL4_X86_PageDirectory_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
    return seL4_X86_PageTable_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
}

seL4_Word sel4runtime_page_type(void)
{
    return seL4_X86_4K;
}
