/* The system test of the device-tree chunk, for the arch tables of the boards that boot with
 * a device tree (aarch64, riscv64). */
#pragma once
#include "system_test.h"

/* The extra boot info is one FDT chunk holding the packed tree, within the mapped extra
 * boot-info frames, and the tree parses (ABI §6.2, §11 row 6). */
void test_device_tree_chunk(struct env *env);
