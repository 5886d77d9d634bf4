/* User address spaces (TTBR0), beyond what arch.h asks for. */
#pragma once
#include <types.h>

/* Make `root` the user address space (TTBR0_EL1); no-op when it already is. */
void vspace_activate(paddr_t root);
