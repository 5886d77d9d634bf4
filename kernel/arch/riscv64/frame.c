/*
 * The riscv64 half of frames (arch.h; object/frame.c decodes): 4 KiB, 2 MiB and 1 GiB leaf
 * entries. As seL4 on RISC-V, Map through an unmapped frame capability refuses an entry in
 * use (DeleteFirst), and a remap rewrites the frame's own entry.
 */
#include <api/invocation.h>
#include <arch.h>
#include <arch/vspace.h>
#include <object/frame.h>

#define VM_ATTR_EXECUTE_NEVER BIT(0) /* seL4_RISCV_VMAttributes: seL4_RISCV_ExecuteNever */

/* The walk must end at the frame's level; the entry there must be free (or, for a remap,
 * not a table). */
struct syscall_error arch_frame_lookup_slot(struct frame_map *map)
{
    struct pt_slot slot = vspace_lookup_slot(map->root, map->vaddr);
    if (slot.bits_left != cap_frame_size_bits(map->frame)) {
        struct lookup_fault fault = lookup_fault_missing_capability(slot.bits_left);
        return error_failed_lookup(false, &fault);
    }
    bool mapped = cap_mapped_asid(map->frame) != 0;
    if (mapped ? pte_is_table(*slot.pte) : pte_is_valid(*slot.pte))
        return error_plain(seL4_DeleteFirst);
    map->slot = slot.pte;
    return error_none();
}

void arch_frame_map(const struct frame_map *map)
{
    bool executable = !(map->attributes & VM_ATTR_EXECUTE_NEVER);
    *(pte_t *)map->slot = vspace_user_pte(cap_object(map->frame), map->rights, executable);
    vspace_flush_tlb();
}

/* The entry may have gone with its table, or hold another frame by now. */
void arch_frame_unmap(paddr_t root, struct cap frame)
{
    struct pt_slot slot = vspace_lookup_slot(root, cap_mapped_vaddr(frame));
    if (slot.bits_left != cap_frame_size_bits(frame) || !pte_is_valid(*slot.pte) ||
        pte_is_table(*slot.pte) || pte_paddr(*slot.pte) != cap_object(frame))
        return;
    *slot.pte = 0;
    vspace_flush_tlb();
}
