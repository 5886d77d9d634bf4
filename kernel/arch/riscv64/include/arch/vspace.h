/* The kernel's own Sv39 tables, for boot. Arch-private. */
#pragma once
#include <types.h>

/* Build the kernel's tables -- the physical window over [0, window_end) in gigapages and the
 * kernel image in 4 KiB pages with W^X permissions -- and switch to them. Runs once, on the
 * boot table from head.S. */
void vspace_init_kernel(paddr_t window_end);
/* Switch to the address space whose root table is at `root` (user or kernel). */
void vspace_activate(paddr_t root);
