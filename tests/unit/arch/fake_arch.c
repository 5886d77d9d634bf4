/* Stand-in arch hooks for host unit tests: an arch with no objects or capabilities of its
 * own, so the generic decoders can be exercised alone. */
#include <api/invocation.h>
#include <arch.h>
#include "fake_arch.h"
#include <core/memory.h>
#include <core/stop.h>
#include <object/frame.h>
#include <lib/printf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

word_t arch_object_size_bits(word_t type)
{
    (void)type;
    return 0;
}

struct cap arch_object_create(word_t type, paddr_t paddr, bool device)
{
    (void)type, (void)paddr, (void)device;
    return cap_null();
}

void arch_object_finalise(struct cap cap)
{
    (void)cap;
}

bool arch_is_frame_type(word_t type)
{
    (void)type;
    return false;
}

struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived)
{
    *derived = cap;
    return error_none();
}

bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap)
{
    (void)new_cap, (void)src_cap;
    return false;
}

struct syscall_error arch_decode_invocation(struct invocation *inv)
{
    (void)inv;
    return error_plain(seL4_IllegalOperation);
}

/* Frames map nowhere here: no table has a slot for them. */
struct syscall_error arch_frame_lookup_slot(struct frame_map *map)
{
    (void)map;
    return error_plain(seL4_DeleteFirst);
}

void arch_frame_map(const struct frame_map *map)
{
    (void)map;
}

/* Counted, for tests of when the generic code unmaps. */
unsigned fake_frame_unmaps;

void arch_frame_unmap(paddr_t root, struct cap frame)
{
    (void)root, (void)frame;
    fake_frame_unmaps++;
}

void arch_vspace_assign(paddr_t root)
{
    (void)root;
}

void arch_vspace_asid_deleted(paddr_t root)
{
    (void)root;
}

/* A root of its own, as on the real arches (never 0, which names no VSpace). */
paddr_t arch_vspace_empty_root(void)
{
    static _Alignas(PAGE_SIZE) uint8_t empty_root[PAGE_SIZE];
    return (paddr_t)empty_root;
}

/* Interrupts 1..30 may have handlers; 31 is the timer. The mask state is kept to check. */
bool fake_irq_masked[ARCH_MAX_IRQ + 1];

struct syscall_error arch_irq_check(word_t irq)
{
    return irq < 1 || irq > ARCH_MAX_IRQ ? error_range(1, ARCH_MAX_IRQ) : error_none();
}

struct syscall_error arch_decode_irq_control(struct invocation *inv)
{
    (void)inv;
    return error_plain(seL4_IllegalOperation);
}

void arch_irq_mask(word_t irq)
{
    fake_irq_masked[irq] = true;
}

void arch_irq_unmask(word_t irq)
{
    fake_irq_masked[irq] = false;
}

word_t fake_timer_irq = FAKE_TIMER_IRQ;

word_t arch_timer_irq(void)
{
    return fake_timer_irq;
}

/* Boot memory for the host: aligned heap pages (never freed; tests are short). */
paddr_t boot_alloc_pages(word_t pages)
{
    void *p = aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);
    memset(p, 0, pages * PAGE_SIZE);
    return (paddr_t)p;
}

void kprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
}

/* The reason on the console (tests of the boot read it), then a stop the test sees. */
void kernel_panic(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
    fflush(stdout);
    abort();
}

void arch_context_init_user(struct arch_context *context, vaddr_t entry)
{
    *context = (struct arch_context){{0}, 0};
    (void)entry;
}

/* As every arch's: indices past seL4_UserContext read 0 and write nothing. */
word_t arch_user_context_get(const struct arch_context *context, word_t index)
{
    return index < ARCH_USER_CONTEXT_WORDS ? context->regs[index] : 0;
}

void arch_user_context_set(struct arch_context *context, word_t index, word_t value)
{
    if (index < ARCH_USER_CONTEXT_WORDS)
        context->regs[index] = value;
}

void arch_context_print(const struct arch_context *context)
{
    (void)context;
}

void arch_set_tls_base(struct arch_context *context, word_t base)
{
    context->tls_base = base;
}

/* The stand-in VSpace capability names its root table directly. */
paddr_t arch_vspace_root(struct cap cap)
{
    return cap_type(cap) == FAKE_CAP_VSPACE ? cap_object(cap) : 0;
}

/* Time: one counter tick per microsecond, so tests read in the ABI's unit; tests move it. */
uint64_t fake_time_now;
uint64_t fake_timer_deadline;

uint64_t arch_time_now(void)
{
    return fake_time_now;
}

uint64_t arch_time_hz(void)
{
    return 1000000;
}

uint64_t fake_timer_precision;

uint64_t arch_timer_precision(void)
{
    return fake_timer_precision;
}

void arch_timer_set_deadline(uint64_t deadline)
{
    fake_timer_deadline = deadline;
}
