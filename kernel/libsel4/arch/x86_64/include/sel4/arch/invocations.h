/* x86_64 invocation wrappers (ABI §5.6), one per arch invocation, with upstream libsel4's
 * names, argument orders and result structs; the VM attribute values of upstream types.h. */
#pragma once
#include <sel4/constants.h>
#include <sel4/invocations.h>
#include <sel4/arch/invocation_labels.h>

typedef seL4_CPtr seL4_X64_PML4;
typedef seL4_CPtr seL4_X86_PDPT;
typedef seL4_CPtr seL4_X86_PageDirectory;
typedef seL4_CPtr seL4_X86_PageTable;
typedef seL4_CPtr seL4_X86_Page;
typedef seL4_CPtr seL4_X86_ASIDControl;
typedef seL4_CPtr seL4_X86_ASIDPool;
typedef seL4_CPtr seL4_X86_IOPortControl;
typedef seL4_CPtr seL4_X86_IOPort;

/* Bit 0 PWT, bit 1 PCD, bit 2 PAT (PAT entry 4 is write-combining). */
typedef enum {
    seL4_X86_Default_VMAttributes = 0,
    seL4_X86_WriteBack = 0,
    seL4_X86_WriteThrough = 1,
    seL4_X86_CacheDisabled = 2,
    seL4_X86_Uncacheable = 3,
    seL4_X86_WriteCombining = 4,
} seL4_X86_VMAttributes;

typedef struct seL4_X86_Page_GetAddress {
    int error;
    seL4_Word paddr;
} seL4_X86_Page_GetAddress_t;

typedef struct seL4_X86_IOPort_In8 {
    int error;
    seL4_Uint8 result;
} seL4_X86_IOPort_In8_t;

typedef struct seL4_X86_IOPort_In16 {
    int error;
    seL4_Uint16 result;
} seL4_X86_IOPort_In16_t;

typedef struct seL4_X86_IOPort_In32 {
    int error;
    seL4_Uint32 result;
} seL4_X86_IOPort_In32_t;

/* A paging-structure Map: the VSpace as the one cap, then vaddr and attributes. */
static inline seL4_Error seL4_X86_InvokeTableMap(seL4_CPtr service, seL4_Word label,
                                                 seL4_X64_PML4 vspace, seL4_Word vaddr,
                                                 seL4_X86_VMAttributes attr)
{
    seL4_SetCap(0, vspace);
    seL4_Word words[] = {vaddr, attr};
    return seL4_InvokeWords(service, label, words, 2, 1);
}

static inline seL4_Error seL4_X86_PDPT_Map(seL4_X86_PDPT service, seL4_X64_PML4 pml4,
                                           seL4_Word vaddr, seL4_X86_VMAttributes attr)
{
    return seL4_X86_InvokeTableMap(service, X86PDPTMap, pml4, vaddr, attr);
}

static inline seL4_Error seL4_X86_PDPT_Unmap(seL4_X86_PDPT service)
{
    return seL4_InvokeWords(service, X86PDPTUnmap, 0, 0, 0);
}

static inline seL4_Error seL4_X86_PageDirectory_Map(seL4_X86_PageDirectory service,
                                                    seL4_X64_PML4 vspace, seL4_Word vaddr,
                                                    seL4_X86_VMAttributes attr)
{
    return seL4_X86_InvokeTableMap(service, X86PageDirectoryMap, vspace, vaddr, attr);
}

static inline seL4_Error seL4_X86_PageDirectory_Unmap(seL4_X86_PageDirectory service)
{
    return seL4_InvokeWords(service, X86PageDirectoryUnmap, 0, 0, 0);
}

static inline seL4_Error seL4_X86_PageTable_Map(seL4_X86_PageTable service,
                                                seL4_X64_PML4 vspace, seL4_Word vaddr,
                                                seL4_X86_VMAttributes attr)
{
    return seL4_X86_InvokeTableMap(service, X86PageTableMap, vspace, vaddr, attr);
}

static inline seL4_Error seL4_X86_PageTable_Unmap(seL4_X86_PageTable service)
{
    return seL4_InvokeWords(service, X86PageTableUnmap, 0, 0, 0);
}

static inline seL4_Error seL4_X86_Page_Map(seL4_X86_Page service, seL4_X64_PML4 vspace,
                                           seL4_Word vaddr, seL4_CapRights_t rights,
                                           seL4_X86_VMAttributes attr)
{
    seL4_SetCap(0, vspace);
    seL4_Word words[] = {vaddr, rights.words[0], attr};
    return seL4_InvokeWords(service, X86PageMap, words, 3, 1);
}

static inline seL4_Error seL4_X86_Page_Unmap(seL4_X86_Page service)
{
    return seL4_InvokeWords(service, X86PageUnmap, 0, 0, 0);
}

static inline seL4_X86_Page_GetAddress_t seL4_X86_Page_GetAddress(seL4_X86_Page service)
{
    seL4_X86_Page_GetAddress_t result = {0, 0};
    result.error = seL4_InvokeWords(service, X86PageGetAddress, 0, 0, 0);
    if (result.error == seL4_NoError)
        result.paddr = seL4_GetMR(0);
    return result;
}

static inline seL4_Error seL4_X86_ASIDControl_MakePool(seL4_X86_ASIDControl service,
                                                       seL4_CPtr untyped, seL4_CNode root,
                                                       seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, untyped);
    seL4_SetCap(1, root);
    seL4_Word words[] = {index, depth};
    return seL4_InvokeWords(service, X86ASIDControlMakePool, words, 2, 2);
}

static inline seL4_Error seL4_X86_ASIDPool_Assign(seL4_X86_ASIDPool service, seL4_CPtr vspace)
{
    seL4_SetCap(0, vspace);
    return seL4_InvokeWords(service, X86ASIDPoolAssign, 0, 0, 1);
}

static inline seL4_Error seL4_X86_IOPortControl_Issue(seL4_X86_IOPortControl service,
                                                      seL4_Word first_port, seL4_Word last_port,
                                                      seL4_CNode root, seL4_Word index,
                                                      seL4_Uint8 depth)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {first_port, last_port, index, depth};
    return seL4_InvokeWords(service, X86IOPortControlIssue, words, 4, 1);
}

/* An IOPort In: the port in MR0, the value back in MR0. */
static inline seL4_Error seL4_X86_IOPort_In(seL4_X86_IOPort service, seL4_Word label,
                                            seL4_Uint16 port, seL4_Word *value)
{
    seL4_Word words[] = {port};
    seL4_Error error = seL4_InvokeWords(service, label, words, 1, 0);
    *value = error == seL4_NoError ? seL4_GetMR(0) : 0;
    return error;
}

static inline seL4_X86_IOPort_In8_t seL4_X86_IOPort_In8(seL4_X86_IOPort service,
                                                        seL4_Uint16 port)
{
    seL4_Word value;
    seL4_X86_IOPort_In8_t result = {0, 0};
    result.error = seL4_X86_IOPort_In(service, X86IOPortIn8, port, &value);
    result.result = (seL4_Uint8)value;
    return result;
}

static inline seL4_X86_IOPort_In16_t seL4_X86_IOPort_In16(seL4_X86_IOPort service,
                                                          seL4_Uint16 port)
{
    seL4_Word value;
    seL4_X86_IOPort_In16_t result = {0, 0};
    result.error = seL4_X86_IOPort_In(service, X86IOPortIn16, port, &value);
    result.result = (seL4_Uint16)value;
    return result;
}

static inline seL4_X86_IOPort_In32_t seL4_X86_IOPort_In32(seL4_X86_IOPort service,
                                                          seL4_Uint16 port)
{
    seL4_Word value;
    seL4_X86_IOPort_In32_t result = {0, 0};
    result.error = seL4_X86_IOPort_In(service, X86IOPortIn32, port, &value);
    result.result = (seL4_Uint32)value;
    return result;
}

static inline seL4_Error seL4_X86_IOPort_Out8(seL4_X86_IOPort service, seL4_Word port,
                                              seL4_Word data)
{
    seL4_Word words[] = {port, data};
    return seL4_InvokeWords(service, X86IOPortOut8, words, 2, 0);
}

static inline seL4_Error seL4_X86_IOPort_Out16(seL4_X86_IOPort service, seL4_Word port,
                                               seL4_Word data)
{
    seL4_Word words[] = {port, data};
    return seL4_InvokeWords(service, X86IOPortOut16, words, 2, 0);
}

static inline seL4_Error seL4_X86_IOPort_Out32(seL4_X86_IOPort service, seL4_Word port,
                                               seL4_Word data)
{
    seL4_Word words[] = {port, data};
    return seL4_InvokeWords(service, X86IOPortOut32, words, 2, 0);
}

/* IRQControl with an I/O APIC (the generic seL4_IRQControl_Get is IllegalOperation): `vector`
 * 0-107 names IRQ 16 + vector, delivered on CPU vector 0x30 + vector. */
static inline seL4_Error seL4_IRQControl_GetIOAPIC(seL4_CPtr service, seL4_CNode root,
                                                   seL4_Word index, seL4_Uint8 depth,
                                                   seL4_Word ioapic, seL4_Word pin,
                                                   seL4_Word level, seL4_Word polarity,
                                                   seL4_Word vector)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {index, depth, ioapic, pin, level, polarity, vector};
    return seL4_InvokeWords(service, X86IRQIssueIRQHandlerIOAPIC, words, 7, 1);
}

static inline seL4_Error seL4_IRQControl_GetMSI(seL4_CPtr service, seL4_CNode root,
                                                seL4_Word index, seL4_Uint8 depth,
                                                seL4_Word pci_bus, seL4_Word pci_dev,
                                                seL4_Word pci_func, seL4_Word handle,
                                                seL4_Word vector)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {index, depth, pci_bus, pci_dev, pci_func, handle, vector};
    return seL4_InvokeWords(service, X86IRQIssueIRQHandlerMSI, words, 7, 1);
}
