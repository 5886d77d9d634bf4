/* Reading a flattened device tree: its size, its memory and its reserved regions; and
 * packing it. */
#pragma once
#include <core/boot.h>

/* True when `blob` starts with a device tree header of a version we read. */
bool fdt_valid(const void *blob);
/* The blob's total size in bytes (valid blobs only). */
word_t fdt_total_size(const void *blob);
/* Close the gaps between the blob's blocks (reservation map, structure, strings), keeping
 * their order, and cut totalsize to the end of the last; returns the new totalsize. A blob
 * older than version 17 or with blocks out of place is left as it is (its totalsize is
 * returned). The blob must be valid and writable. */
word_t fdt_pack(void *blob);
/* Add every /memory range to params->ram and every reservation (the header's map and
 * /reserved-memory children) to params->reserved. False if the tree is malformed. */
bool fdt_read_memory(const void *blob, struct boot_params *params);
