/* Map and unmap of a 4 KiB frame in the runner's own address space, its page tables already
 * there (the first map, in the warm-up, makes them): the map alone, or the unmap alone. */
#include "bench.h"

#define MAP_VADDR 0x20000000ul

bool bench_map_frame(struct env *env, const struct bench_params *params, uint64_t *samples,
                     int count)
{
    (void)params;
    seL4_CPtr frame = env_retype(env, platform_frame_type, 0);
    if (!frame)
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Error error = platform_map_page(env, seL4_CapInitThreadVSpace, frame, MAP_VADDR,
                                             true);
        uint64_t end = counter_read();
        samples[i] = end - start;
        if (error || platform_unmap_page(frame))
            return false;
    }
    return true;
}

bool bench_unmap_frame(struct env *env, const struct bench_params *params, uint64_t *samples,
                       int count)
{
    (void)params;
    seL4_CPtr frame = env_retype(env, platform_frame_type, 0);
    if (!frame)
        return false;
    for (int i = 0; i < count; i++) {
        if (platform_map_page(env, seL4_CapInitThreadVSpace, frame, MAP_VADDR, true))
            return false;
        uint64_t start = counter_read();
        seL4_Error error = platform_unmap_page(frame);
        uint64_t end = counter_read();
        samples[i] = end - start;
        if (error)
            return false;
    }
    return true;
}
