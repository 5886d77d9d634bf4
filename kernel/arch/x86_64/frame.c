/*
 * The x86_64 half of frames (arch.h; object/frame.c decodes): 4 KiB, 2 MiB and 1 GiB pages
 * in a PT, PD or PDPT entry. As seL4 on x86, Map overwrites another frame's mapping at the
 * address (that frame's capability still records it, but its Unmap finds the entry no longer
 * maps it and leaves it alone).
 */
#include <api/invocation.h>
#include <arch.h>
#include <arch/cpu.h>
#include <arch/page_table.h>
#include <arch/vspace.h>
#include <object/frame.h>

/* The level of the entry that maps a frame of `size`: PT for 4 KiB, PD for 2 MiB, PDPT. */
static unsigned frame_level(enum frame_size size)
{
    return LEVEL_PT + size;
}

/* The entry mapping `paddr` with `rights` and the VM attributes word (PWT, PCD, PAT). User
 * pages are never execute-disabled, as in seL4; kernel-only ones lack the user bit. */
static pte_t frame_entry(paddr_t paddr, enum frame_size size, enum vm_rights rights,
                         word_t attributes)
{
    pte_t entry = paddr | PTE_PRESENT;
    if (rights != VM_RIGHTS_READ_ONLY)
        entry |= PTE_WRITE;
    if (rights != VM_RIGHTS_KERNEL_ONLY)
        entry |= PTE_USER;
    if (attributes & VM_ATTR_WRITE_THROUGH)
        entry |= PTE_WRITE_THROUGH;
    if (attributes & VM_ATTR_CACHE_DISABLED)
        entry |= PTE_CACHE_DISABLE;
    if (size == FRAME_4K && (attributes & VM_ATTR_PAT))
        entry |= PTE_PAT_4K;
    if (size == FRAME_2M && (attributes & VM_ATTR_PAT))
        entry |= PTE_PAT_LARGE; /* seL4 gives 1 GiB pages no PAT bit */
    if (size != FRAME_4K)
        entry |= PTE_LARGE;
    return entry;
}

/* 1 GiB pages need CPUID's pdpe1gb; a page table or directory in the way is DeleteFirst. */
struct syscall_error arch_frame_lookup_slot(struct frame_map *map)
{
    enum frame_size size = cap_frame_size(map->frame);
    word_t bits_left;
    if (size == FRAME_1G && !cpu_features.page_1g)
        return error_plain(seL4_IllegalOperation);
    pte_t *slot = vspace_lookup(map->root, map->vaddr, frame_level(size), &bits_left);
    if (!slot) {
        struct lookup_fault fault = lookup_fault_missing_capability(bits_left);
        return error_failed_lookup(false, &fault);
    }
    if (pte_is_table(*slot, frame_level(size)))
        return error_plain(seL4_DeleteFirst);
    map->slot = slot;
    return error_none();
}

void arch_frame_map(const struct frame_map *map)
{
    pte_t *slot = map->slot;
    bool was_present = *slot & PTE_PRESENT;
    *slot = frame_entry(cap_object(map->frame), cap_frame_size(map->frame), map->rights,
                        map->attributes);
    if (was_present)
        vspace_flush_page(map->root, map->vaddr);
}

void arch_frame_unmap(paddr_t root, struct cap frame)
{
    unsigned level = frame_level(cap_frame_size(frame));
    word_t bits_left;
    vaddr_t vaddr = cap_mapped_vaddr(frame);
    pte_t *slot = vspace_lookup(root, vaddr, level, &bits_left);
    if (!slot || !(*slot & PTE_PRESENT) || pte_is_table(*slot, level) ||
        pte_page_address(*slot, level) != cap_object(frame))
        return;
    *slot = 0;
    vspace_flush_page(root, vaddr);
}
