/* Boot-time physical memory: free RAM is what the board's memory map gives, less every
 * reserved region. Objects made after boot come from untyped memory instead. */
#pragma once
#include <core/boot.h>

/* Build the free list from params (RAM minus reservations, page-aligned inwards). */
void memory_init(const struct boot_params *params);
/* `pages` contiguous zeroed frames; 0 when no free region is large enough. */
paddr_t boot_alloc_pages(word_t pages);
/* The free regions left (for turning them into untyped memory at the end of boot). */
const struct memory_region *memory_free_regions(unsigned *count);
/* Boot allocation is over: the free memory has become untyped; nothing more is handed out. */
void memory_retire(void);
/* Total free bytes left, and the number of free regions, for the boot report. */
word_t memory_free_bytes(void);
unsigned memory_free_region_count(void);
