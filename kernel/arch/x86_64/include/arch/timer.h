/* The kernel timer (timer.c), and the TSC frequency it measured. */
#pragma once
#include <types.h>

/* TSC cycles per microsecond, as measured against the PIT by arch_init_timer. */
uint32_t timer_tsc_mhz(void);
