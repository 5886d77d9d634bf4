/* Object types (ABI §4.1): the generic ones, MCS numbering; each arch's follow from
 * seL4_NonArchObjectTypeCount in <sel4/arch/object_type.h>, which also gives
 * seL4_MaxUntypedBits (ABI §4.2: it depends on the arch's address space). */
#pragma once
#include <sel4/types.h>

typedef enum api_object {
    seL4_UntypedObject = 0,
    seL4_TCBObject = 1,
    seL4_EndpointObject = 2,
    seL4_NotificationObject = 3,
    seL4_CapTableObject = 4,
    seL4_SchedContextObject = 5,
    seL4_ReplyObject = 6,
    seL4_NonArchObjectTypeCount = 7,
} seL4_ObjectType;

#define seL4_MinUntypedBits 4
#define seL4_TCBBits 11
#define seL4_EndpointBits 4
#define seL4_NotificationBits 6
#define seL4_ReplyBits 5
#define seL4_MinSchedContextBits 7
#define seL4_RetypeMaxObjects 256

#include <sel4/arch/object_type.h> /* the arch's types and seL4_ObjectTypeCount */
