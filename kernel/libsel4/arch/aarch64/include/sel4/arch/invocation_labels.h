/* aarch64 invocation labels, MCS, no hypervisor/SMP/SMMU (ABI §5.4), after the generic ones. */
#pragma once
#include <sel4/invocation_labels.h>

enum arch_invocation_label {
    ARMVSpaceClean_Data = nInvocationLabels,
    ARMVSpaceInvalidate_Data,
    ARMVSpaceCleanInvalidate_Data,
    ARMVSpaceUnify_Instruction,
    ARMSMCCall,
    ARMPageTableMap,
    ARMPageTableUnmap,
    ARMPageMap,
    ARMPageUnmap,
    ARMPageClean_Data,
    ARMPageInvalidate_Data,
    ARMPageCleanInvalidate_Data,
    ARMPageUnify_Instruction,
    ARMPageGetAddress,
    ARMASIDControlMakePool,
    ARMASIDPoolAssign,
    ARMIRQIssueIRQHandlerTrigger,
    ARMIRQIssueSGISignal,
    nArchInvocationLabels
};
_Static_assert(ARMVSpaceClean_Data == 39 && ARMIRQIssueSGISignal == 56, "ABI §5.4");
