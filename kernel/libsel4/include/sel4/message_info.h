/* seL4_MessageInfo_t (ABI sheet §3.1): label 63..12, capsUnwrapped 11..9, extraCaps 8..7,
 * length 6..0. Accessors by hand, named as in libsel4. */
#pragma once
#include <sel4/types.h>

typedef struct seL4_MessageInfo {
    seL4_Word words[1];
} seL4_MessageInfo_t;

static inline seL4_MessageInfo_t seL4_MessageInfo_new(seL4_Word label, seL4_Word capsUnwrapped,
                                                      seL4_Word extraCaps, seL4_Word length)
{
    seL4_MessageInfo_t info = {{(label << 12) | ((capsUnwrapped & 0x7) << 9) |
                                ((extraCaps & 0x3) << 7) | (length & 0x7f)}};
    return info;
}

static inline seL4_Word seL4_MessageInfo_get_label(seL4_MessageInfo_t info)
{
    return info.words[0] >> 12;
}

static inline seL4_Word seL4_MessageInfo_get_capsUnwrapped(seL4_MessageInfo_t info)
{
    return (info.words[0] >> 9) & 0x7;
}

static inline seL4_Word seL4_MessageInfo_get_extraCaps(seL4_MessageInfo_t info)
{
    return (info.words[0] >> 7) & 0x3;
}

static inline seL4_Word seL4_MessageInfo_get_length(seL4_MessageInfo_t info)
{
    return info.words[0] & 0x7f;
}
