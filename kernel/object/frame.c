/*
 * Frames (seL4 manual §7.1.3): Map into a VSpace at a virtual address with rights cut down
 * by the capability's, Unmap, GetAddress. Each frame capability holds at most one mapping,
 * recorded in the capability (object/frame.h); a copy starts unmapped. The checks run here,
 * in the order the arch's seL4 makes them; the arch_frame_* hooks only touch page tables.
 * Other labels (aarch64's cache maintenance) go to the arch's decoder.
 */
#include <api/invocation.h>
#include <object/asid_pool.h>
#include <object/frame.h>

bool cap_frame_ram(struct cap cap, paddr_t *base, word_t *size_bits)
{
    if (cap_type(cap) != CAP_FRAME || cap_frame_is_device(cap))
        return false;
    *base = cap_object(cap);
    *size_bits = cap_frame_size_bits(cap);
    return true;
}

bool cap_frame_ipc_access(struct cap cap, bool writing)
{
    enum vm_rights rights = cap_frame_rights(cap);
    return rights == VM_RIGHTS_READ_WRITE || (!writing && rights == VM_RIGHTS_READ_ONLY);
}

static bool frame_is_mapped(struct cap frame)
{
    return cap_mapped_asid(frame) != ASID_INVALID;
}

/* The whole frame must end at or below ARCH_FRAME_MAP_END (so no wrap either). */
static struct syscall_error frame_check_range(const struct frame_map *map)
{
    word_t size = BIT(cap_frame_size_bits(map->frame));
    if (map->vaddr >= ARCH_FRAME_MAP_END || ARCH_FRAME_MAP_END - map->vaddr < size)
        return error_invalid_argument(0);
    return error_none();
}

/* A mapped frame may only be mapped again where it is (to change its rights or attributes). */
static struct syscall_error frame_check_remap(const struct frame_map *map)
{
    if (!frame_is_mapped(map->frame))
        return error_none();
    if (cap_mapped_asid(map->frame) != map->asid)
        return error_invalid_capability(1);
    if (cap_mapped_vaddr(map->frame) != map->vaddr)
        return error_invalid_argument(0);
    return error_none();
}

static struct syscall_error frame_map_check(enum frame_map_check check, struct frame_map *map)
{
    switch (check) {
    case FRAME_CHECK_ASID:
        return asid_check_vspace(map->root, map->asid, 1);
    case FRAME_CHECK_ALIGNMENT:
        if (map->vaddr & MASK(cap_frame_size_bits(map->frame)))
            return error_plain(seL4_AlignmentError);
        return error_none();
    case FRAME_CHECK_RANGE:
        return frame_check_range(map);
    case FRAME_CHECK_REMAP:
        return frame_check_remap(map);
    case FRAME_CHECK_TARGET:
        return frame_is_mapped(map->frame) ? frame_check_remap(map) : frame_check_range(map);
    default:
        return arch_frame_lookup_slot(map);
    }
}

static const enum frame_map_check frame_map_checks[] = ARCH_FRAME_MAP_CHECKS;

/* Page_Map's message words (ABI §5.6); the VSpace comes as extra capability. */
struct frame_map_args {
    word_t vaddr, rights, attributes;
};

/* The VSpace first, then the arch's order. */
static struct syscall_error frame_decode_map(struct invocation *inv)
{
    struct frame_map_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    struct cap vspace = inv->extra[0]->cap;
    struct frame_map map = {
        .frame = inv->cap,
        .vaddr = args.vaddr,
        .rights = vm_rights_mask(cap_frame_rights(inv->cap), args.rights),
        .attributes = args.attributes,
        .root = arch_vspace_root(vspace),
        .asid = cap_mapped_asid(vspace),
    };
    if (!map.root)
        return error_invalid_capability(1);
    for (word_t i = 0; i < ARRAY_SIZE(frame_map_checks); i++) {
        struct syscall_error error = frame_map_check(frame_map_checks[i], &map);
        if (!error_is_none(error))
            return error;
    }
    inv->slot->cap = cap_with_mapping(inv->cap, map.asid, map.vaddr);
    arch_frame_map(&map);
    return error_none();
}

void frame_unmap(struct cap cap)
{
    if (!frame_is_mapped(cap))
        return;
    paddr_t root = asid_find_vspace(cap_mapped_asid(cap));
    if (root)
        arch_frame_unmap(root, cap);
}

/* Unmap never fails: a mapping the tables no longer hold is simply forgotten. */
static struct syscall_error frame_decode_unmap(struct invocation *inv)
{
    frame_unmap(inv->cap);
    inv->slot->cap = cap_with_mapping(inv->cap, ASID_INVALID, 0);
    return error_none();
}

static struct syscall_error frame_decode_get_address(struct invocation *inv)
{
    invocation_set_result(inv, 0, cap_object(inv->cap));
    invocation_reply_length(inv, 1);
    return error_none();
}

struct syscall_error frame_decode(struct invocation *inv)
{
    switch (inv->label) {
    case ARCH_LABEL_FRAME_MAP:
        return frame_decode_map(inv);
    case ARCH_LABEL_FRAME_UNMAP:
        return frame_decode_unmap(inv);
    case ARCH_LABEL_FRAME_GET_ADDRESS:
        return frame_decode_get_address(inv);
    default:
        return arch_decode_invocation(inv);
    }
}
