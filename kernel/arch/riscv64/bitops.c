/* The libgcc / compiler-rt bit scans the compilers call for __builtin_clzl and
 * __builtin_ctzl: rv64imac has no Zbb instructions and the kernel links no runtime library.
 * Written as loops, since a builtin here would call itself. Undefined for 0, as the builtins. */
int __clzdi2(unsigned long value);
int __ctzdi2(unsigned long value);

int __clzdi2(unsigned long value)
{
    int count = 0;
    for (int shift = 32; shift; shift >>= 1) {
        if (!(value >> (64 - shift))) {
            count += shift;
            value <<= shift;
        }
    }
    return count;
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
