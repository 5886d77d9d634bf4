/* System register access and barriers, for the aarch64 C files. */
#pragma once
#include <types.h>

#define sysreg_read(name)                                      \
    ({                                                         \
        word_t sysreg_value_;                                  \
        __asm__ volatile("mrs %0, " #name : "=r"(sysreg_value_)); \
        sysreg_value_;                                         \
    })

#define sysreg_write(name, value) \
    __asm__ volatile("msr " #name ", %0" : : "r"((word_t)(value)) : "memory")

static inline void isb(void)
{
    __asm__ volatile("isb" ::: "memory");
}

/* Make page table writes visible to the table walker. */
static inline void dsb_ishst(void)
{
    __asm__ volatile("dsb ishst" ::: "memory");
}

static inline void dsb_ish(void)
{
    __asm__ volatile("dsb ish" ::: "memory");
}
