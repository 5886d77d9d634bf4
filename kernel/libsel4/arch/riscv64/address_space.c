/* riscv64's part of a second address space (runtime/address_space_arch.h): Sv39, where the
 * root and both lower levels are all page-table objects. */
#include <sel4runtime/address_space.h>
#include "address_space_arch.h"

seL4_Word sel4runtime_arch_vspace_type(void)
{
    return seL4_RISCV_PageTableObject;
}

seL4_Error sel4runtime_arch_assign_asid(seL4_CPtr pool, seL4_CPtr vspace)
{
    return seL4_RISCV_ASIDPool_Assign(pool, vspace);
}

seL4_Error sel4runtime_arch_map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr)
{
    return seL4_RISCV_Page_Map(frame, vspace, vaddr, seL4_ReadWrite,
                               seL4_RISCV_Default_VMAttributes);
}

seL4_Word sel4runtime_arch_table_type(seL4_Word bits_left)
{
    (void)bits_left;
    return seL4_RISCV_PageTableObject;
}

seL4_Error sel4runtime_arch_map_table(seL4_Word type, seL4_CPtr table, seL4_CPtr vspace,
                                      seL4_Word vaddr)
{
    (void)type;
    return seL4_RISCV_PageTable_Map(table, vspace, vaddr, seL4_RISCV_Default_VMAttributes);
}

seL4_Word sel4runtime_page_type(void)
{
    return seL4_RISCV_4K_Page;
}
