/* The freestanding memset, memcpy and memmove (kernel/libsel4/common/string.c), compiled for
 * the host under other names, against byte-by-byte references: every alignment of source and
 * destination and every length up to a few words, and no byte outside the range touched. */
#include <string.h>
#include "unit.h"

int fixture_changed_on_error;

void *kernel_memcpy(void *dest, const void *src, size_t n);
void *kernel_memset(void *dest, int c, size_t n);
void *kernel_memmove(void *dest, const void *src, size_t n);

#define SPAN 64
#define GUARD 16

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 37 + 11);
}

static void fill(unsigned char *buffer, size_t size, unsigned char salt)
{
    for (size_t i = 0; i < size; i++)
        buffer[i] = pattern(i) ^ salt;
}

int main(void)
{
    static unsigned char got[SPAN + 2 * GUARD], want[SPAN + 2 * GUARD], src[SPAN + 2 * GUARD];
    _Alignas(8) static unsigned char base[SPAN + 2 * GUARD];
    for (size_t at = 0; at < 8; at++) {
        for (size_t n = 0; n <= SPAN - 8; n++) {
            fill(base, sizeof(base), 0);
            kernel_memset(base + GUARD + at, 0xa5, n);
            fill(want, sizeof(want), 0);
            for (size_t i = 0; i < n; i++)
                want[GUARD + at + i] = 0xa5;
            CHECK(!memcmp(base, want, sizeof(want)));
            CHECK(kernel_memset(base + GUARD + at, 0, n) == base + GUARD + at);
        }
    }
    for (size_t to = 0; to < 8; to++) {
        for (size_t from = 0; from < 8; from++) {
            for (size_t n = 0; n <= SPAN - 8; n++) {
                fill(base, sizeof(base), 0);
                fill(src, sizeof(src), 0x5a);
                memcpy(want, base, sizeof(want));
                for (size_t i = 0; i < n; i++)
                    want[GUARD + to + i] = src[GUARD + from + i];
                CHECK(kernel_memcpy(base + GUARD + to, src + GUARD + from, n) ==
                      base + GUARD + to);
                CHECK(!memcmp(base, want, sizeof(want)));
                /* Overlapping, both ways, within one buffer. */
                fill(base, sizeof(base), 0);
                memcpy(got, base, sizeof(got));
                for (size_t i = 0; i < n; i++)
                    want[i] = got[GUARD + from + i];
                memcpy(got + GUARD + to, want, n);
                kernel_memmove(base + GUARD + to, base + GUARD + from, n);
                CHECK(!memcmp(base, got, sizeof(got)));
            }
        }
    }
    return unit_report("test_string");
}
