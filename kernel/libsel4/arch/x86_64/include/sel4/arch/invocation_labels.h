/* x86_64 invocation labels, MCS, no IOMMU/VTX (ABI §5.1), after the generic ones. */
#pragma once
#include <sel4/invocation_labels.h>

enum arch_invocation_label {
    X86PDPTMap = nInvocationLabels,
    X86PDPTUnmap,
    X86PageDirectoryMap,
    X86PageDirectoryUnmap,
    X86PageTableMap,
    X86PageTableUnmap,
    X86PageMap,
    X86PageUnmap,
    X86PageGetAddress,
    X86ASIDControlMakePool,
    X86ASIDPoolAssign,
    X86IOPortControlIssue,
    X86IOPortIn8,
    X86IOPortIn16,
    X86IOPortIn32,
    X86IOPortOut8,
    X86IOPortOut16,
    X86IOPortOut32,
    X86IRQIssueIRQHandlerIOAPIC,
    X86IRQIssueIRQHandlerMSI,
    nArchInvocationLabels
};
_Static_assert(X86PDPTMap == 39 && X86IRQIssueIRQHandlerMSI == 58, "ABI §5.1");
