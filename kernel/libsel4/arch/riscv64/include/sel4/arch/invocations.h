/* riscv64 invocation wrappers (ABI §5.5, §5.6), upstream libsel4's names and argument order:
 * frames (Page), page tables (the VSpace root is a page table too), ASID control and pools,
 * and IRQControl's trigger variant. */
#pragma once
#include <sel4/errors.h>
#include <sel4/invocations.h>
#include <sel4/arch/invocation_labels.h>

typedef seL4_CPtr seL4_RISCV_Page;
typedef seL4_CPtr seL4_RISCV_PageTable;
typedef seL4_CPtr seL4_RISCV_ASIDControl;
typedef seL4_CPtr seL4_RISCV_ASIDPool;

/* Mapping attributes (Page_Map, PageTable_Map): bit 0 forbids execution. */
typedef enum {
    seL4_RISCV_ExecuteNever = 0x1,
    seL4_RISCV_Default_VMAttributes = 0,
} seL4_RISCV_VMAttributes;

typedef struct seL4_RISCV_Page_GetAddress {
    int error;
    seL4_Word paddr;
} seL4_RISCV_Page_GetAddress_t;

static inline seL4_Error seL4_RISCV_PageTable_Map(seL4_RISCV_PageTable service,
                                                  seL4_RISCV_PageTable vspace, seL4_Word vaddr,
                                                  seL4_RISCV_VMAttributes attr)
{
    seL4_SetCap(0, vspace);
    seL4_Word words[] = {vaddr, (seL4_Word)attr};
    return seL4_InvokeWords(service, RISCVPageTableMap, words, 2, 1);
}

static inline seL4_Error seL4_RISCV_PageTable_Unmap(seL4_RISCV_PageTable service)
{
    return seL4_InvokeWords(service, RISCVPageTableUnmap, 0, 0, 0);
}

static inline seL4_Error seL4_RISCV_Page_Map(seL4_RISCV_Page service,
                                             seL4_RISCV_PageTable vspace, seL4_Word vaddr,
                                             seL4_CapRights_t rights,
                                             seL4_RISCV_VMAttributes attr)
{
    seL4_SetCap(0, vspace);
    seL4_Word words[] = {vaddr, rights.words[0], (seL4_Word)attr};
    return seL4_InvokeWords(service, RISCVPageMap, words, 3, 1);
}

static inline seL4_Error seL4_RISCV_Page_Unmap(seL4_RISCV_Page service)
{
    return seL4_InvokeWords(service, RISCVPageUnmap, 0, 0, 0);
}

static inline seL4_RISCV_Page_GetAddress_t seL4_RISCV_Page_GetAddress(seL4_RISCV_Page service)
{
    seL4_RISCV_Page_GetAddress_t result;
    result.error = seL4_InvokeWords(service, RISCVPageGetAddress, 0, 0, 0);
    result.paddr = seL4_GetMR(0);
    return result;
}

static inline seL4_Error seL4_RISCV_ASIDControl_MakePool(seL4_RISCV_ASIDControl service,
                                                         seL4_CPtr untyped, seL4_CNode root,
                                                         seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, untyped);
    seL4_SetCap(1, root);
    seL4_Word words[] = {index, depth};
    return seL4_InvokeWords(service, RISCVASIDControlMakePool, words, 2, 2);
}

static inline seL4_Error seL4_RISCV_ASIDPool_Assign(seL4_RISCV_ASIDPool service,
                                                    seL4_CPtr vspace)
{
    seL4_SetCap(0, vspace);
    return seL4_InvokeWords(service, RISCVASIDPoolAssign, 0, 0, 1);
}

/* IssueIRQHandlerTrigger: IRQControl Get with a trigger mode, which the PLIC of QEMU virt
 * has no setting for (the kernel ignores it). */
static inline seL4_Error seL4_IRQControl_GetTrigger(seL4_CPtr service, seL4_Word irq,
                                                    seL4_Word trigger, seL4_CNode root,
                                                    seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {irq, trigger, index, depth};
    return seL4_InvokeWords(service, RISCVIRQIssueIRQHandlerTrigger, words, 4, 1);
}
