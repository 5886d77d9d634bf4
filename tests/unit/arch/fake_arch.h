/* Stand-in arch for host unit tests: one capability type of its own, a VSpace root (frames
 * are generic, object/frame.h). */
#pragma once
#define FAKE_CAP_VSPACE 3
#include <stdbool.h>
/* Which interrupts the stand-in controller has masked. */
extern bool fake_irq_masked[];
#include <stdint.h>
/* The counter's value (ticks of 1 us), the timer deadline the kernel last set, and the
 * timer's precision (0 unless a test sets it before scheduler_init). */
extern uint64_t fake_time_now;
extern uint64_t fake_timer_deadline;
extern uint64_t fake_timer_precision;
