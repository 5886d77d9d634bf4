/* One wrapper per aarch64 invocation, in upstream libsel4's names and argument order (ABI
 * §5.6): a Call on the object's capability with the arch label, capability arguments in the
 * IPC buffer's caps, data words in MR0.. in order. */
#pragma once
#include <sel4/arch/invocation_labels.h>
#include <sel4/arch/types.h>
#include <sel4/invocations.h>

/* Page_GetAddress's reply: the error, and the frame's physical address. */
typedef struct seL4_ARM_Page_GetAddress {
    int error;
    seL4_Word paddr;
} seL4_ARM_Page_GetAddress_t;

static inline seL4_Error seL4_ARM_Page_Map(seL4_ARM_Page service, seL4_CPtr vspace,
                                           seL4_Word vaddr, seL4_CapRights_t rights,
                                           seL4_ARM_VMAttributes attr)
{
    seL4_SetCap(0, vspace);
    seL4_Word words[] = {vaddr, rights.words[0], attr};
    return seL4_InvokeWords(service, ARMPageMap, words, 3, 1);
}

static inline seL4_Error seL4_ARM_Page_Unmap(seL4_ARM_Page service)
{
    return seL4_InvokeWords(service, ARMPageUnmap, 0, 0, 0);
}

static inline seL4_ARM_Page_GetAddress_t seL4_ARM_Page_GetAddress(seL4_ARM_Page service)
{
    seL4_ARM_Page_GetAddress_t result;
    result.error = seL4_InvokeWords(service, ARMPageGetAddress, 0, 0, 0);
    result.paddr = seL4_GetMR(0);
    return result;
}

/* The cache flushes of a mapped frame: [start_offset, end_offset) within the frame. */
static inline seL4_Error seL4_ARM_Page_Flush(seL4_ARM_Page service, seL4_Word label,
                                             seL4_Word start_offset, seL4_Word end_offset)
{
    seL4_Word words[] = {start_offset, end_offset};
    return seL4_InvokeWords(service, label, words, 2, 0);
}

static inline seL4_Error seL4_ARM_Page_Clean_Data(seL4_ARM_Page service, seL4_Word start_offset,
                                                  seL4_Word end_offset)
{
    return seL4_ARM_Page_Flush(service, ARMPageClean_Data, start_offset, end_offset);
}

static inline seL4_Error seL4_ARM_Page_Invalidate_Data(seL4_ARM_Page service,
                                                       seL4_Word start_offset,
                                                       seL4_Word end_offset)
{
    return seL4_ARM_Page_Flush(service, ARMPageInvalidate_Data, start_offset, end_offset);
}

static inline seL4_Error seL4_ARM_Page_CleanInvalidate_Data(seL4_ARM_Page service,
                                                            seL4_Word start_offset,
                                                            seL4_Word end_offset)
{
    return seL4_ARM_Page_Flush(service, ARMPageCleanInvalidate_Data, start_offset, end_offset);
}

static inline seL4_Error seL4_ARM_Page_Unify_Instruction(seL4_ARM_Page service,
                                                         seL4_Word start_offset,
                                                         seL4_Word end_offset)
{
    return seL4_ARM_Page_Flush(service, ARMPageUnify_Instruction, start_offset, end_offset);
}

static inline seL4_Error seL4_ARM_PageTable_Map(seL4_ARM_PageTable service, seL4_CPtr vspace,
                                                seL4_Word vaddr, seL4_ARM_VMAttributes attr)
{
    seL4_SetCap(0, vspace);
    seL4_Word words[] = {vaddr, attr};
    return seL4_InvokeWords(service, ARMPageTableMap, words, 2, 1);
}

static inline seL4_Error seL4_ARM_PageTable_Unmap(seL4_ARM_PageTable service)
{
    return seL4_InvokeWords(service, ARMPageTableUnmap, 0, 0, 0);
}

/* The cache flushes of a VSpace: [start, end) in user addresses, within one page. */
static inline seL4_Error seL4_ARM_VSpace_Flush(seL4_ARM_VSpace service, seL4_Word label,
                                               seL4_Word start, seL4_Word end)
{
    seL4_Word words[] = {start, end};
    return seL4_InvokeWords(service, label, words, 2, 0);
}

static inline seL4_Error seL4_ARM_VSpace_Clean_Data(seL4_ARM_VSpace service, seL4_Word start,
                                                    seL4_Word end)
{
    return seL4_ARM_VSpace_Flush(service, ARMVSpaceClean_Data, start, end);
}

static inline seL4_Error seL4_ARM_VSpace_Invalidate_Data(seL4_ARM_VSpace service,
                                                         seL4_Word start, seL4_Word end)
{
    return seL4_ARM_VSpace_Flush(service, ARMVSpaceInvalidate_Data, start, end);
}

static inline seL4_Error seL4_ARM_VSpace_CleanInvalidate_Data(seL4_ARM_VSpace service,
                                                              seL4_Word start, seL4_Word end)
{
    return seL4_ARM_VSpace_Flush(service, ARMVSpaceCleanInvalidate_Data, start, end);
}

static inline seL4_Error seL4_ARM_VSpace_Unify_Instruction(seL4_ARM_VSpace service,
                                                           seL4_Word start, seL4_Word end)
{
    return seL4_ARM_VSpace_Flush(service, ARMVSpaceUnify_Instruction, start, end);
}

static inline seL4_Error seL4_ARM_ASIDControl_MakePool(seL4_ARM_ASIDControl service,
                                                       seL4_CPtr untyped, seL4_CNode root,
                                                       seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, untyped);
    seL4_SetCap(1, root);
    seL4_Word words[] = {index, depth};
    return seL4_InvokeWords(service, ARMASIDControlMakePool, words, 2, 2);
}

static inline seL4_Error seL4_ARM_ASIDPool_Assign(seL4_ARM_ASIDPool service, seL4_CPtr vspace)
{
    seL4_SetCap(0, vspace);
    return seL4_InvokeWords(service, ARMASIDPoolAssign, 0, 0, 1);
}

/* IRQControl Get with the line's trigger: 0 level, 1 edge (programmed for SPIs only). */
static inline seL4_Error seL4_IRQControl_GetTrigger(seL4_CPtr service, seL4_Word irq,
                                                    seL4_Word trigger, seL4_CNode root,
                                                    seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {irq, trigger, index, depth};
    return seL4_InvokeWords(service, ARMIRQIssueIRQHandlerTrigger, words, 4, 1);
}

/* A capability that raises SGI `irq` (0-15) at GIC CPU interface `target` (0-7) each time it
 * is signalled (seL4_Signal). */
static inline seL4_Error seL4_IRQControl_IssueSGISignal(seL4_CPtr service, seL4_Word irq,
                                                        seL4_Word target, seL4_CNode root,
                                                        seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {irq, target, index, depth};
    return seL4_InvokeWords(service, ARMIRQIssueSGISignal, words, 4, 1);
}
