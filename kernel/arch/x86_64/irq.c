/*
 * x86_64 IRQControl, as far as it goes before the IOAPIC and MSI labels arrive: with an IOAPIC,
 * seL4 refuses the generic IRQControl Get (interrupts are issued through GetIOAPIC/GetMSI,
 * which pick the vector), so no device interrupt reaches a vector yet and there is nothing to
 * mask or unmask.
 */
#include <arch.h>
#include <api/invocation.h>

struct syscall_error arch_irq_check(word_t irq)
{
    (void)irq;
    return error_plain(seL4_IllegalOperation);
}

struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    (void)inv;
    return error_plain(seL4_IllegalOperation);
}

void arch_irq_mask(word_t irq)
{
    (void)irq;
}

void arch_irq_unmask(word_t irq)
{
    (void)irq;
}
