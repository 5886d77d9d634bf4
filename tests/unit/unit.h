/* A minimal test runner for host unit tests: CHECK records a failure and goes on; each test
 * program ends with "N passed, N failed" and exits non-zero on any failure. */
#pragma once
#include <stdio.h>

static int unit_passed, unit_failed;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            unit_passed++;                                                            \
        } else {                                                                      \
            unit_failed++;                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                             \
    } while (0)

#define CHECK_EQ(a, b)                                                                   \
    do {                                                                                 \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
        if (a_ == b_) {                                                                  \
            unit_passed++;                                                               \
        } else {                                                                         \
            unit_failed++;                                                               \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %llu, %s = %llu\n", __FILE__, \
                    __LINE__, #a, a_, #b, b_);                                           \
        }                                                                                \
    } while (0)

extern int fixture_changed_on_error;

static inline int unit_report(const char *name)
{
    CHECK_EQ(fixture_changed_on_error, 0);
    printf("%s: %d passed, %d failed\n", name, unit_passed, unit_failed);
    return unit_failed != 0;
}
