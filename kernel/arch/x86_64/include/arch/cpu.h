/*
 * x86_64 CPU registers and features: control registers, MSRs, CPUID and the TSC as inline
 * helpers, and what cpu.c found the CPU supports. Optional features are used only when set here.
 */
#pragma once

#define CR0_MP 0x2
#define CR0_EM 0x4
#define CR0_TS 0x8
#define CR0_NE 0x20
#define CR0_WP 0x10000
#define CR0_PG 0x80000000
#define CR4_TSD 0x4
#define CR4_PAE 0x20
#define CR4_PGE 0x80
#define CR4_OSFXSR 0x200
#define CR4_OSXMMEXCPT 0x400
#define CR4_FSGSBASE 0x10000
#define CR4_SMEP 0x100000

#define MSR_APIC_BASE 0x1b
#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SFMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_PAT 0x277
#define EFER_SCE 0x1
#define EFER_LME 0x100
#define EFER_NXE 0x800

/* Byte offset of cpu_features.fsgsbase, for entry.S. */
#define CPU_FEATURES_FSGSBASE 0

#ifndef __ASSEMBLER__
#include <types.h>

struct cpu_features {
    bool fsgsbase; /* CR4.FSGSBASE: user code may use rd/wrfsbase and rd/wrgsbase */
    bool nx;       /* EFER.NXE and the page-table NX bit */
    bool page_1g;  /* 1 GiB pages (pdpe1gb) */
    bool global;   /* CR4.PGE: kernel mappings survive CR3 writes */
    bool smep;     /* CR4.SMEP: the kernel never runs user pages */
};
extern struct cpu_features cpu_features;
_Static_assert(__builtin_offsetof(struct cpu_features, fsgsbase) == CPU_FEATURES_FSGSBASE,
               "entry.S");

/* Find the CPU's features, panic on a missing required one, and set CR0, CR4 and EFER. */
void cpu_init(void);

static inline void cpu_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
                     : "a"(leaf), "c"(subleaf));
}

static inline uint64_t cpu_read_msr(uint32_t msr)
{
    uint32_t low, high;
    __asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    return (uint64_t)high << 32 | low;
}

static inline void cpu_write_msr(uint32_t msr, uint64_t value)
{
    __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)));
}

static inline word_t cpu_read_cr0(void)
{
    word_t value;
    __asm__ volatile("mov %%cr0, %0" : "=r"(value));
    return value;
}

static inline void cpu_write_cr0(word_t value)
{
    __asm__ volatile("mov %0, %%cr0" ::"r"(value) : "memory");
}

static inline word_t cpu_read_cr2(void)
{
    word_t value;
    __asm__ volatile("mov %%cr2, %0" : "=r"(value));
    return value;
}

static inline word_t cpu_read_cr3(void)
{
    word_t value;
    __asm__ volatile("mov %%cr3, %0" : "=r"(value));
    return value;
}

static inline void cpu_write_cr3(word_t value)
{
    __asm__ volatile("mov %0, %%cr3" ::"r"(value) : "memory");
}

/* Drop the TLB entries (and paging-structure cache entries) for `vaddr`. */
static inline void cpu_invalidate_page(word_t vaddr)
{
    __asm__ volatile("invlpg (%0)" ::"r"(vaddr) : "memory");
}

static inline word_t cpu_read_cr4(void)
{
    word_t value;
    __asm__ volatile("mov %%cr4, %0" : "=r"(value));
    return value;
}

static inline void cpu_write_cr4(word_t value)
{
    __asm__ volatile("mov %0, %%cr4" ::"r"(value) : "memory");
}

/* The FS and GS base registers, without an MSR access; only when cpu_features.fsgsbase. */
static inline void cpu_write_fs_base(word_t base)
{
    __asm__ volatile("wrfsbase %0" ::"r"(base));
}

static inline void cpu_write_gs_base(word_t base)
{
    __asm__ volatile("wrgsbase %0" ::"r"(base));
}

static inline uint64_t cpu_read_tsc(void)
{
    uint32_t low, high;
    __asm__ volatile("lfence; rdtsc; lfence" : "=a"(low), "=d"(high)::"memory");
    return (uint64_t)high << 32 | low;
}
#endif
