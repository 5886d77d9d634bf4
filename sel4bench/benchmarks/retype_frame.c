/* Retype of one 4 KiB frame (which the kernel zeroes) from an untyped with no other
 * children; the frame is deleted after each sample, which lets the untyped start over. */
#include "bench.h"

#define RETYPE_UNTYPED_BITS 14

bool bench_retype_frame(struct env *env, const struct bench_params *params, uint64_t *samples,
                        int count)
{
    (void)params;
    seL4_CPtr untyped = env_retype(env, seL4_UntypedObject, RETYPE_UNTYPED_BITS);
    seL4_CPtr slot = env_slot(env);
    if (!untyped || !slot)
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Error error = seL4_Untyped_Retype(untyped, platform_frame_type, 0,
                                               seL4_CapInitThreadCNode, 0, 0, slot, 1);
        uint64_t end = counter_read();
        samples[i] = end - start;
        if (error || seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits))
            return false;
    }
    return true;
}
