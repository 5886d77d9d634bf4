/* Boot-time physical memory: free RAM is what the board's memory map gives, less every
 * reserved region. Objects made after boot come from untyped memory instead. */
#pragma once
#include <core/boot.h>

/* Build the free list from params (RAM minus reservations, page-aligned inwards). */
void memory_init(const struct boot_params *params);
/* `pages` contiguous zeroed frames; 0 when no free region is large enough. */
paddr_t boot_alloc_pages(word_t pages);
/* Total free bytes left, and the number of free regions, for the boot report. */
word_t memory_free_bytes(void);
unsigned memory_free_region_count(void);
