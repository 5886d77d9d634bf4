/* Basic ABI types (seL4 16.0.0, 64-bit). Shared by the kernel and user code. */
#pragma once
#include <stdint.h>

typedef unsigned long seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef uint8_t seL4_Uint8;
typedef uint16_t seL4_Uint16;
typedef uint32_t seL4_Uint32;
typedef uint64_t seL4_Uint64;
typedef uint8_t seL4_Bool;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;
typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_SchedContext;

#define seL4_WordBits 64
#define seL4_PageBits 12
#define seL4_SlotBits 5
#define seL4_IPCBufferSizeBits 10
#define seL4_MsgMaxLength 120
#define seL4_MsgMaxExtraCaps 3
#define seL4_MsgLengthBits 7
#define seL4_MsgExtraCapBits 2
#define seL4_NumInitialCaps 16
