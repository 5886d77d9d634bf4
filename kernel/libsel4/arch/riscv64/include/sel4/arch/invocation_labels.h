/* riscv64 invocation labels, MCS (ABI §5.5), after the generic ones. */
#pragma once
#include <sel4/invocation_labels.h>

enum arch_invocation_label {
    RISCVPageTableMap = nInvocationLabels,
    RISCVPageTableUnmap,
    RISCVPageMap,
    RISCVPageUnmap,
    RISCVPageGetAddress,
    RISCVASIDControlMakePool,
    RISCVASIDPoolAssign,
    RISCVIRQIssueIRQHandlerTrigger,
    nArchInvocationLabels
};
_Static_assert(RISCVPageTableMap == 39 && RISCVIRQIssueIRQHandlerTrigger == 46, "ABI §5.5");
