/*
 * riscv64 capabilities (object/cap.h: type in bits 63..59, object physical address in
 * 47..0). Type numbers are seL4's riscv ones, so DebugCapIdentify agrees with upstream. A
 * page table of any level, the VSpace root included, records its mapping as every arch's
 * paging objects do (object/frame.h); a root has its ASID there and vaddr 0.
 */
#pragma once
#include <arch/machine.h>
#include <object/frame.h>

enum arch_cap_type {
    CAP_PAGE_TABLE = 3, /* every level, the VSpace root included */
};

_Static_assert(ARCH_PADDR_BITS <= CAP_PADDR_BITS, "objects fit the generic object field");
