/* What the generic frame and ASID objects take from riscv64 (arch.h): 128 ASID pools, a page
 * table as the VSpace root, the frame Map checks in decodeRISCVFrameInvocation's order (the
 * remap checks last, after the table walk), and the labels. */
#pragma once
#include <sel4/arch/invocation_labels.h>

#define ARCH_ASID_HIGH_BITS 7
#define ARCH_CAP_VSPACE_ROOT 3 /* CAP_PAGE_TABLE */
#define ARCH_FRAME_MAP_END 0x0000003ffffff000ul /* ARCH_USER_TOP */
#define ARCH_FRAME_MAP_CHECKS                                                       \
    {FRAME_CHECK_ASID, FRAME_CHECK_RANGE, FRAME_CHECK_ALIGNMENT, FRAME_CHECK_SLOT, \
     FRAME_CHECK_REMAP}

#define ARCH_LABEL_FRAME_MAP RISCVPageMap
#define ARCH_LABEL_FRAME_UNMAP RISCVPageUnmap
#define ARCH_LABEL_FRAME_GET_ADDRESS RISCVPageGetAddress
#define ARCH_LABEL_ASID_CONTROL_MAKE_POOL RISCVASIDControlMakePool
#define ARCH_LABEL_ASID_POOL_ASSIGN RISCVASIDPoolAssign
