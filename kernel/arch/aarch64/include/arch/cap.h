/*
 * aarch64 capabilities (object/cap.h: type in bits 63..59, object in 47..0 of word 0). The
 * type numbers are seL4's own tags, so DebugCapIdentify answers as upstream does. Page tables
 * and VSpaces record their mapping as every arch's paging objects do (object/frame.h); for a
 * VSpace "mapped" means assigned an ASID.
 *
 *   SGI signal   word 1: SGI 7..0, target CPU interface 15..8 (no object)
 */
#pragma once
#include <object/frame.h>

enum arch_cap_type {
    CAP_PAGE_TABLE = 3,
    CAP_VSPACE = 9,
    CAP_SGI_SIGNAL = 27,
};

/* SGI signal capabilities (IRQControl IssueSGISignal). */
static inline struct cap cap_sgi_signal(word_t irq, word_t target)
{
    return cap_make(CAP_SGI_SIGNAL, 0, (irq & MASK(8)) | (target & MASK(8)) << 8);
}

static inline word_t cap_sgi_signal_irq(struct cap cap)
{
    return cap.words[1] & MASK(8);
}

static inline word_t cap_sgi_signal_target(struct cap cap)
{
    return (cap.words[1] >> 8) & MASK(8);
}
