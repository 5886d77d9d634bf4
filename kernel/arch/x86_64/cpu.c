/*
 * The CPU's features and its control registers: what CPUID reports, the features the kernel
 * needs (panic when missing), and the CR0/CR4/EFER bits for SSE in user mode, NX, global
 * pages, SMEP, FSGSBASE and SYSCALL; the page attribute table. Also the user's access to the TSC.
 */
#include <arch.h>
#include <arch/cpu.h>
#include <core/stop.h>

struct cpu_features cpu_features;

/* CPUID bits: leaf 1 edx, leaf 7 ebx, leaf 0x80000001 edx. */
#define CPUID_1_TSC BIT(4)
#define CPUID_1_APIC BIT(9)
#define CPUID_1_PGE BIT(13)
#define CPUID_1_PAT BIT(16)
#define CPUID_1_FXSR BIT(24)
#define CPUID_1_SSE BIT(25)
#define CPUID_1_SSE2 BIT(26)
#define CPUID_7_FSGSBASE BIT(0)
#define CPUID_7_SMEP BIT(7)
#define CPUID_EXT_SYSCALL BIT(11)
#define CPUID_EXT_NX BIT(20)
#define CPUID_EXT_PAGE_1G BIT(26)

/* The page attribute table as seL4 sets it: the reset value but for entry 4 (PAT bit alone),
 * write-combining, which is what seL4_X86_WriteCombining selects. Entries 0-7: WB, WT, UC-,
 * UC, WC, WT, UC-, UC. */
#define PAT_SEL4 0x0007040100070406ul

static void require(bool present, const char *feature)
{
    if (!present)
        kernel_panic("cpu: the kernel needs %s, which this CPU lacks", feature);
}

static void cpu_detect(void)
{
    uint32_t basic[4], leaf1[4], leaf7[4] = {0}, extended[4];
    cpu_cpuid(0, 0, basic);
    cpu_cpuid(1, 0, leaf1);
    if (basic[0] >= 7)
        cpu_cpuid(7, 0, leaf7);
    cpu_cpuid(0x80000001, 0, extended);
    require(leaf1[3] & CPUID_1_TSC, "a TSC");
    require(leaf1[3] & CPUID_1_APIC, "a local APIC");
    require((leaf1[3] & (CPUID_1_FXSR | CPUID_1_SSE | CPUID_1_SSE2)) ==
                (CPUID_1_FXSR | CPUID_1_SSE | CPUID_1_SSE2), "FXSR, SSE and SSE2");
    require(extended[3] & CPUID_EXT_SYSCALL, "SYSCALL");
    require(leaf1[3] & CPUID_1_PAT, "PAT");
    cpu_features.nx = extended[3] & CPUID_EXT_NX;
    cpu_features.page_1g = extended[3] & CPUID_EXT_PAGE_1G;
    cpu_features.global = leaf1[3] & CPUID_1_PGE;
    cpu_features.smep = leaf7[1] & CPUID_7_SMEP;
    cpu_features.fsgsbase = leaf7[1] & CPUID_7_FSGSBASE;
}

void cpu_init(void)
{
    cpu_detect();
    /* SSE for user code: no emulation, no lazy-switch trap; x87 errors as exceptions. */
    cpu_write_cr0((cpu_read_cr0() | CR0_MP | CR0_NE) & ~(word_t)(CR0_EM | CR0_TS));
    __asm__ volatile("fninit");
    word_t cr4 = cpu_read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    if (cpu_features.global)
        cr4 |= CR4_PGE;
    if (cpu_features.smep)
        cr4 |= CR4_SMEP;
    if (cpu_features.fsgsbase)
        cr4 |= CR4_FSGSBASE;
    cpu_write_cr4(cr4);
    uint64_t efer = cpu_read_msr(MSR_EFER) | EFER_SCE;
    if (cpu_features.nx)
        efer |= EFER_NXE;
    cpu_write_msr(MSR_EFER, efer);
    cpu_write_msr(MSR_PAT, PAT_SEL4);
}

void arch_enable_user_counter(void)
{
    cpu_write_cr4(cpu_read_cr4() & ~(word_t)CR4_TSD);
}
