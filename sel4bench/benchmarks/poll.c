/* Poll (NBWait) on an idle notification: nothing pending, nothing changes. */
#include "bench.h"

bool bench_poll(struct env *env, const struct bench_params *params, uint64_t *samples,
                int count)
{
    (void)params;
    seL4_CPtr notification = env_retype(env, seL4_NotificationObject, 0);
    if (!notification)
        return false;
    for (int i = 0; i < count; i++) {
        uint64_t start = counter_read();
        seL4_Poll(notification, 0);
        uint64_t end = counter_read();
        samples[i] = end - start;
    }
    return true;
}
