/* Constants and small types of the ABI: capability rights (§3.2), lookup failure types and
 * CNode guard data (§3.3, §3.6). */
#pragma once
#include <sel4/types.h>

typedef struct seL4_CapRights {
    seL4_Word words[1];
} seL4_CapRights_t;

/* Bits: 0 write, 1 read, 2 grant, 3 grant-reply; the constructor takes them high to low. */
static inline seL4_CapRights_t seL4_CapRights_new(seL4_Word grant_reply, seL4_Word grant,
                                                  seL4_Word read, seL4_Word write)
{
    seL4_CapRights_t rights = {{((grant_reply & 1) << 3) | ((grant & 1) << 2) |
                                ((read & 1) << 1) | (write & 1)}};
    return rights;
}

#define seL4_AllRights seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)
#define seL4_ReadWrite seL4_CapRights_new(0, 0, 1, 1)
#define seL4_NoWrite seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead seL4_CapRights_new(1, 1, 0, 1)
#define seL4_NoRights seL4_CapRights_new(0, 0, 0, 0)

typedef enum {
    seL4_NoFailure = 0,
    seL4_InvalidRoot = 1,
    seL4_MissingCapability = 2,
    seL4_DepthMismatch = 3,
    seL4_GuardMismatch = 4,
} seL4_LookupFailureType;

/* Fault types, the label of a fault message (sel4-abi.md §7.1, MCS numbering). */
typedef enum {
    seL4_Fault_NullFault = 0,
    seL4_Fault_CapFault = 1,
    seL4_Fault_UnknownSyscall = 2,
    seL4_Fault_UserException = 3,
    seL4_Fault_Timeout = 5,
    seL4_Fault_VMFault = 6,
} seL4_FaultType;

/* CNode capability data for Mint/Mutate: guard in bits 63..6, guard size in 5..0. */
static inline seL4_Word seL4_CNode_CapData_new(seL4_Word guard, seL4_Word guard_size)
{
    return (guard << 6) | (guard_size & 0x3f);
}

/* Priorities (CONFIG_NUM_PRIORITIES 256). */
#define seL4_MinPrio 0
#define seL4_MaxPrio 255

/* Scheduling context flags (SchedControl_ConfigureFlags, MCS). */
typedef enum {
    seL4_SchedContext_NoFlag = 0,
    seL4_SchedContext_Sporadic = 1,
} seL4_SchedContextFlag;

/* TCB flags (TCB_SetFlags, 14.0.0 and later). */
enum {
    seL4_TCBFlag_NoFlag = 0,
    seL4_TCBFlag_fpuDisabled = 1,
    seL4_TCBFlag_MASK = 1,
};
