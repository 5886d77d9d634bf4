/* Calls into the SBI firmware (OpenSBI) below the kernel. Arch-private. */
#pragma once
#include <types.h>

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45 /* "TIME" */

/* True when the firmware implements extension `eid` (Base extension, probe_extension). */
bool sbi_probe_extension(word_t eid);
/* Program the supervisor timer to fire when `time` reaches `deadline`; clears a pending one. */
void sbi_set_timer(uint64_t deadline);
