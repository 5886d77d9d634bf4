/* Stand-in arch for host unit tests: one capability type of its own, a VSpace root (frames
 * are generic, object/frame.h). */
#pragma once
#define FAKE_CAP_VSPACE 3
#include <stdbool.h>
#include <types.h>
/* Which interrupts the stand-in controller has masked, and the timer's (FAKE_TIMER_IRQ, the
 * top one, unless a test moves it). */
extern bool fake_irq_masked[];
extern word_t fake_timer_irq;
/* How many times the generic code asked to unmap a frame. */
extern unsigned fake_frame_unmaps;
#include <stdint.h>
/* The counter's value (ticks of 1 us), the timer deadline the kernel last set, and the
 * timer's precision (0 unless a test sets it before scheduler_init). */
extern uint64_t fake_time_now;
extern uint64_t fake_timer_deadline;
extern uint64_t fake_timer_precision;
