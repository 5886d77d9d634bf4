/* VMSAv8-64 translation table descriptors, 4 KiB granule, 48-bit VA (four levels), and the
 * MAIR/TCR/SCTLR values the kernel runs with. Shared by entry.S and the C mapping code. */
#pragma once
#include <arch/machine.h>

#define PT_ENTRIES 512
#define PT_INDEX_BITS 9
#define PT_L0_SHIFT 39
#define PT_L1_SHIFT 30 /* a level-1 block maps 1 GiB */
#define PT_L2_SHIFT 21 /* a level-2 block maps 2 MiB */
#define PT_L3_SHIFT 12
/* entry.S maps the kernel image with this many level-3 tables (linker.ld checks the fit). */
#define KERNEL_IMAGE_L3_TABLES 2

#define PTE_VALID UL(1)
#define PTE_TABLE UL(3)  /* levels 0-2: next-level table */
#define PTE_BLOCK UL(1)  /* levels 1-2 */
#define PTE_PAGE UL(3)   /* level 3 */
#define PTE_TYPE_MASK UL(3)
#define PTE_ATTR_INDEX(i) ((i) << 2)
#define PTE_AP_EL0 (UL(1) << 6)      /* AP[1]: EL0 may access */
#define PTE_AP_READ_ONLY (UL(1) << 7) /* AP[2] */
#define PTE_SH_INNER (UL(3) << 8)
#define PTE_AF (UL(1) << 10)
#define PTE_NG (UL(1) << 11)
#define PTE_PXN (UL(1) << 53)
#define PTE_UXN (UL(1) << 54)
#define PTE_ADDRESS_MASK UL(0x0000fffffffff000)

/* MAIR_EL1 slots: 0 Device-nGnRnE, 1 Normal write-back read/write-allocate. */
#define MAIR_DEVICE 0
#define MAIR_NORMAL 1
#define MAIR_VALUE UL(0xff00)

#define PTE_KERNEL_NORMAL \
    (PTE_ATTR_INDEX(MAIR_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PTE_KERNEL_DEVICE (PTE_ATTR_INDEX(MAIR_DEVICE) | PTE_AF | PTE_UXN | PTE_PXN)

/* TCR_EL1: 48-bit VA in both halves, 4 KiB granules, walks inner-shareable write-back;
 * IPS is filled in from ID_AA64MMFR0_EL1.PARange at boot. */
#define TCR_T0SZ(n) (n)
#define TCR_T1SZ(n) ((n) << 16)
#define TCR_WALK0 ((UL(1) << 8) | (UL(1) << 10) | (UL(3) << 12))
#define TCR_WALK1 ((UL(1) << 24) | (UL(1) << 26) | (UL(3) << 28))
#define TCR_TG1_4K (UL(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_VALUE (TCR_T0SZ(16) | TCR_T1SZ(16) | TCR_WALK0 | TCR_WALK1 | TCR_TG1_4K)

/* SCTLR_EL1: the ARMv8.0 RES1 bits, MMU and caches on, stack alignment checks; EL0 may read
 * CTR_EL0, use DC ZVA and cache maintenance, and run WFI/WFE untrapped. */
#define SCTLR_RES1 UL(0x30d00800)
#define SCTLR_M (UL(1) << 0)
#define SCTLR_C (UL(1) << 2)
#define SCTLR_SA (UL(1) << 3)
#define SCTLR_SA0 (UL(1) << 4)
#define SCTLR_I (UL(1) << 12)
#define SCTLR_EL0_CONTROLS \
    ((UL(1) << 14) | (UL(1) << 15) | (UL(1) << 16) | (UL(1) << 18) | (UL(1) << 26))
#define SCTLR_MMU_OFF SCTLR_RES1
#define SCTLR_VALUE \
    (SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_SA0 | SCTLR_I | SCTLR_EL0_CONTROLS)

#ifndef __ASSEMBLER__
#include <types.h>

typedef word_t pte_t;

/* The kernel's level-1 table for the physical window (built empty by entry.S). */
extern pte_t kernel_l1_window[PT_ENTRIES];

static inline word_t pt_index(vaddr_t vaddr, unsigned shift)
{
    return (vaddr >> shift) & MASK(PT_INDEX_BITS);
}

static inline paddr_t pte_address(pte_t pte)
{
    return pte & PTE_ADDRESS_MASK;
}

static inline bool pte_is_table(pte_t pte)
{
    return (pte & PTE_TYPE_MASK) == PTE_TABLE;
}
#endif
