/* User address spaces: four-level TTBR0 tables of 4 KiB granules. The kernel lives in TTBR1,
 * so a new root table is simply empty. The hardware sees no ASIDs: every user mapping is
 * non-global under ASID 0, switching address space flushes the TLB, and removing a mapping
 * flushes what it may have cached. */
#include <arch.h>
#include <arch/cap.h>
#include <arch/sysreg.h>
#include <arch/vspace.h>
#include <core/boot.h>
#include <object/asid_pool.h>

/* Where a thread whose VSpace is gone runs: nothing is mapped, so it faults at once. */
static pte_t empty_root[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

paddr_t arch_vspace_create(void)
{
    return boot_alloc_frame();
}

void tlb_flush_page(vaddr_t vaddr)
{
    dsb_ishst();
    __asm__ volatile("tlbi vae1is, %0" : : "r"((vaddr >> PAGE_BITS) & MASK(44)) : "memory");
    dsb_ish();
    isb();
}

void tlb_flush_all(void)
{
    dsb_ishst();
    __asm__ volatile("tlbi vmalle1is" ::: "memory");
    dsb_ish();
    isb();
}

struct pt_slot vspace_lookup_slot(paddr_t root, vaddr_t vaddr)
{
    word_t shift = PT_L0_SHIFT;
    pte_t *entry = (pte_t *)arch_phys_to_virt(root) + pt_index(vaddr, shift);
    while (shift > PT_L3_SHIFT && pte_is_table(*entry)) {
        shift -= PT_INDEX_BITS;
        entry = (pte_t *)arch_phys_to_virt(pte_address(*entry)) + pt_index(vaddr, shift);
    }
    return (struct pt_slot){entry, shift};
}

static pte_t access_permissions(word_t vm_rights)
{
    switch (vm_rights) {
    case VM_RIGHTS_READ_WRITE:
        return PTE_AP_EL0;
    case VM_RIGHTS_READ_ONLY:
        return PTE_AP_EL0 | PTE_AP_READ_ONLY;
    default:
        return 0; /* kernel only: EL0 has no access */
    }
}

word_t vspace_pte_vm_rights(pte_t pte)
{
    switch (pte & (PTE_AP_EL0 | PTE_AP_READ_ONLY)) {
    case PTE_AP_EL0:
        return VM_RIGHTS_READ_WRITE;
    case PTE_AP_EL0 | PTE_AP_READ_ONLY:
        return VM_RIGHTS_READ_ONLY;
    default:
        return VM_RIGHTS_KERNEL_ONLY;
    }
}

/* The kernel never executes user memory (PXN); the user may unless asked not to (UXN). */
pte_t vspace_page_pte(paddr_t frame, word_t size_bits, word_t vm_rights, word_t attributes)
{
    pte_t pte = frame | (size_bits == PAGE_BITS ? PTE_PAGE : PTE_BLOCK) | PTE_AF | PTE_NG |
                PTE_PXN | access_permissions(vm_rights);
    if (attributes & VM_ATTR_CACHEABLE)
        pte |= PTE_ATTR_INDEX(MAIR_NORMAL) | PTE_SH_INNER;
    else
        pte |= PTE_ATTR_INDEX(MAIR_DEVICE);
    if (attributes & VM_ATTR_EXECUTE_NEVER)
        pte |= PTE_UXN;
    return pte;
}

void vspace_set_entry(pte_t *entry, pte_t pte, vaddr_t vaddr)
{
    if (pte_is_valid(*entry)) {
        *entry = 0;
        tlb_flush_page(vaddr);
    }
    *entry = pte;
    dsb_ishst();
}

void vspace_unmap_page(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t size_bits)
{
    struct pt_slot slot = vspace_lookup_slot(root, vaddr);
    if (slot.bits_left != size_bits || !pte_is_valid(*slot.entry) ||
        pte_address(*slot.entry) != frame)
        return;
    *slot.entry = 0;
    tlb_flush_page(vaddr);
}

void vspace_unmap_table(word_t asid, vaddr_t vaddr, paddr_t table)
{
    paddr_t at = asid_find_vspace(asid);
    pte_t *entry = 0;
    for (word_t shift = PT_L0_SHIFT; at && at != table && shift > PT_L3_SHIFT;
         shift -= PT_INDEX_BITS) {
        entry = (pte_t *)arch_phys_to_virt(at) + pt_index(vaddr, shift);
        at = pte_is_table(*entry) ? pte_address(*entry) : 0;
    }
    if (!at || at != table || !entry)
        return;
    *entry = 0;
    tlb_flush_all(); /* the table may have fed any address in its range */
}

/* Code written through the window must reach the point of unification before it runs. */
static void cache_sync_for_execution(paddr_t frame)
{
    word_t line = 4ul << ((sysreg_read(ctr_el0) >> 16) & MASK(4));
    char *start = arch_phys_to_virt(frame);
    for (word_t offset = 0; offset < PAGE_SIZE; offset += line)
        __asm__ volatile("dc cvau, %0" : : "r"(start + offset) : "memory");
    dsb_ish();
    __asm__ volatile("ic ialluis" ::: "memory");
    dsb_ish();
    isb();
}

bool arch_vspace_map_boot(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t rights)
{
    if (vaddr >= ARCH_USER_TOP)
        return false;
    pte_t *table = arch_phys_to_virt(root);
    for (unsigned shift = PT_L0_SHIFT; shift > PT_L3_SHIFT; shift -= PT_INDEX_BITS) {
        pte_t *entry = &table[pt_index(vaddr, shift)];
        if (!*entry) {
            paddr_t next = boot_alloc_frame();
            if (!next)
                return false;
            *entry = next | PTE_TABLE;
        }
        table = arch_phys_to_virt(pte_address(*entry));
    }
    word_t vm_rights = rights & VM_WRITE ? VM_RIGHTS_READ_WRITE : VM_RIGHTS_READ_ONLY;
    word_t attributes = VM_ATTR_CACHEABLE | (rights & VM_EXEC ? 0 : VM_ATTR_EXECUTE_NEVER);
    table[pt_index(vaddr, PT_L3_SHIFT)] = vspace_page_pte(frame, PAGE_BITS, vm_rights,
                                                          attributes);
    if (rights & VM_EXEC)
        cache_sync_for_execution(frame);
    dsb_ishst();
    return true;
}

paddr_t arch_vspace_empty_root(void)
{
    return arch_virt_to_phys(empty_root);
}
