/* The libgcc / compiler-rt bit scans the compilers call for __builtin_clzl and
 * __builtin_ctzl: rv64imac has no Zbb instructions and the kernel links no runtime library.
 * Written without the builtins, since a builtin here would call itself. Undefined for 0, as
 * the builtins. */
int __clzdi2(unsigned long value);
int __ctzdi2(unsigned long value);

/* A de Bruijn sequence B(2, 6): multiplied by a power of two 2^k, its top six bits are
 * different for each k, so they index a table of 63 - k. The scheduler finds the highest
 * ready priority with two of these per choice, so it is straight-line code with one multiply
 * (rv64imac has M) rather than a loop of six tests. */
#define DE_BRUIJN_64 0x022fdd63cc95386dul
static const unsigned char clz_by_de_bruijn_index[64] = {
    63, 62, 61, 10, 60, 56, 9,  36, 59, 25, 22, 55, 29, 8,  15, 35,
    1,  58, 24, 17, 19, 21, 41, 54, 39, 28, 4,  7,  14, 45, 34, 52,
    0,  11, 57, 37, 26, 23, 30, 16, 2,  18, 20, 42, 40, 5,  46, 53,
    12, 38, 27, 31, 3,  43, 6,  47, 13, 32, 44, 48, 33, 49, 50, 51,
};

int __clzdi2(unsigned long value)
{
    /* Every bit below the highest set one set too, then the highest one alone. */
    value |= value >> 1;
    value |= value >> 2;
    value |= value >> 4;
    value |= value >> 8;
    value |= value >> 16;
    value |= value >> 32;
    value ^= value >> 1;
    return clz_by_de_bruijn_index[(value * DE_BRUIJN_64) >> 58];
}

int __ctzdi2(unsigned long value)
{
    int count = 0;
    for (int shift = 32; shift; shift >>= 1) {
        if (!(value & ((1ul << shift) - 1))) {
            count += shift;
            value >>= shift;
        }
    }
    return count;
}
