/* The decoders of aarch64's capability types, one file each (frame.c, page_table.c,
 * vspace_root.c, asid_pool.c, irq_control.c), and the checks they share. object.c
 * dispatches to them. */
#pragma once
#include <api/invocation.h>

struct syscall_error frame_decode(struct invocation *inv);
struct syscall_error page_table_decode(struct invocation *inv);
struct syscall_error vspace_decode(struct invocation *inv);
struct syscall_error asid_control_decode(struct invocation *inv);
struct syscall_error asid_pool_decode(struct invocation *inv);
struct syscall_error sgi_signal_decode(struct invocation *inv);

/* seL4's checks of a VSpace capability an invocation names (as capability `cap_index`):
 * it must be an assigned VSpace whose ASID still names it. Its root table and ASID. */
struct syscall_error vspace_check_cap(struct cap cap, word_t cap_index, paddr_t *root,
                                      word_t *asid);
/* FailedLookup for an ASID that names no VSpace (seL4 reports an invalid root). */
struct syscall_error error_no_vspace(void);

/* Frames: seL4's maskVMRights (cap_rights in CAP_RIGHT_* bits), and removing the mapping a
 * frame capability records, if the tables still hold it. */
word_t frame_mask_vm_rights(word_t vm_rights, word_t cap_rights);
void frame_unmap(struct cap cap);
