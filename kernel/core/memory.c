/* Boot-time physical memory: the free list and the allocator for boot-time objects
 * (the root task's image, its tables, IPC buffer and boot info). */
#include <arch.h>
#include <core/memory.h>
#include <lib/printf.h>
#include <lib/string.h>

static struct memory_region free_regions[BOOT_MAX_REGIONS * 2];
static unsigned free_count;

static bool add_region(struct memory_region *table, unsigned *count, paddr_t start, paddr_t end)
{
    if (*count == BOOT_MAX_REGIONS) {
        kprintf("boot: region table full, ignoring [%lx, %lx)\n", start, end);
        return false;
    }
    table[(*count)++] = (struct memory_region){start, end};
    return true;
}

bool boot_params_add_ram(struct boot_params *params, paddr_t start, paddr_t end)
{
    return add_region(params->ram, &params->ram_count, start, end);
}

bool boot_params_add_reserved(struct boot_params *params, paddr_t start, paddr_t end)
{
    return add_region(params->reserved, &params->reserved_count, start, end);
}

static void remove_free_entry(unsigned i)
{
    free_regions[i] = free_regions[--free_count];
}

/* Cut [start, end) out of every free region, splitting a region that holds it. */
static void carve_out(paddr_t start, paddr_t end)
{
    for (unsigned i = 0; i < free_count; i++) {
        struct memory_region r = free_regions[i];
        if (end <= r.start || start >= r.end)
            continue;
        if (start > r.start && end < r.end && free_count < ARRAY_SIZE(free_regions)) {
            free_regions[i].end = start;
            free_regions[free_count++] = (struct memory_region){end, r.end};
        } else if (start > r.start) {
            free_regions[i].end = start;
        } else if (end < r.end) {
            free_regions[i].start = end;
        } else {
            remove_free_entry(i--);
        }
    }
}

void memory_init(const struct boot_params *params)
{
    free_count = 0;
    for (unsigned i = 0; i < params->ram_count; i++) {
        paddr_t start = ROUND_UP(params->ram[i].start, PAGE_SIZE);
        paddr_t end = ROUND_DOWN(params->ram[i].end, PAGE_SIZE);
        if (start < end)
            free_regions[free_count++] = (struct memory_region){start, end};
    }
    for (unsigned i = 0; i < params->reserved_count; i++) {
        carve_out(ROUND_DOWN(params->reserved[i].start, PAGE_SIZE),
                  ROUND_UP(params->reserved[i].end, PAGE_SIZE));
    }
    /* Physical page 0 is never handed out: 0 means "no memory" to the callers. */
    carve_out(0, PAGE_SIZE);
}

paddr_t boot_alloc_pages(word_t pages)
{
    word_t bytes = pages * PAGE_SIZE;
    for (unsigned i = 0; i < free_count; i++) {
        struct memory_region *r = &free_regions[i];
        if (r->end - r->start < bytes)
            continue;
        paddr_t start = r->start;
        r->start += bytes;
        memset(arch_phys_to_virt(start), 0, bytes);
        return start;
    }
    return 0;
}

paddr_t boot_alloc_frame(void)
{
    return boot_alloc_pages(1);
}

const struct memory_region *memory_free_regions(unsigned *count)
{
    *count = free_count;
    return free_regions;
}

void memory_retire(void)
{
    free_count = 0;
}

word_t memory_free_bytes(void)
{
    word_t total = 0;
    for (unsigned i = 0; i < free_count; i++)
        total += free_regions[i].end - free_regions[i].start;
    return total;
}

unsigned memory_free_region_count(void)
{
    return free_count;
}
