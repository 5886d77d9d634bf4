/* Building the root task at boot: its image, IPC buffer, boot info and first thread. */
#pragma once
#include <core/boot.h>
#include <object/tcb.h>

/* Load the root task ELF named by params into a new address space and return its thread,
 * ready to enter user mode. Panics with the reason if the ELF is unusable or memory short. */
struct tcb *root_task_create(const struct boot_params *params);
