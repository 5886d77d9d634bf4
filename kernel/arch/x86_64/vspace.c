/*
 * x86_64 page tables (4 levels). The kernel's half: the image at KERNEL_IMAGE_OFFSET + phys in
 * 4 KiB pages with per-part permissions, and the physical window at KERNEL_WINDOW_BASE + phys
 * over RAM and the low megabyte in large pages (1 GiB where CPUID allows) plus the APIC
 * registers uncached. Its tables come from a pool in the kernel's bss and every user address
 * space shares them (the upper 256 PML4 entries).
 */
#include <arch.h>
#include <arch/cpu.h>
#include <arch/page_table.h>
#include <arch/vspace.h>
#include <board.h>
#include <core/boot.h>
#include <core/stop.h>
#include <lib/string.h>

#define PAGE_SIZE_2M BIT(21)
#define PAGE_SIZE_1G BIT(30)

#define KERNEL_TABLE (PTE_PRESENT | PTE_WRITE)
#define USER_TABLE (PTE_PRESENT | PTE_WRITE | PTE_USER)
/* Enough for the image, the APIC pages and, without 1 GiB pages, about 56 GiB of RAM. */
#define KERNEL_TABLE_POOL_PAGES 64

static pte_t kernel_tables[KERNEL_TABLE_POOL_PAGES][TABLE_ENTRIES] __attribute__((aligned(4096)));
static unsigned kernel_tables_used;
static paddr_t kernel_root;
/* A zeroed table from the pool (the bss is cleared at boot); panics when none is left. */
static paddr_t kernel_table_alloc(void)
{
    if (kernel_tables_used == KERNEL_TABLE_POOL_PAGES)
        kernel_panic("vspace: all %d kernel page-table pages are used", KERNEL_TABLE_POOL_PAGES);
    return arch_virt_to_phys(kernel_tables[kernel_tables_used++]);
}

/* The entry for `vaddr` in its table at `level`, under `root`, making missing tables with
 * `alloc` and entries `table_flags`. NULL when `alloc` fails or a large page is in the way. */
static pte_t *table_entry(paddr_t root, vaddr_t vaddr, unsigned level, paddr_t (*alloc)(void),
                          pte_t table_flags)
{
    pte_t *table = arch_phys_to_virt(root);
    for (unsigned at = LEVEL_PML4; at > level; at--) {
        pte_t *entry = &table[table_index(vaddr, at)];
        if (!(*entry & PTE_PRESENT)) {
            paddr_t next = alloc();
            if (!next)
                return NULL;
            *entry = next | table_flags;
        } else if (*entry & PTE_LARGE) {
            return NULL;
        }
        table = arch_phys_to_virt(*entry & PTE_ADDRESS);
    }
    return &table[table_index(vaddr, level)];
}

static pte_t nx_bit(void)
{
    return cpu_features.nx ? PTE_NX : 0;
}

static void image_map(const char *start, const char *end, pte_t flags)
{
    for (const char *page = start; page < end; page += PAGE_SIZE) {
        pte_t *entry = table_entry(kernel_root, (vaddr_t)page, LEVEL_PT, kernel_table_alloc,
                                   KERNEL_TABLE);
        *entry = arch_virt_to_phys(page) | flags | PTE_PRESENT | PTE_GLOBAL;
    }
}

/* One large page of the window at `level`; false when something is mapped there already. */
static bool window_map_large(paddr_t paddr, unsigned level)
{
    pte_t *entry = table_entry(kernel_root, KERNEL_WINDOW_BASE + paddr, level,
                               kernel_table_alloc, KERNEL_TABLE);
    if (!entry || (*entry & PTE_PRESENT))
        return false;
    *entry = paddr | PTE_LARGE | PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | nx_bit();
    return true;
}

/* [start, end) rounded out to 2 MiB; parts already mapped stay as they are. */
static void window_map(paddr_t start, paddr_t end)
{
    end = ROUND_UP(end, PAGE_SIZE_2M);
    if (end > KERNEL_WINDOW_SIZE)
        kernel_panic("vspace: RAM up to %lx lies beyond the physical window", end);
    for (paddr_t at = ROUND_DOWN(start, PAGE_SIZE_2M); at < end; at += PAGE_SIZE_2M) {
        if (cpu_features.page_1g && at % PAGE_SIZE_1G == 0 && end - at >= PAGE_SIZE_1G &&
            window_map_large(at, LEVEL_PDPT)) {
            at += PAGE_SIZE_1G - PAGE_SIZE_2M;
            continue;
        }
        window_map_large(at, LEVEL_PD);
    }
}

static void window_map_device(paddr_t paddr)
{
    pte_t *entry = table_entry(kernel_root, KERNEL_WINDOW_BASE + paddr, LEVEL_PT,
                               kernel_table_alloc, KERNEL_TABLE);
    if (!entry)
        kernel_panic("vspace: device registers at %lx lie in a page mapped as RAM", paddr);
    *entry = paddr | PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | PTE_CACHE_DISABLE |
             PTE_WRITE_THROUGH | nx_bit();
}

void vspace_init_kernel(const struct boot_params *params)
{
    kernel_root = kernel_table_alloc();
    image_map(kernel_image_start, kernel_text_start, nx_bit()); /* multiboot header, boot code */
    image_map(kernel_text_start, kernel_rodata_start, 0);
    image_map(kernel_rodata_start, kernel_data_start, nx_bit());
    image_map(kernel_data_start, kernel_image_end, PTE_WRITE | nx_bit());
    window_map(0, LOW_MEMORY_END);
    for (unsigned i = 0; i < params->ram_count; i++)
        window_map(params->ram[i].start, params->ram[i].end);
    window_map_device(BOARD_INTERRUPT_CONTROLLER_LAPIC_BASE);
    window_map_device(BOARD_INTERRUPT_CONTROLLER_IOAPIC_BASE);
    vspace_activate(kernel_root);
}

/* The kernel's own PML4 has no user mappings at all. */
paddr_t arch_vspace_empty_root(void)
{
    return kernel_root;
}

void vspace_copy_kernel(paddr_t root)
{
    memcpy(&table_at(root)[TABLE_ENTRIES / 2], &table_at(kernel_root)[TABLE_ENTRIES / 2],
           TABLE_ENTRIES / 2 * sizeof(pte_t));
}

paddr_t arch_vspace_create(void)
{
    paddr_t root = boot_alloc_frame();
    if (root)
        vspace_copy_kernel(root);
    return root;
}

pte_t *vspace_lookup(paddr_t root, vaddr_t vaddr, unsigned level, word_t *bits_left)
{
    pte_t *table = table_at(root);
    for (unsigned at = LEVEL_PML4; at > level; at--) {
        pte_t entry = table[table_index(vaddr, at)];
        if (!pte_is_table(entry, at)) {
            *bits_left = level_shift(at);
            return NULL;
        }
        table = table_at(entry & PTE_ADDRESS);
    }
    return &table[table_index(vaddr, level)];
}

void vspace_flush_page(paddr_t root, vaddr_t vaddr)
{
    if (root == vspace_active_root)
        cpu_invalidate_page(vaddr);
}

void vspace_flush_all(paddr_t root)
{
    if (root == vspace_active_root)
        cpu_write_cr3(root);
}

/* Only at boot, into an address space not yet loaded: no TLB flush is needed. */
bool arch_vspace_map_boot(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t rights)
{
    pte_t *entry = table_entry(root, vaddr, LEVEL_PT, boot_alloc_frame, USER_TABLE);
    if (!entry)
        return false;
    pte_t flags = PTE_PRESENT | PTE_USER;
    if (rights & VM_WRITE)
        flags |= PTE_WRITE;
    if (!(rights & VM_EXEC))
        flags |= nx_bit();
    *entry = frame | flags;
    return true;
}
