/*
 * Capabilities: two words, laid out by hand. Word 0 holds the type in bits 63..59 and the
 * type's fields below; word 1 holds a badge, guard or free index. Objects are named by their
 * physical address (kernel memory is reached through arch_phys_to_virt), which fits in 48 bits
 * on every arch. Arch capability types (tables, I/O ports) have odd type numbers and their
 * fields live in arch/cap.h; generic types are even, as in seL4. Frames and ASID control and
 * pools are odd too, but seL4 gives them the same tags on every arch, so they are generic
 * objects here (object/frame.h, object/asid_pool.h).
 */
#pragma once
#include <types.h>

enum cap_type {
    CAP_NULL = 0,
    CAP_FRAME = 1,
    CAP_UNTYPED = 2,
    CAP_ENDPOINT = 4,
    CAP_NOTIFICATION = 6,
    CAP_REPLY = 8,
    CAP_CNODE = 10,
    CAP_ASID_CONTROL = 11,
    CAP_THREAD = 12,
    CAP_ASID_POOL = 13,
    CAP_IRQ_CONTROL = 14,
    CAP_IRQ_HANDLER = 16,
    CAP_DOMAIN = 20,
    CAP_SCHED_CONTEXT = 22,
    CAP_SCHED_CONTROL = 24,
};

struct cap {
    word_t words[2];
};
_Static_assert(sizeof(struct cap) == 16, "a capability is two words");

#define CAP_TYPE_SHIFT 59
#define CAP_PADDR_BITS 48

static inline word_t cap_type(struct cap cap)
{
    return cap.words[0] >> CAP_TYPE_SHIFT;
}

static inline bool cap_is_null(struct cap cap)
{
    return cap_type(cap) == CAP_NULL;
}

static inline bool cap_is_arch(struct cap cap)
{
    return cap_type(cap) & 1;
}

static inline struct cap cap_null(void)
{
    return (struct cap){{0, 0}};
}

/* Bits [shift, shift + width) of word 0. */
static inline word_t cap_field(struct cap cap, unsigned shift, unsigned width)
{
    return (cap.words[0] >> shift) & MASK(width);
}

static inline struct cap cap_with_field(struct cap cap, unsigned shift, unsigned width,
                                        word_t value)
{
    cap.words[0] = (cap.words[0] & ~(MASK(width) << shift)) | ((value & MASK(width)) << shift);
    return cap;
}

static inline struct cap cap_make(word_t type, paddr_t object, word_t word1)
{
    return (struct cap){{(type << CAP_TYPE_SHIFT) | (object & MASK(CAP_PADDR_BITS)), word1}};
}

/* The object a capability names (0 for capabilities to no object). */
static inline paddr_t cap_object(struct cap cap)
{
    return cap.words[0] & MASK(CAP_PADDR_BITS);
}

/* Rights (ABI §3.2 bit order) in bits 51..48 of endpoint, notification and reply caps. */
#define CAP_RIGHT_WRITE BIT(0)
#define CAP_RIGHT_READ BIT(1)
#define CAP_RIGHT_GRANT BIT(2)
#define CAP_RIGHT_GRANT_REPLY BIT(3)
#define CAP_RIGHTS_ALL 0xful

static inline word_t cap_rights(struct cap cap)
{
    return cap_field(cap, 48, 4);
}

static inline struct cap cap_with_rights(struct cap cap, word_t rights)
{
    return cap_with_field(cap, 48, 4, rights);
}

/* Endpoint and notification: object, rights, badge in word 1. */
static inline struct cap cap_endpoint(paddr_t endpoint, word_t badge, word_t rights)
{
    return cap_with_rights(cap_make(CAP_ENDPOINT, endpoint, badge), rights);
}

static inline struct cap cap_notification(paddr_t notification, word_t badge, word_t rights)
{
    return cap_with_rights(cap_make(CAP_NOTIFICATION, notification, badge), rights);
}

static inline word_t cap_badge(struct cap cap)
{
    return cap.words[1];
}

/* Untyped: base, size bits 53..48, device bit 54; word 1 = bytes already used (watermark). */
static inline struct cap cap_untyped(paddr_t base, word_t size_bits, bool device)
{
    struct cap cap = cap_make(CAP_UNTYPED, base, 0);
    return cap_with_field(cap_with_field(cap, 48, 6, size_bits), 54, 1, device);
}

static inline word_t cap_untyped_size_bits(struct cap cap)
{
    return cap_field(cap, 48, 6);
}

static inline bool cap_untyped_is_device(struct cap cap)
{
    return cap_field(cap, 54, 1);
}

static inline word_t cap_untyped_free_offset(struct cap cap)
{
    return cap.words[1];
}

/* The untyped with `used` bytes taken (BIT(size bits): full, nothing more can be retyped). */
static inline struct cap cap_untyped_with_free_offset(struct cap cap, word_t used)
{
    cap.words[1] = used;
    return cap;
}

/* CNode: table, radix in bits 53..48; word 1 holds the guard size (bits 63..58) and the guard
 * (bits 57..0), as in the ABI's CNode cap data (§3.3). */
static inline struct cap cap_cnode(paddr_t table, word_t radix, word_t guard_size, word_t guard)
{
    struct cap cap = cap_make(CAP_CNODE, table, (guard_size << 58) | (guard & MASK(58)));
    return cap_with_field(cap, 48, 6, radix);
}

static inline word_t cap_cnode_radix(struct cap cap)
{
    return cap_field(cap, 48, 6);
}

static inline word_t cap_cnode_guard_size(struct cap cap)
{
    return cap.words[1] >> 58;
}

static inline word_t cap_cnode_guard(struct cap cap)
{
    return cap.words[1] & MASK(58);
}

/* Thread, reply, sched context: the object; reply keeps can-grant in bit 48; sched context
 * its size bits in 53..48. */
static inline struct cap cap_thread(paddr_t tcb)
{
    return cap_make(CAP_THREAD, tcb, 0);
}

static inline struct cap cap_reply(paddr_t reply, bool can_grant)
{
    return cap_with_field(cap_make(CAP_REPLY, reply, 0), 48, 1, can_grant);
}

static inline bool cap_reply_can_grant(struct cap cap)
{
    return cap_field(cap, 48, 1);
}

static inline struct cap cap_sched_context(paddr_t sc, word_t size_bits)
{
    return cap_with_field(cap_make(CAP_SCHED_CONTEXT, sc, 0), 48, 6, size_bits);
}

static inline word_t cap_sched_context_size_bits(struct cap cap)
{
    return cap_field(cap, 48, 6);
}

/* Capabilities to no object: IRQ control, domain, sched control (word 1 = core). */
static inline struct cap cap_irq_control(void)
{
    return cap_make(CAP_IRQ_CONTROL, 0, 0);
}

static inline struct cap cap_irq_handler(word_t irq)
{
    return cap_make(CAP_IRQ_HANDLER, 0, irq);
}

static inline word_t cap_irq_handler_irq(struct cap cap)
{
    return cap.words[1];
}

static inline struct cap cap_domain(void)
{
    return cap_make(CAP_DOMAIN, 0, 0);
}

static inline struct cap cap_sched_control(word_t core)
{
    return cap_make(CAP_SCHED_CONTROL, 0, core);
}
