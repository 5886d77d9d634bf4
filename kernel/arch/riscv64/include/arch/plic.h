/* The PLIC's per-hart context, claim and complete, for boot and the trap handler.
 * Arch-private. */
#pragma once
#include <types.h>

/* Route to `hart`'s S-mode context (before arch_init_interrupts; the default is hart 0). */
void plic_use_hart(word_t hart);
/* The highest-priority pending source of our context, now claimed; 0 when none is pending. */
word_t plic_claim(void);
/* Tell the PLIC the kernel is done with a claimed source. */
void plic_complete(word_t source);
