/* What the generic frame and ASID objects take from x86_64 (arch.h): seL4 x86_64's 8 ASID
 * pools, the PML4 as the VSpace root, the frame Map checks in decodeX86FrameInvocation's
 * order, and the labels. */
#pragma once
#include <sel4/arch/invocation_labels.h>

#define ARCH_ASID_HIGH_BITS 3
#define ARCH_CAP_VSPACE_ROOT 9 /* CAP_PML4 */
/* seL4's x86_64 USER_TOP: the last byte below 2^47 stays out of every mapping. */
#define ARCH_FRAME_MAP_END 0x00007ffffffffffful
#define ARCH_FRAME_MAP_CHECKS \
    {FRAME_CHECK_TARGET, FRAME_CHECK_ASID, FRAME_CHECK_ALIGNMENT, FRAME_CHECK_SLOT}

#define ARCH_LABEL_FRAME_MAP X86PageMap
#define ARCH_LABEL_FRAME_UNMAP X86PageUnmap
#define ARCH_LABEL_FRAME_GET_ADDRESS X86PageGetAddress
#define ARCH_LABEL_ASID_CONTROL_MAKE_POOL X86ASIDControlMakePool
#define ARCH_LABEL_ASID_POOL_ASSIGN X86ASIDPoolAssign
