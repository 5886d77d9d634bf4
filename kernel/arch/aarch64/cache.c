/* Cache maintenance by physical address, done through the kernel's window: the data caches
 * are physically tagged, so operating on the window's alias reaches the same lines as the
 * user's mapping, and the instruction cache is invalidated whole, which needs no alias.
 * Under QEMU the caches are not modelled, but these are the operations real hardware needs. */
#include <arch.h>
#include <arch/cache.h>
#include <arch/sysreg.h>
#include <arch/window.h>
#include <sel4/arch/invocation_labels.h>

#define CTR_DMINLINE_SHIFT 16

static word_t dcache_line(void)
{
    return 4ul << ((sysreg_read(ctr_el0) >> CTR_DMINLINE_SHIFT) & MASK(4));
}

static void dc_line(enum cache_op op, word_t va)
{
    switch (op) {
    case CACHE_CLEAN:
        __asm__ volatile("dc cvac, %0" : : "r"(va) : "memory");
        break;
    case CACHE_INVALIDATE:
        __asm__ volatile("dc ivac, %0" : : "r"(va) : "memory");
        break;
    case CACHE_CLEAN_INVALIDATE:
        __asm__ volatile("dc civac, %0" : : "r"(va) : "memory");
        break;
    case CACHE_UNIFY:
        __asm__ volatile("dc cvau, %0" : : "r"(va) : "memory");
        break;
    }
}

void cache_maintain(enum cache_op op, paddr_t start, word_t bytes)
{
    if (!bytes || !window_is_memory(start))
        return;
    word_t line = dcache_line();
    word_t va = (word_t)arch_phys_to_virt(start), end = va + bytes;
    for (word_t at = ROUND_DOWN(va, line); at < end; at += line) {
        /* Invalidating a line the range only partly covers would discard its neighbours'
         * data too: those lines are cleaned as well. */
        bool partial = at < va || at + line > end;
        dc_line(op == CACHE_INVALIDATE && partial ? CACHE_CLEAN_INVALIDATE : op, at);
    }
    dsb_ish();
    if (op == CACHE_UNIFY) {
        __asm__ volatile("ic ialluis" ::: "memory");
        dsb_ish();
        isb();
    }
}

enum cache_op cache_op_of_label(word_t label)
{
    switch (label) {
    case ARMPageClean_Data:
    case ARMVSpaceClean_Data:
        return CACHE_CLEAN;
    case ARMPageInvalidate_Data:
    case ARMVSpaceInvalidate_Data:
        return CACHE_INVALIDATE;
    case ARMPageCleanInvalidate_Data:
    case ARMVSpaceCleanInvalidate_Data:
        return CACHE_CLEAN_INVALIDATE;
    default:
        return CACHE_UNIFY;
    }
}
