/* Freestanding memory and string helpers, for root tasks and the kernel alike (the kernel
 * includes sel4common/string.h through lib/string.h). The compiler emits calls to memcpy and
 * memset for struct copies and initialisers, so every freestanding binary needs them. */
#include <sel4common/string.h>

/* Whole words where both ends allow: the kernel zeroes and copies structs and pages on its
 * IPC and retype paths, and a byte at a time costs three instructions a byte. The type may
 * alias anything, as the bytes it stands for. */
typedef unsigned long __attribute__((may_alias)) mem_word;
#define MEM_WORD sizeof(mem_word)

static int word_aligned(const void *p)
{
    return (unsigned long)p % MEM_WORD == 0;
}

void *memcpy(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (word_aligned(d) && word_aligned(s)) {
        for (; n >= MEM_WORD; n -= MEM_WORD, d += MEM_WORD, s += MEM_WORD)
            *(mem_word *)d = *(const mem_word *)s;
    }
    while (n--)
        *d++ = *s++;
    return dest;
}

void *memset(void *dest, int c, size_t n)
{
    unsigned char *d = dest;
    if (word_aligned(d)) {
        mem_word pattern = (unsigned char)c * (~0ul / 0xff); /* the byte in every lane */
        for (; n >= MEM_WORD; n -= MEM_WORD, d += MEM_WORD)
            *(mem_word *)d = pattern;
    }
    while (n--)
        *d++ = (unsigned char)c;
    return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (d < s)
        return memcpy(dest, src, n);
    while (n--)
        d[n] = s[n];
    return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y)
            return *x - *y;
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, (size_t)-1);
}
