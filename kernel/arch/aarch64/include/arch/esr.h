/* ESR_EL1, the exception syndrome: the exception class says what trapped. */
#pragma once
#include <types.h>

#define ESR_EC_SHIFT 26
#define ESR_EC_UNKNOWN 0x00
#define ESR_EC_FP_ACCESS 0x07
#define ESR_EC_ILLEGAL_STATE 0x0e
#define ESR_EC_SVC64 0x15
#define ESR_EC_SYSREG 0x18
#define ESR_EC_INSTRUCTION_ABORT_LOWER 0x20
#define ESR_EC_INSTRUCTION_ABORT_SAME 0x21
#define ESR_EC_PC_ALIGNMENT 0x22
#define ESR_EC_DATA_ABORT_LOWER 0x24
#define ESR_EC_DATA_ABORT_SAME 0x25
#define ESR_EC_SP_ALIGNMENT 0x26
#define ESR_EC_SERROR 0x2f
#define ESR_EC_BRK 0x3c

static inline word_t esr_class(word_t esr)
{
    return (esr >> ESR_EC_SHIFT) & MASK(6);
}
