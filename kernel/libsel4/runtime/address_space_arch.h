/* What each arch supplies to runtime/address_space.c (kernel/libsel4/arch/<arch>/
 * address_space.c): its object types and its Map and Assign invocations. Private to the
 * runtime; sel4runtime_page_type, public, is the arch's too. */
#pragma once
#include <sel4/sel4.h>

/* The object type of a VSpace root (a fixed-size object). */
seL4_Word sel4runtime_arch_vspace_type(void);
/* Give `vspace` an ASID from `pool`: the pool's Assign error. */
seL4_Error sel4runtime_arch_assign_asid(seL4_CPtr pool, seL4_CPtr vspace);
/* Map the 4 KiB `frame` at `vaddr` in `vspace`, read-write and executable, default cache
 * attributes: the Map's error (FailedLookup with the bits left in MR2 if a table is missing). */
seL4_Error sel4runtime_arch_map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr);
/* The page-table object type that fills the level a lookup missed with `bits_left` bits of
 * the address still unresolved. */
seL4_Word sel4runtime_arch_table_type(seL4_Word bits_left);
/* Map `table`, of `type`, at `vaddr` in `vspace` at the level its type (and, where all levels
 * share a type, the first missing level) says: the Map's error. */
seL4_Error sel4runtime_arch_map_table(seL4_Word type, seL4_CPtr table, seL4_CPtr vspace,
                                      seL4_Word vaddr);
