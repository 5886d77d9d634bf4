/* riscv64 object types, MCS, Sv39 (ABI §4.1). */
#pragma once

enum seL4_RISCVObjectType {
    seL4_RISCV_Giga_Page = seL4_NonArchObjectTypeCount,
    seL4_RISCV_4K_Page,
    seL4_RISCV_Mega_Page,
    seL4_RISCV_PageTableObject,
    seL4_ObjectTypeCount
};

#define seL4_RISCV_Tera_Page 0xffffffff
#define seL4_MaxUntypedBits 38 /* Sv39: user space is the lower 2^38 bytes */
#define seL4_PageBits 12
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_PageTableBits 12
#define seL4_VSpaceBits 12
#define seL4_ASIDPoolBits 12
#define seL4_UserTop 0x0000003ffffff000ul
