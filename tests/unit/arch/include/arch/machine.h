/* Stand-in arch for host unit tests: "physical" addresses are host pointers. */
#pragma once
#include <types.h>

#define ARCH_ELF_MACHINE 62
#define ARCH_USER_TOP 0x00007ffffffff000ul
#define ARCH_PADDR_BITS 48 /* seL4_MaxUntypedBits + 1, as on riscv64 */
#define ARCH_MAX_IRQ 31
#define ARCH_SET_TLS_BASE_SYSCALL 1
#define FAKE_TIMER_IRQ 31

static inline void *arch_phys_to_virt(paddr_t paddr)
{
    return (void *)paddr;
}

static inline paddr_t arch_virt_to_phys(const void *vaddr)
{
    return (paddr_t)vaddr;
}
