/*
 * Segments: the GDT (kernel and user code and data, the TSS) and the TSS itself, whose rsp0
 * is where the CPU saves user state on a trap from user mode (current_thread's context, see
 * arch/context.h) and whose first IST entry is the emergency stack for NMI, double fault and
 * machine check.
 */
#include <arch.h>
#include <arch/segments.h>
#include <arch/trap.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t io_map_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS");
_Static_assert(__builtin_offsetof(struct tss, rsp) == TSS_RSP0, "entry.S reads rsp0");

/* entry.S reads rsp0 from here on SYSCALL. */
struct tss kernel_tss;

#define DESCRIPTOR_KERNEL_CODE 0x00af9a000000ffffull /* 64-bit, DPL 0 */
#define DESCRIPTOR_KERNEL_DATA 0x00cf92000000ffffull
#define DESCRIPTOR_USER_DATA 0x00cff2000000ffffull /* DPL 3 */
#define DESCRIPTOR_USER_CODE 0x00affa000000ffffull /* 64-bit, DPL 3 */
#define DESCRIPTOR_TSS_TYPE 0x89ull              /* present, available 64-bit TSS */

static uint64_t gdt[7] __attribute__((aligned(16)));

/* The TSS descriptor takes two GDT slots: base and limit spread as in a segment, then the
 * upper half of the base. */
static void gdt_set_tss(unsigned slot, const struct tss *tss)
{
    uint64_t base = (uint64_t)tss, limit = sizeof(*tss) - 1;
    gdt[slot] = (limit & 0xffff) | (base & 0xffffff) << 16 | DESCRIPTOR_TSS_TYPE << 40 |
                (limit >> 16 & 0xf) << 48 | (base >> 24 & 0xff) << 56;
    gdt[slot + 1] = base >> 32;
}

static void gdt_load(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) pointer = {sizeof(gdt) - 1, (uint64_t)gdt};
    word_t scratch;
    /* lretq reloads cs; null ds and es are fine in 64-bit mode at any privilege. */
    __asm__ volatile("lgdt %1\n\t"
                     "pushq %2\n\t"
                     "leaq 1f(%%rip), %0\n\t"
                     "pushq %0\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movl %3, %k0\n\t"
                     "movl %k0, %%ss\n\t"
                     "xorl %k0, %k0\n\t"
                     "movl %k0, %%ds\n\t"
                     "movl %k0, %%es\n\t"
                     "movw %4, %w0\n\t"
                     "ltr %w0"
                     : "=&r"(scratch)
                     : "m"(pointer), "i"(SEL_KERNEL_CODE), "i"(SEL_KERNEL_DATA), "i"(SEL_TSS)
                     : "memory");
}

void gdt_init(void)
{
    gdt[SEL_KERNEL_CODE / 8] = DESCRIPTOR_KERNEL_CODE;
    gdt[SEL_KERNEL_DATA / 8] = DESCRIPTOR_KERNEL_DATA;
    gdt[SEL_USER_DATA / 8] = DESCRIPTOR_USER_DATA;
    gdt[SEL_USER_CODE / 8] = DESCRIPTOR_USER_CODE;
    kernel_tss.ist[IST_EMERGENCY - 1] = (uint64_t)emergency_stack_top;
    kernel_tss.io_map_base = sizeof(kernel_tss); /* no I/O bitmap: every port denied to users */
    gdt_set_tss(SEL_TSS / 8, &kernel_tss);
    gdt_load();
}

void tss_set_user_frame_end(word_t address)
{
    kernel_tss.rsp[0] = address;
}
