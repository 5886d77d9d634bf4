/* Stand-in arch for host unit tests: two capability types, a 4 KiB frame and a VSpace root. */
#pragma once
#define FAKE_CAP_FRAME 1
#define FAKE_CAP_VSPACE 3
#include <stdbool.h>
/* Which interrupts the stand-in controller has masked. */
extern bool fake_irq_masked[];
