/* Helpers the x86_64 system tests share (x86_tests.h). */
#include "x86_tests.h"

seL4_CPtr retype(struct env *env, seL4_Word type)
{
    return env_retype(env, type, 0, 1);
}

seL4_CPtr map_tables(struct env *env, seL4_CPtr vspace, seL4_Word vaddr)
{
    seL4_CPtr pd = retype(env, seL4_X86_PageDirectoryObject);
    seL4_CPtr pt = retype(env, seL4_X86_PageTableObject);
    CHECK(env, seL4_X86_PageDirectory_Map(pd, vspace, vaddr, ATTR) == seL4_NoError);
    CHECK(env, seL4_X86_PageTable_Map(pt, vspace, vaddr, ATTR) == seL4_NoError);
    return pt;
}

void check_failed_lookup(struct env *env, seL4_Error error, seL4_Word bits_left)
{
    CHECK(env, error == seL4_FailedLookup);
    CHECK_MR(env, 0, 0);
    CHECK_MR(env, 1, seL4_MissingCapability);
    CHECK_MR(env, 2, bits_left);
}

seL4_Word paddr_of(seL4_CPtr frame)
{
    seL4_X86_Page_GetAddress_t result = seL4_X86_Page_GetAddress(frame);
    return result.error == seL4_NoError ? result.paddr : 0;
}

seL4_CPtr device_untyped(struct env *env, seL4_Word bits, seL4_Word min_paddr,
                         seL4_Word *paddr)
{
    seL4_BootInfo *bi = env->bootinfo;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[slot - bi->untyped.start];
        if (desc->isDevice && desc->sizeBits >= bits && desc->paddr >= min_paddr) {
            *paddr = desc->paddr;
            return slot;
        }
    }
    CHECK(env, !"a device untyped that large");
    return 0;
}

seL4_CPtr retype_from(struct env *env, seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = env_slot(env);
    CHECK(env, seL4_Untyped_Retype(untyped, type, size_bits, ROOT, 0, 0, slot, 1) ==
                   seL4_NoError);
    return slot;
}

seL4_Error issue_io_ports(seL4_Word first, seL4_Word last, seL4_CPtr slot)
{
    return seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, last, ROOT, slot,
                                        ROOT_DEPTH);
}
