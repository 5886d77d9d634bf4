/* Frames: their invocations, and unmapping. Arch-private. */
#pragma once
#include <api/invocation.h>
#include <arch/cap.h>

/* Decode and perform an invocation of a frame capability (Map, Unmap, GetAddress). */
struct syscall_error frame_decode(struct invocation *inv);
/* Remove the mapping the frame capability `frame` records, if it is still in place. */
void frame_unmap(struct cap frame);
/* Frame rights after a Map or Copy with seL4_CapRights_t `cap_rights`. */
enum vm_rights vm_rights_mask(enum vm_rights rights, word_t cap_rights);

