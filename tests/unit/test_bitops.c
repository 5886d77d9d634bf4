/* The riscv64 kernel's own count-leading/trailing-zeros (kernel/arch/riscv64/bitops.c, the
 * helpers GCC calls for __builtin_clzl and __builtin_ctzl without Zbb), compiled for the host
 * under other names and checked against the host's builtins: every single bit, every bit with
 * all or some of the bits below it, and a spread of other values. */
#include "unit.h"

int fixture_changed_on_error;

int riscv64_clzdi2(unsigned long value);
int riscv64_ctzdi2(unsigned long value);

static void check_value(unsigned long value)
{
    CHECK_EQ(riscv64_clzdi2(value), __builtin_clzl(value));
    CHECK_EQ(riscv64_ctzdi2(value), __builtin_ctzl(value));
}

int main(void)
{
    for (int k = 0; k < 64; k++) {
        unsigned long bit = 1ul << k;
        check_value(bit);
        check_value(bit | (bit - 1));
        check_value(bit | ((bit - 1) & 0x5555555555555555ul));
        check_value(bit | (bit >> 1));
        check_value(~0ul << k);
    }
    unsigned long x = 0x9e3779b97f4a7c15ul; /* xorshift64, fixed seed */
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (x >> (i % 64))
            check_value(x >> (i % 64));
    }
    return unit_report("test_bitops");
}
