/* Sv39 address spaces: the kernel's tables (upper half: the physical window and the kernel
 * image), user vspaces that share the kernel's upper-half root entries, and mapping 4 KiB user
 * pages at boot. Kernel mappings never carry U, so user mode cannot touch them. */
#include <arch.h>
#include <arch/csr.h>
#include <arch/vspace.h>
#include <core/boot.h>
#include <lib/printf.h>
#include <lib/string.h>

#define PTE_V BIT(0)
#define PTE_R BIT(1)
#define PTE_W BIT(2)
#define PTE_X BIT(3)
#define PTE_U BIT(4)
#define PTE_G BIT(5)
#define PTE_A BIT(6)
#define PTE_D BIT(7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)
#define PTE_PPN_SHIFT 10
#define PTES_PER_TABLE 512
#define SV39_LEVELS 3
#define GIGAPAGE_BITS 30
#define KERNEL_HALF_FIRST 256 /* root entries 256..511 map the upper half */
#define KERNEL_IMAGE_MAX (8ul << 20) /* linker.ld asserts the image fits */
#define KERNEL_IMAGE_TABLES (1 + KERNEL_IMAGE_MAX / (2ul << 20)) /* one L1, then L0s */

typedef uint64_t pte_t;

extern char _kernel_start[], _kernel_text_end[], _kernel_rodata_end[], _kernel_end[];

static pte_t kernel_root_table[PTES_PER_TABLE] __attribute__((aligned(PAGE_SIZE)));
static pte_t kernel_image_tables[KERNEL_IMAGE_TABLES][PTES_PER_TABLE]
    __attribute__((aligned(PAGE_SIZE)));
static unsigned kernel_image_tables_used;

static pte_t pte_make(paddr_t paddr, word_t flags)
{
    return ((paddr >> PAGE_BITS) << PTE_PPN_SHIFT) | flags;
}

static paddr_t pte_paddr(pte_t pte)
{
    return (pte >> PTE_PPN_SHIFT) << PAGE_BITS;
}

static unsigned pte_index(vaddr_t vaddr, int level)
{
    return (vaddr >> (PAGE_BITS + 9 * level)) & (PTES_PER_TABLE - 1);
}

/* The level-0 slot for `vaddr` under `root`, making missing tables with `alloc` (a zeroed
 * frame, or 0 when out of memory); NULL when `alloc` fails. Precondition: no leaf above 0. */
static pte_t *vspace_walk(paddr_t root, vaddr_t vaddr, paddr_t (*alloc)(void))
{
    pte_t *table = arch_phys_to_virt(root);
    for (int level = SV39_LEVELS - 1; level > 0; level--) {
        pte_t *slot = &table[pte_index(vaddr, level)];
        if (!(*slot & PTE_V)) {
            paddr_t next = alloc();
            if (!next)
                return NULL;
            *slot = pte_make(next, PTE_V);
        }
        if (*slot & PTE_LEAF)
            kernel_panic("vspace: %lx is inside a large page", vaddr);
        table = arch_phys_to_virt(pte_paddr(*slot));
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

void vspace_activate(paddr_t root)
{
    csr_write(satp, SATP_MODE_SV39 | (root >> PAGE_BITS));
    sfence_vma_all();
}

paddr_t arch_vspace_create(void)
{
    paddr_t root = boot_alloc_frame();
    if (!root)
        return 0;
    pte_t *table = arch_phys_to_virt(root);
    memcpy(&table[KERNEL_HALF_FIRST], &kernel_root_table[KERNEL_HALF_FIRST],
           (PTES_PER_TABLE - KERNEL_HALF_FIRST) * sizeof(pte_t));
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
