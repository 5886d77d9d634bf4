/* The cycle counter for user mode: PMCCNTR_EL0, running at EL0 and EL1 and readable from
 * EL0 through PMUSERENR_EL0 (sel4bench/arch/aarch64/counter.h reads it). */
#include <arch.h>
#include <arch/sysreg.h>
#include <core/stop.h>

#define ID_AA64DFR0_PMUVER_SHIFT 8
#define PMCR_E BIT(0)  /* enable */
#define PMCR_C BIT(2)  /* reset the cycle counter */
#define PMCR_LC BIT(6) /* the cycle counter is 64-bit */
#define PMCNTEN_CYCLES BIT(31)
#define PMUSERENR_EN BIT(0)
#define PMUSERENR_CR BIT(2)

void arch_enable_user_counter(void)
{
    word_t version = (sysreg_read(id_aa64dfr0_el1) >> ID_AA64DFR0_PMUVER_SHIFT) & MASK(4);
    if (version == 0 || version == 0xf)
        kernel_panic("pmu: this CPU has no architectural PMU (PMUVer %lx)", version);
    sysreg_write(pmccfiltr_el0, 0); /* count at EL0 and EL1 */
    sysreg_write(pmcr_el0, PMCR_E | PMCR_C | PMCR_LC);
    sysreg_write(pmcntenset_el0, PMCNTEN_CYCLES);
    sysreg_write(pmuserenr_el0, PMUSERENR_EN | PMUSERENR_CR);
    isb();
}
