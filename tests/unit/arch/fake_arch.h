/* Stand-in arch for host unit tests: one capability type of its own, a VSpace root (frames
 * are generic, object/frame.h). */
#pragma once
#define FAKE_CAP_VSPACE 3
#include <stdbool.h>
/* Which interrupts the stand-in controller has masked. */
extern bool fake_irq_masked[];
