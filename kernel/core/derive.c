/*
 * Deriving capabilities: rights masking, badges and guards, which capabilities may be
 * copied, and which copies are "revocable" (the originals of a badge, untypeds, IRQ
 * handlers), i.e. become parents of later copies. Arch capabilities follow the arch's rules.
 */
#include <arch.h>
#include <core/cspace.h>
#include <core/derive.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <sel4/types.h>

struct cap cap_mask_rights(struct cap cap, word_t rights)
{
    switch (cap_type(cap)) {
    case CAP_ENDPOINT:
        return cap_with_rights(cap, cap_rights(cap) & rights);
    case CAP_NOTIFICATION:
        return cap_with_rights(cap, cap_rights(cap) & rights &
                                        (CAP_RIGHT_READ | CAP_RIGHT_WRITE));
    case CAP_REPLY:
        return cap_with_field(cap, 48, 1, cap_field(cap, 48, 1) & !!(rights & CAP_RIGHT_GRANT));
    case CAP_FRAME:
        return cap_frame_with_rights(cap, vm_rights_mask(cap_frame_rights(cap), rights));
    default:
        return cap;
    }
}

/* A CNode capability with the guard of `data` (ABI §3.3), if it still fits in a word. */
static struct cap cnode_with_guard(struct cap cap, word_t data)
{
    word_t guard_size = data & MASK(6), guard = data >> 6;
    if (guard_size + cap_cnode_radix(cap) > seL4_WordBits)
        return cap_null();
    guard = guard_size ? guard & MASK(guard_size) : 0;
    return cap_cnode(cap_object(cap), cap_cnode_radix(cap), guard_size, guard);
}

struct cap cap_update_data(struct cap cap, word_t data, bool preserve)
{
    switch (cap_type(cap)) {
    case CAP_ENDPOINT:
    case CAP_NOTIFICATION:
        if (preserve || cap_badge(cap))
            return cap_null();
        cap.words[1] = data;
        return cap;
    case CAP_CNODE:
        return cnode_with_guard(cap, data);
    default:
        return cap; /* no other capability takes badge or guard data */
    }
}

struct syscall_error cap_derive(const struct cte *slot, struct cap cap, struct cap *derived)
{
    if (cap_type(cap) == CAP_FRAME) {
        *derived = cap_with_mapping(cap, ASID_INVALID, 0); /* each copy maps on its own */
        return error_none();
    }
    if (cap_is_arch(cap))
        return arch_cap_derive(cap, derived);
    *derived = cap;
    switch (cap_type(cap)) {
    case CAP_IRQ_CONTROL:
        *derived = cap_null();
        break;
    case CAP_UNTYPED:
        if (cspace_has_children(slot))
            return error_plain(seL4_RevokeFirst);
        break;
    default:
        break;
    }
    return error_none();
}

static bool is_revocable(struct cap new_cap, struct cap src_cap)
{
    switch (cap_type(new_cap)) {
    case CAP_ENDPOINT:
    case CAP_NOTIFICATION:
        return cap_badge(new_cap) != cap_badge(src_cap);
    case CAP_IRQ_HANDLER:
        return cap_type(src_cap) == CAP_IRQ_CONTROL;
    case CAP_UNTYPED:
        return true;
    default:
        return cap_is_arch(new_cap) && arch_cap_is_revocable(new_cap, src_cap);
    }
}

void cap_insert_derived(struct cte *src, struct cte *dest, struct cap cap)
{
    /* A copy of a whole untyped takes its free space: the original is marked full so that
     * the same memory cannot be retyped through both. */
    if (cap_type(cap) == CAP_UNTYPED && cap_type(src->cap) == CAP_UNTYPED &&
        cap_object(cap) == cap_object(src->cap))
        src->cap = cap_untyped_with_free_offset(src->cap, BIT(cap_untyped_size_bits(src->cap)));
    cspace_insert_derived(src, dest, cap, is_revocable(cap, src->cap));
}
