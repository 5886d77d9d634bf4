/*
 * The serial protocol sel4bench speaks (DESIGN §6; harness/protocol.py reads it): JSON lines
 * behind the tag "@bench ", a header, one record per case, and an end line with the number
 * of cases and the CRC32 (IEEE, as zlib's) of the case records, each record's JSON followed
 * by its "\n". Any other console line is not data.
 */
#pragma once
#include "bench.h"

struct bench_header {
    const char *board, *arch, *counter, *variant, *toolchain, *compiler, *commit;
    uint64_t counter_hz;        /* 0: unknown */
    int samples, warmup;
};

void protocol_header(const struct bench_header *header);
/* One case: its id, parameters, counter overhead and samples[0 .. count). */
void protocol_case(const struct bench_case *bench, uint64_t overhead, const uint64_t *samples,
                   int count);
void protocol_end(void);
/* A console line that is not data (setup failures, progress), "# sel4bench: " first. */
__attribute__((format(printf, 1, 2))) void protocol_note(const char *format, ...);
