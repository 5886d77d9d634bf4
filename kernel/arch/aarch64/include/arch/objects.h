/* The decoders of aarch64's own capability types, one file each (frame.c: the cache
 * maintenance labels; page_table.c, vspace_root.c, irq_control.c), and the check they share.
 * object.c dispatches to them. */
#pragma once
#include <api/invocation.h>

struct syscall_error frame_decode_cache(struct invocation *inv);
struct syscall_error page_table_decode(struct invocation *inv);
struct syscall_error vspace_decode(struct invocation *inv);
struct syscall_error sgi_signal_decode(struct invocation *inv);

/* seL4's checks of a VSpace capability an invocation names (as capability `cap_index`):
 * it must be an assigned VSpace whose ASID still names it. Its root table and ASID. */
struct syscall_error vspace_check_cap(struct cap cap, word_t cap_index, paddr_t *root,
                                      word_t *asid);
