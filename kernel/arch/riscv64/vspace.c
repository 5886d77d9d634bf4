/* Sv39 address spaces: the kernel's tables (upper half: the physical window and the kernel
 * image), user vspaces that share the kernel's upper-half root entries, mapping 4 KiB user
 * pages at boot, and the table walk and user entries the Page and PageTable invocations use.
 * Kernel mappings never carry U, so user mode cannot touch them. */
#include <arch.h>
#include <arch/cap.h>
#include <arch/csr.h>
#include <arch/page_table.h>
#include <arch/vspace.h>
#include <core/boot.h>
#include <core/stop.h>
#include <lib/string.h>

#define GIGAPAGE_BITS 30
#define KERNEL_IMAGE_MAX (8ul << 20) /* linker.ld asserts the image fits */
#define KERNEL_IMAGE_TABLES (1 + KERNEL_IMAGE_MAX / (2ul << 20)) /* one L1, then L0s */

extern char _kernel_start[], _kernel_text_end[], _kernel_rodata_end[], _kernel_end[];

static pte_t kernel_root_table[PTES_PER_TABLE] __attribute__((aligned(PAGE_SIZE)));
static pte_t kernel_image_tables[KERNEL_IMAGE_TABLES][PTES_PER_TABLE]
    __attribute__((aligned(PAGE_SIZE)));
static unsigned kernel_image_tables_used;

/* The level-0 slot for `vaddr` under `root`, making missing tables with `alloc` (a zeroed
 * frame, or 0 when out of memory); NULL when `alloc` fails. Precondition: no leaf above 0. */
static pte_t *vspace_walk(paddr_t root, vaddr_t vaddr, paddr_t (*alloc)(void))
{
    pte_t *table = page_table_at(root);
    for (int level = SV39_LEVELS - 1; level > 0; level--) {
        pte_t *slot = &table[pte_index(vaddr, level)];
        if (!pte_is_valid(*slot)) {
            paddr_t next = alloc();
            if (!next)
                return NULL;
            *slot = pte_make(next, PTE_V);
        }
        if (*slot & PTE_LEAF)
            kernel_panic("vspace: %lx is inside a large page", vaddr);
        table = page_table_at(pte_paddr(*slot));
    }
    return &table[pte_index(vaddr, 0)];
}

static paddr_t kernel_image_table_alloc(void)
{
    if (kernel_image_tables_used == KERNEL_IMAGE_TABLES)
        return 0;
    return arch_virt_to_phys(kernel_image_tables[kernel_image_tables_used++]);
}

static word_t kernel_image_flags(vaddr_t vaddr)
{
    if (vaddr < (vaddr_t)_kernel_text_end)
        return PTE_R | PTE_X;
    if (vaddr < (vaddr_t)_kernel_rodata_end)
        return PTE_R;
    return PTE_R | PTE_W;
}

static void map_kernel_image(paddr_t root)
{
    for (vaddr_t v = (vaddr_t)_kernel_start; v < (vaddr_t)_kernel_end; v += PAGE_SIZE) {
        pte_t *slot = vspace_walk(root, v, kernel_image_table_alloc);
        if (!slot)
            kernel_panic("vspace: kernel image tables exhausted at %lx", v);
        *slot = pte_make(arch_virt_to_phys((void *)v),
                         kernel_image_flags(v) | PTE_G | PTE_A | PTE_D | PTE_V);
    }
}

static void map_window(pte_t *root, paddr_t window_end)
{
    word_t gigapages = ROUND_UP(window_end, BIT(GIGAPAGE_BITS)) >> GIGAPAGE_BITS;
    if (gigapages > KERNEL_WINDOW_SIZE >> GIGAPAGE_BITS)
        kernel_panic("vspace: physical memory ends at %lx, beyond the window", window_end);
    unsigned first = pte_index(KERNEL_WINDOW_BASE, SV39_LEVELS - 1);
    for (word_t i = 0; i < gigapages; i++)
        root[first + i] = pte_make(i << GIGAPAGE_BITS,
                                   PTE_R | PTE_W | PTE_G | PTE_A | PTE_D | PTE_V);
}

void vspace_init_kernel(paddr_t window_end)
{
    paddr_t root = arch_virt_to_phys(kernel_root_table);
    map_window(kernel_root_table, window_end);
    map_kernel_image(root);
    vspace_activate(root);
}

/* The kernel's own tables map no user address at all. */
paddr_t arch_vspace_empty_root(void)
{
    return arch_virt_to_phys(kernel_root_table);
}

void vspace_copy_kernel_mappings(paddr_t root)
{
    memcpy(&page_table_at(root)[KERNEL_HALF_FIRST], &kernel_root_table[KERNEL_HALF_FIRST],
           (PTES_PER_TABLE - KERNEL_HALF_FIRST) * sizeof(pte_t));
}

paddr_t arch_vspace_create(void)
{
    paddr_t root = boot_alloc_frame();
    if (root)
        vspace_copy_kernel_mappings(root);
    return root;
}

/* W without R is reserved in Sv39, so writable pages are also readable. */
static word_t user_flags(word_t rights)
{
    word_t flags = 0;
    if (rights & (VM_READ | VM_WRITE))
        flags |= PTE_R | PTE_A;
    if (rights & VM_WRITE)
        flags |= PTE_W | PTE_D;
    if (rights & VM_EXEC)
        flags |= PTE_X | PTE_A;
    return flags;
}

bool arch_vspace_map_boot(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t rights)
{
    if (vaddr >= ARCH_USER_TOP || vaddr % PAGE_SIZE || frame % PAGE_SIZE)
        kernel_panic("vspace: bad user mapping %lx -> %lx", vaddr, frame);
    pte_t *slot = vspace_walk(root, vaddr, boot_alloc_frame);
    if (!slot)
        return false;
    word_t flags = user_flags(rights);
    *slot = flags ? pte_make(frame, flags | PTE_U | PTE_V) : 0;
    return true;
}

struct pt_slot vspace_lookup_slot(paddr_t root, vaddr_t vaddr)
{
    int level = SV39_LEVELS - 1;
    struct pt_slot slot = {&page_table_at(root)[pte_index(vaddr, level)], pte_level_bits(level)};
    while (level > 0 && pte_is_table(*slot.pte)) {
        level--;
        slot.pte = &page_table_at(pte_paddr(*slot.pte))[pte_index(vaddr, level)];
        slot.bits_left = pte_level_bits(level);
    }
    return slot;
}

/* As seL4's makeUserPTE: accessed and dirty preset (no A/D faults), R unless kernel-only, W
 * only for read-write; no rights at all is no mapping. */
pte_t vspace_user_pte(paddr_t frame, word_t vm_rights, bool executable)
{
    word_t flags = PTE_V | PTE_U | PTE_A | PTE_D;
    if (vm_rights == VM_RIGHTS_KERNEL_ONLY && !executable)
        return 0;
    if (vm_rights != VM_RIGHTS_KERNEL_ONLY)
        flags |= PTE_R;
    if (vm_rights == VM_RIGHTS_READ_WRITE)
        flags |= PTE_W;
    if (executable)
        flags |= PTE_X;
    return pte_make(frame, flags);
}

void vspace_flush_tlb(void)
{
    sfence_vma_all();
}
