/* x86_64 object types, MCS, no IOMMU/VTX, huge pages on (ABI §4.1). */
#pragma once

enum seL4_X86ObjectType {
    seL4_X86_PDPTObject = seL4_NonArchObjectTypeCount,
    seL4_X64_PML4Object,
    seL4_X64_HugePageObject,
    seL4_X86_4K,
    seL4_X86_LargePageObject,
    seL4_X86_PageTableObject,
    seL4_X86_PageDirectoryObject,
    seL4_ObjectTypeCount
};

#define seL4_X86_IOPageTableObject 0xffffff
#define seL4_MaxUntypedBits 47
#define seL4_PageBits 12
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_PageTableBits 12
#define seL4_PageDirBits 12
#define seL4_PDPTBits 12
#define seL4_PML4Bits 12
#define seL4_VSpaceBits seL4_PML4Bits
#define seL4_ASIDPoolBits 12
#define seL4_UserTop 0x00007ffffffff000ul
