/*
 * x86_64 IRQControl and interrupt delivery (seL4's x86 interrupt.c and ioapic.c). With an I/O
 * APIC the generic Get is IllegalOperation; GetIOAPIC routes an I/O APIC pin and GetMSI
 * accepts a PCI function's message-signalled interrupt, each on the vector of the user IRQ it
 * hands out (arch/irq.h). Masking reaches the pin of an I/O APIC IRQ; an MSI cannot be masked
 * here (the device's own MSI mask would), as in seL4.
 */
#include <api/invocation.h>
#include <arch.h>
#include <arch/apic.h>
#include <arch/irq.h>
#include <core/interrupt.h>
#include <object/irq.h>
#include <sel4/arch/invocation_labels.h>

#define IOAPICS 1 /* the board's */
#define PCI_BUS_MAX 255
#define PCI_DEV_MAX 31
#define PCI_FUNC_MAX 7

enum irq_source { IRQ_SOURCE_NONE, IRQ_SOURCE_IOAPIC, IRQ_SOURCE_MSI };

/* Where each user IRQ comes from. seL4 also records an MSI's PCI address and handle, which
 * nothing uses without an IOMMU. */
struct irq_route {
    uint8_t source;
    uint8_t pin;
};

static struct irq_route routes[IRQ_USER_MAX + 1];

struct syscall_error arch_irq_check(word_t irq)
{
    (void)irq;
    return error_plain(seL4_IllegalOperation);
}

/* seL4's ioapic_decode_map_pin_to_vector: arguments 2-5 (ioapic, pin, level, polarity). */
static struct syscall_error irq_decode_ioapic(const struct invocation *inv,
                                              struct irq_route *route)
{
    word_t ioapic = invocation_arg(inv, 2), pin = invocation_arg(inv, 3);
    word_t level = invocation_arg(inv, 4), polarity = invocation_arg(inv, 5);
    if (ioapic >= IOAPICS)
        return error_range(0, IOAPICS - 1);
    if (pin >= ioapic_pin_count())
        return error_range(0, ioapic_pin_count() - 1);
    if (level > 1 || polarity > 1)
        return error_range(0, 1);
    *route = (struct irq_route){IRQ_SOURCE_IOAPIC, (uint8_t)pin};
    return error_none();
}

/* Arguments 2-5 (PCI bus, device, function, handle); the vector is the user's to program. */
static struct syscall_error irq_decode_msi(const struct invocation *inv, struct irq_route *route)
{
    if (invocation_arg(inv, 2) > PCI_BUS_MAX)
        return error_range(0, PCI_BUS_MAX);
    if (invocation_arg(inv, 3) > PCI_DEV_MAX)
        return error_range(0, PCI_DEV_MAX);
    if (invocation_arg(inv, 4) > PCI_FUNC_MAX)
        return error_range(0, PCI_FUNC_MAX);
    *route = (struct irq_route){IRQ_SOURCE_MSI, 0};
    return error_none();
}

/* Route `irq` as decoded, then hand out its handler capability into `dest` (which unmasks
 * it, as seL4's setIRQState does). */
static void irq_issue(struct invocation *inv, word_t irq, struct cte *dest,
                      struct irq_route route)
{
    routes[irq] = route;
    if (route.source == IRQ_SOURCE_IOAPIC)
        ioapic_route(route.pin, invocation_arg(inv, 4), invocation_arg(inv, 5),
                     IRQ_VECTOR_OFFSET + irq);
    irq_control_issue(inv->slot, dest, irq);
}

/* GetIOAPIC (root, index, depth, ioapic, pin, level, polarity, vector) and GetMSI (root,
 * index, depth, bus, device, function, handle, vector), checked in seL4's order: label,
 * length, vector, IRQ free, destination slot, then the label's own arguments. */
struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    bool ioapic = inv->label == X86IRQIssueIRQHandlerIOAPIC;
    if (!ioapic && inv->label != X86IRQIssueIRQHandlerMSI)
        return error_plain(seL4_IllegalOperation);
    if (inv->length < 7 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    word_t user_vector = invocation_arg(inv, 6);
    if (user_vector > IRQ_USER_MAX - IRQ_USER_MIN)
        return error_range(0, IRQ_USER_MAX - IRQ_USER_MIN);
    word_t irq = IRQ_USER_MIN + user_vector;
    if (interrupt_state(irq) != IRQ_INACTIVE)
        return error_plain(seL4_RevokeFirst);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, invocation_arg(inv, 0),
                                                    invocation_arg(inv, 1), &error);
    if (!dest)
        return error;
    struct irq_route route;
    error = ioapic ? irq_decode_ioapic(inv, &route) : irq_decode_msi(inv, &route);
    if (!error_is_none(error))
        return error;
    irq_issue(inv, irq, dest, route);
    return error_none();
}

void arch_irq_mask(word_t irq)
{
    if (irq_is_user(irq) && routes[irq].source == IRQ_SOURCE_IOAPIC)
        ioapic_set_masked(routes[irq].pin, true);
}

void arch_irq_unmask(word_t irq)
{
    if (irq_is_user(irq) && routes[irq].source == IRQ_SOURCE_IOAPIC)
        ioapic_set_masked(routes[irq].pin, false);
}

/* The pin is masked before the EOI: a level-triggered line still asserted would otherwise be
 * delivered again at once. The timer and stray vectors need the EOI only. */
word_t irq_acknowledge_vector(word_t vector)
{
    word_t irq = vector - IRQ_VECTOR_OFFSET;
    arch_irq_mask(irq);
    lapic_eoi();
    return irq;
}

_Noreturn void irq_handle_vector(word_t vector)
{
    interrupt_handle(irq_acknowledge_vector(vector));
}
