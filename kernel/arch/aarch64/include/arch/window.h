/* The kernel's window onto physical memory (machine.h: PHYS_WINDOW_VBASE + p). It starts
 * empty; boot code and drivers map what they use before touching it through
 * arch_phys_to_virt(). */
#pragma once
#include <types.h>

/* Map [start, end), widened to 2 MiB, as normal memory (RAM) or as Device-nGnRnE (MMIO).
 * Parts already mapped keep their mapping. False if the range lies outside the window or the
 * window has run out of tables. */
bool window_map_memory(paddr_t start, paddr_t end);
bool window_map_device(paddr_t start, paddr_t end);
/* True when the window maps `paddr` as normal memory (RAM). */
bool window_is_memory(paddr_t paddr);
