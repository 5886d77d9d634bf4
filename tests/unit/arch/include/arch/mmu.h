/* Stand-in arch for host unit tests: what the generic frame and ASID objects need. */
#pragma once
#include <sel4/invocation_labels.h>

#define ARCH_ASID_HIGH_BITS 3
#define ARCH_CAP_VSPACE_ROOT 3 /* FAKE_CAP_VSPACE */
#define ARCH_FRAME_MAP_END 0x00007ffffffff000ul
#define ARCH_FRAME_MAP_CHECKS \
    {FRAME_CHECK_ASID, FRAME_CHECK_ALIGNMENT, FRAME_CHECK_TARGET, FRAME_CHECK_SLOT}

/* Labels past the generic ones, as each arch's are. */
#define ARCH_LABEL_FRAME_MAP (nInvocationLabels + 0)
#define ARCH_LABEL_FRAME_UNMAP (nInvocationLabels + 1)
#define ARCH_LABEL_FRAME_GET_ADDRESS (nInvocationLabels + 2)
#define ARCH_LABEL_ASID_CONTROL_MAKE_POOL (nInvocationLabels + 3)
#define ARCH_LABEL_ASID_POOL_ASSIGN (nInvocationLabels + 4)
