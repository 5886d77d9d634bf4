/* User address spaces: four-level TTBR0 tables of 4 KiB pages. The kernel lives in TTBR1, so
 * a new root table is simply empty. There are no ASIDs yet: every mapping is non-global and
 * switching address space flushes the TLB. */
#include <arch.h>
#include <arch/page_table.h>
#include <arch/sysreg.h>
#include <arch/vspace.h>
#include <core/boot.h>

static paddr_t active_root;

paddr_t arch_vspace_create(void)
{
    return boot_alloc_frame();
}

static pte_t user_page_attributes(word_t rights)
{
    pte_t pte = PTE_PAGE | PTE_ATTR_INDEX(MAIR_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_NG |
                PTE_AP_EL0 | PTE_PXN; /* the kernel never runs user code */
    if (!(rights & VM_WRITE))
        pte |= PTE_AP_READ_ONLY;
    if (!(rights & VM_EXEC))
        pte |= PTE_UXN;
    return pte;
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
    table[pt_index(vaddr, PT_L3_SHIFT)] = frame | user_page_attributes(rights);
    if (rights & VM_EXEC)
        cache_sync_for_execution(frame);
    dsb_ishst();
    return true;
}

void vspace_activate(paddr_t root)
{
    if (root == active_root)
        return;
    active_root = root;
    dsb_ish();
    sysreg_write(ttbr0_el1, root);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
}
