/* The IPC buffer (ABI sheet §3.4): 1024 bytes, aligned to its size. */
#pragma once
#include <sel4/message_info.h>

typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
    seL4_Word userData;
    seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
    seL4_CPtr receiveCNode;
    seL4_CPtr receiveIndex;
    seL4_Word receiveDepth;
} __attribute__((aligned(sizeof(struct seL4_IPCBuffer_ *)))) seL4_IPCBuffer;

_Static_assert(sizeof(seL4_IPCBuffer) == 1 << seL4_IPCBufferSizeBits, "IPC buffer is 1 KiB");
