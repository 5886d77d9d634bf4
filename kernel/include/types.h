/* The kernel's basic types. Freestanding: only the compiler's own headers are used. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef unsigned long word_t;
typedef long sword_t;
typedef word_t paddr_t;
typedef word_t vaddr_t;
typedef word_t cptr_t;

#define BIT(n) (1ul << (n))
#define MASK(n) (BIT(n) - 1ul)
#define ROUND_DOWN(x, align) ((x) & ~((word_t)(align) - 1))
#define ROUND_UP(x, align) ROUND_DOWN((x) + (word_t)(align) - 1, (align))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define PAGE_BITS 12
#define PAGE_SIZE BIT(PAGE_BITS)

_Static_assert(sizeof(word_t) == 8, "64-bit kernels only");
