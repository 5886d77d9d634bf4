/*
 * SchedControl: the authority to give scheduling contexts time. ConfigureFlags checks budget
 * and period against the kernel's limits and the refill count against the context's size, as
 * seL4 does, then configures.
 */
#include <api/invocation.h>
#include <object/sched_context.h>
#include <sel4/invocation_labels.h>

/* SchedControl_ConfigureFlags's message words (ABI §5.6; times in µs). */
struct sched_control_configure_args {
    word_t budget_us, period_us, extra_refills, badge, flags;
};

static struct syscall_error check_configure(const struct sched_control_configure_args *a,
                                            struct cap sc_cap)
{
    word_t max_extra = sched_context_refills_fit(cap_sched_context_size_bits(sc_cap)) - MIN_REFILLS;
    if (a->budget_us < MIN_BUDGET_US || a->budget_us > MAX_PERIOD_US)
        return error_range(MIN_BUDGET_US, MAX_PERIOD_US);
    if (a->period_us < MIN_BUDGET_US || a->period_us > MAX_PERIOD_US)
        return error_range(MIN_BUDGET_US, MAX_PERIOD_US);
    if (a->period_us < a->budget_us)
        return error_range(MIN_BUDGET_US, a->period_us);
    if (a->extra_refills > max_extra)
        return error_range(0, max_extra);
    return error_none();
}

static struct syscall_error sched_control_decode_configure_flags(struct invocation *inv)
{
    struct sched_control_configure_args a;
    if (!invocation_read_args_and_caps(inv, &a, 1))
        return error_plain(seL4_TruncatedMessage);
    struct cap sc_cap = inv->extra[0]->cap;
    if (cap_type(sc_cap) != CAP_SCHED_CONTEXT)
        return error_invalid_capability(1);
    struct syscall_error error = check_configure(&a, sc_cap);
    if (error_is_none(error))
        sched_context_configure(sched_context_at(cap_object(sc_cap)), a.budget_us, a.period_us,
                                a.extra_refills, a.badge, a.flags);
    return error;
}

struct syscall_error sched_control_decode(struct invocation *inv)
{
    if (inv->label != SchedControlConfigureFlags)
        return error_plain(seL4_IllegalOperation);
    return sched_control_decode_configure_flags(inv);
}
