/* The decoders of riscv64's own capability types (page_table.c). Arch-private. */
#pragma once
#include <api/invocation.h>

/* Decode and perform an invocation of a page-table capability (Map, Unmap). */
struct syscall_error page_table_decode(struct invocation *inv);
/* The last capability to a page table is going: take it out of its VSpace, or, for a VSpace
 * root, free its ASID. */
void page_table_finalise(struct cap cap);
