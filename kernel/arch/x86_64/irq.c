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

/* IRQControl_GetIOAPIC's and GetMSI's message words (ABI §5.6): the destination, the
 * label's own four, then the vector. */
struct irq_control_args {
    word_t index, depth;
    union {
        struct {
            word_t ioapic, pin, level, polarity;
        } ioapic;
        struct {
            word_t pci_bus, pci_dev, pci_func, handle;
        } msi;
    };
    word_t vector;
};

/* seL4's ioapic_decode_map_pin_to_vector. */
static struct syscall_error irq_decode_ioapic(const struct irq_control_args *args,
                                              struct irq_route *route)
{
    if (args->ioapic.ioapic >= IOAPICS)
        return error_range(0, IOAPICS - 1);
    if (args->ioapic.pin >= ioapic_pin_count())
        return error_range(0, ioapic_pin_count() - 1);
    if (args->ioapic.level > 1 || args->ioapic.polarity > 1)
        return error_range(0, 1);
    *route = (struct irq_route){IRQ_SOURCE_IOAPIC, (uint8_t)args->ioapic.pin};
    return error_none();
}

/* The PCI function's address; the handle is not checked and the vector is the user's to
 * program. */
static struct syscall_error irq_decode_msi(const struct irq_control_args *args,
                                           struct irq_route *route)
{
    if (args->msi.pci_bus > PCI_BUS_MAX)
        return error_range(0, PCI_BUS_MAX);
    if (args->msi.pci_dev > PCI_DEV_MAX)
        return error_range(0, PCI_DEV_MAX);
    if (args->msi.pci_func > PCI_FUNC_MAX)
        return error_range(0, PCI_FUNC_MAX);
    *route = (struct irq_route){IRQ_SOURCE_MSI, 0};
    return error_none();
}

/* Route `irq` as decoded, then hand out its handler capability into `dest` (which unmasks
 * it, as seL4's setIRQState does). */
static void irq_issue(struct invocation *inv, const struct irq_control_args *args, word_t irq,
                      struct cte *dest, struct irq_route route)
{
    routes[irq] = route;
    if (route.source == IRQ_SOURCE_IOAPIC)
        ioapic_route(route.pin, args->ioapic.level, args->ioapic.polarity,
                     IRQ_VECTOR_OFFSET + irq);
    irq_control_issue(inv->slot, dest, irq);
}

/* GetIOAPIC and GetMSI (the CNode as extra capability), checked in seL4's order: label,
 * length, vector, IRQ free, destination slot, then the label's own arguments. */
struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    bool ioapic = inv->label == X86IRQIssueIRQHandlerIOAPIC;
    if (!ioapic && inv->label != X86IRQIssueIRQHandlerMSI)
        return error_plain(seL4_IllegalOperation);
    struct irq_control_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    if (args.vector > IRQ_USER_MAX - IRQ_USER_MIN)
        return error_range(0, IRQ_USER_MAX - IRQ_USER_MIN);
    word_t irq = IRQ_USER_MIN + args.vector;
    if (interrupt_state(irq) != IRQ_INACTIVE)
        return error_plain(seL4_RevokeFirst);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, args.index, args.depth,
                                                    &error);
    if (!dest)
        return error;
    struct irq_route route;
    error = ioapic ? irq_decode_ioapic(&args, &route) : irq_decode_msi(&args, &route);
    if (!error_is_none(error))
        return error;
    irq_issue(inv, &args, irq, dest, route);
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
