/* What the generic frame and ASID objects take from aarch64 (arch.h): 128 ASID pools, the
 * VSpace object as the root, the frame Map checks in decodeARMFrameInvocation's order, and
 * the labels (the cache maintenance labels of frames stay with frame.c). */
#pragma once
#include <sel4/arch/invocation_labels.h>

#define ARCH_ASID_HIGH_BITS 7
#define ARCH_CAP_VSPACE_ROOT 9 /* CAP_VSPACE */
#define ARCH_FRAME_MAP_END 0x0000800000000000ul /* ARCH_USER_TOP */
#define ARCH_FRAME_MAP_CHECKS \
    {FRAME_CHECK_ASID, FRAME_CHECK_ALIGNMENT, FRAME_CHECK_TARGET, FRAME_CHECK_SLOT}

#define ARCH_LABEL_FRAME_MAP ARMPageMap
#define ARCH_LABEL_FRAME_UNMAP ARMPageUnmap
#define ARCH_LABEL_FRAME_GET_ADDRESS ARMPageGetAddress
#define ARCH_LABEL_ASID_CONTROL_MAKE_POOL ARMASIDControlMakePool
#define ARCH_LABEL_ASID_POOL_ASSIGN ARMASIDPoolAssign
