/* DomainSet_Set with seL4's checks. With a single domain it changes nothing, but it answers as
 * seL4 does; the domain schedule (ScheduleConfigure, ScheduleSetStart) needs more than one
 * domain to mean anything and is refused. */
#include <api/invocation.h>
#include <object/domain.h>
#include <sel4/invocation_labels.h>

/* DomainSet_Set's message words (ABI §5.6); the thread comes as extra capability. */
struct domain_set_args {
    word_t domain;
};

static struct syscall_error domain_decode_set(struct invocation *inv)
{
    struct domain_set_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    if (args.domain >= NUM_DOMAINS)
        return error_invalid_argument(0);
    if (inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    if (cap_type(inv->extra[0]->cap) != CAP_THREAD)
        return error_invalid_argument(1);
    return error_none();
}

struct syscall_error domain_decode(struct invocation *inv)
{
    if (inv->label == DomainSetSet)
        return domain_decode_set(inv);
    return error_plain(seL4_IllegalOperation);
}
