/* Supervisor CSR access and the CSR bits the riscv64 kernel uses (privileged spec 1.12).
 * Arch-private: only kernel/arch/riscv64 includes this. */
#pragma once

#ifdef __ASSEMBLER__
#define CSR_BITS(value, shift) ((value) << (shift))
#else
#define CSR_BITS(value, shift) ((unsigned long)(value) << (shift))
#endif

#define SSTATUS_SIE CSR_BITS(1, 1)
#define SSTATUS_SPIE CSR_BITS(1, 5)
#define SSTATUS_SPP CSR_BITS(1, 8)
#define SSTATUS_FS_MASK CSR_BITS(3, 13)
#define SSTATUS_FS_OFF CSR_BITS(0, 13)
#define SSTATUS_FS_INITIAL CSR_BITS(1, 13)
#define SSTATUS_FS_CLEAN CSR_BITS(2, 13)
#define SSTATUS_FS_DIRTY CSR_BITS(3, 13)
#define SSTATUS_SUM CSR_BITS(1, 18)

#define SIE_SSIE CSR_BITS(1, 1)
#define SIE_STIE CSR_BITS(1, 5)
#define SIE_SEIE CSR_BITS(1, 9)

#define SCAUSE_INTERRUPT CSR_BITS(1, 63)
#define SCAUSE_IRQ_SOFTWARE 1
#define SCAUSE_IRQ_TIMER 5
#define SCAUSE_IRQ_EXTERNAL 9
#define SCAUSE_INSTRUCTION_ACCESS_FAULT 1
#define SCAUSE_LOAD_ACCESS_FAULT 5
#define SCAUSE_STORE_ACCESS_FAULT 7
#define SCAUSE_ECALL_FROM_U 8
#define SCAUSE_INSTRUCTION_PAGE_FAULT 12
#define SCAUSE_LOAD_PAGE_FAULT 13
#define SCAUSE_STORE_PAGE_FAULT 15

#define SATP_MODE_SV39 CSR_BITS(8, 60)

#define SCOUNTEREN_CY CSR_BITS(1, 0)
#define SCOUNTEREN_TM CSR_BITS(1, 1)
#define SCOUNTEREN_IR CSR_BITS(1, 2)

#ifndef __ASSEMBLER__
#include <types.h>

#define csr_read(csr)                                                                          \
    ({                                                                                         \
        word_t csr_value_;                                                                     \
        __asm__ volatile("csrr %0, " #csr : "=r"(csr_value_));                                \
        csr_value_;                                                                            \
    })
#define csr_write(csr, value) __asm__ volatile("csrw " #csr ", %0" ::"rK"((word_t)(value)) : "memory")
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"rK"((word_t)(bits)) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"rK"((word_t)(bits)) : "memory")

/* Drop every cached translation (all address spaces, all addresses). */
static inline void sfence_vma_all(void)
{
    __asm__ volatile("sfence.vma" ::: "memory");
}
#endif
