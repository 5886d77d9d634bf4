/* aarch64 object types, MCS, no hypervisor, no SMMU (ABI §4.1). */
#pragma once

enum seL4_ArmObjectType {
    seL4_ARM_HugePageObject = seL4_NonArchObjectTypeCount,
    seL4_ARM_VSpaceObject,
    seL4_ARM_SmallPageObject,
    seL4_ARM_LargePageObject,
    seL4_ARM_PageTableObject,
    seL4_ObjectTypeCount
};

#define seL4_ARM_VCPUObject 0xfffe
#define seL4_ARM_IOPageTableObject 0xffff
#define seL4_MaxUntypedBits 47
#define seL4_PageBits 12
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_PageTableBits 12
#define seL4_VSpaceBits 12
#define seL4_ASIDPoolBits 12
#define seL4_UserTop 0x00007ffffffffffful /* here the last accessible address (ABI §4.2) */
