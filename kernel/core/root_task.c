/* The root task at boot (ABI sheet §6.3): its ELF image mapped at the link addresses, the IPC
 * buffer on the page after the image, the boot info on the next, the extra boot info after
 * that; the thread starts at the ELF entry with the boot info address in the cap register. */
#include <arch.h>
#include <core/boot_cspace.h>
#include <core/memory.h>
#include <core/root_task.h>
#include <core/stop.h>
#include <lib/elf.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <object/sched_context.h>
#include <sel4/bootinfo_types.h>

#define ARCH_CHUNKS_MAX 4096
#define ROOT_TIME_SLICE_US 5000 /* seL4's CONFIG_BOOT_THREAD_TIME_SLICE, 5 ms */

static uint8_t arch_chunks[ARCH_CHUNKS_MAX];

struct image_span {
    vaddr_t start, end; /* page-aligned */
};

static const struct elf64_program_header *program_header(const struct elf64_header *elf,
                                                         unsigned i)
{
    return (const void *)((const uint8_t *)elf + elf->phoff + (word_t)i * elf->phentsize);
}

static void check_elf(const struct elf64_header *elf, word_t size)
{
    if (size < sizeof(*elf) || memcmp(elf->ident, ELF_MAGIC, 4))
        kernel_panic("root task: not an ELF file (%lu bytes)", size);
    if (elf->ident[4] != ELF_CLASS_64 || elf->ident[5] != ELF_DATA_LSB ||
        elf->machine != ARCH_ELF_MACHINE || elf->type != ELF_TYPE_EXEC)
        kernel_panic("root task: not a little-endian 64-bit executable for this arch");
    if (elf->phentsize != sizeof(struct elf64_program_header) ||
        elf->phoff + (word_t)elf->phnum * elf->phentsize > size)
        kernel_panic("root task: program headers lie outside the file");
}

static struct image_span image_span(const struct elf64_header *elf, word_t size)
{
    struct image_span span = {(vaddr_t)-1, 0};
    for (unsigned i = 0; i < elf->phnum; i++) {
        const struct elf64_program_header *ph = program_header(elf, i);
        if (ph->type != ELF_PT_LOAD || !ph->memsz)
            continue;
        if (ph->offset + ph->filesz > size || ph->filesz > ph->memsz ||
            ph->vaddr + ph->memsz < ph->vaddr)
            kernel_panic("root task: segment %u lies outside the file", i);
        span.start = span.start < ph->vaddr ? span.start : ph->vaddr;
        span.end = span.end > ph->vaddr + ph->memsz ? span.end : ph->vaddr + ph->memsz;
    }
    if (span.end == 0)
        kernel_panic("root task: no loadable segment");
    /* Leave room for the IPC buffer, boot info and extra boot info above the image. */
    if (span.end > ARCH_USER_TOP - 64 * PAGE_SIZE)
        kernel_panic("root task: image ends at %lx, above user space", span.end);
    span.start = ROUND_DOWN(span.start, PAGE_SIZE);
    span.end = ROUND_UP(span.end, PAGE_SIZE);
    return span;
}

/* Map `pages` frames from `paddr` at `vaddr`. */
static void map_pages(paddr_t root, vaddr_t vaddr, paddr_t paddr, word_t pages, word_t rights)
{
    for (word_t i = 0; i < pages; i++) {
        if (!arch_vspace_map_boot(root, vaddr + i * PAGE_SIZE, paddr + i * PAGE_SIZE, rights))
            kernel_panic("root task: out of memory for page tables");
    }
}

static paddr_t alloc_pages_or_panic(word_t pages, const char *what)
{
    paddr_t paddr = boot_alloc_pages(pages);
    if (!paddr)
        kernel_panic("root task: out of memory for %s (%lu pages)", what, pages);
    return paddr;
}

/* The whole image in one contiguous, zeroed run of frames, mapped read-write-execute as seL4
 * does, so that segments sharing a page need no special case. */
static struct frame_run load_image(paddr_t root, const struct elf64_header *elf,
                                   struct image_span span)
{
    word_t pages = (span.end - span.start) / PAGE_SIZE;
    paddr_t image = alloc_pages_or_panic(pages, "the image");
    uint8_t *window = arch_phys_to_virt(image);
    for (unsigned i = 0; i < elf->phnum; i++) {
        const struct elf64_program_header *ph = program_header(elf, i);
        if (ph->type == ELF_PT_LOAD)
            memcpy(window + (ph->vaddr - span.start), (const uint8_t *)elf + ph->offset,
                   ph->filesz);
    }
    map_pages(root, span.start, image, pages, VM_READ | VM_WRITE | VM_EXEC);
    return (struct frame_run){image, span.start, pages};
}

static word_t add_chunk(uint8_t *dest, word_t id, const void *payload, word_t size)
{
    seL4_BootInfoHeader header = {id, sizeof(header) + size};
    memcpy(dest, &header, sizeof(header));
    memcpy(dest + sizeof(header), payload, size);
    return header.len;
}

static word_t power_of_two_at_least(word_t bytes)
{
    word_t size = PAGE_SIZE;
    while (size < bytes)
        size <<= 1;
    return size;
}

/* Extra boot info (ABI §6.2): the device tree chunk, then the arch's chunks; where the arch
 * has chunks, a padding chunk runs to the end of the mapped region, as on upstream x86. */
static word_t map_extra_bootinfo(paddr_t root, struct frame_run *run,
                                 const struct boot_params *params)
{
    word_t dtb_size = params->device_tree.end - params->device_tree.start;
    word_t arch_size = arch_extra_bootinfo(arch_chunks, sizeof(arch_chunks));
    word_t used = (dtb_size ? sizeof(seL4_BootInfoHeader) + dtb_size : 0) + arch_size;
    word_t extra_len = arch_size ? used + sizeof(seL4_BootInfoHeader) : used;
    if (!extra_len)
        return 0;
    word_t region = power_of_two_at_least(extra_len);
    paddr_t paddr = alloc_pages_or_panic(region / PAGE_SIZE, "extra boot info");
    run->paddr = paddr;
    run->pages = region / PAGE_SIZE;
    uint8_t *dest = arch_phys_to_virt(paddr);
    word_t at = 0;
    if (dtb_size)
        at += add_chunk(dest, SEL4_BOOTINFO_HEADER_FDT,
                        arch_phys_to_virt(params->device_tree.start), dtb_size);
    memcpy(dest + at, arch_chunks, arch_size);
    at += arch_size;
    if (arch_size) {
        seL4_BootInfoHeader padding = {SEL4_BOOTINFO_HEADER_PADDING, region - at};
        memcpy(dest + at, &padding, sizeof(padding));
    }
    map_pages(root, run->vaddr, paddr, run->pages, VM_READ);
    return extra_len;
}

/* A single zeroed frame mapped at `vaddr` with `rights`. */
static struct frame_run map_new_frame(paddr_t root, vaddr_t vaddr, word_t rights,
                                      const char *what)
{
    struct frame_run run = {alloc_pages_or_panic(1, what), vaddr, 1};
    map_pages(root, vaddr, run.paddr, 1, rights);
    return run;
}

static void init_thread(struct tcb *tcb, const struct root_task_layout *layout, vaddr_t entry)
{
    arch_context_init_user(&tcb->context, entry);
    arch_user_reg_set(&tcb->context, REG_CAP, layout->bootinfo.vaddr);
    tcb->vspace_root = layout->vspace;
    tcb->ipc_buffer = layout->ipc_buffer.vaddr;
    tcb->priority = tcb->mcp = 255;
    tcb->state = THREAD_RUNNING;
    memcpy(tcb->name, "rootserver", sizeof("rootserver"));
}

struct tcb *root_task_create(const struct boot_params *params)
{
    const struct elf64_header *elf = arch_phys_to_virt(params->root_task_elf.start);
    word_t size = params->root_task_elf.end - params->root_task_elf.start;
    check_elf(elf, size);
    struct image_span span = image_span(elf, size);
    struct root_task_layout layout = {.vspace = arch_vspace_create()};
    if (!layout.vspace)
        kernel_panic("root task: out of memory for the address space");
    layout.image = load_image(layout.vspace, elf, span);
    layout.ipc_buffer = map_new_frame(layout.vspace, span.end, VM_READ | VM_WRITE,
                                      "the IPC buffer");
    layout.bootinfo = map_new_frame(layout.vspace, span.end + PAGE_SIZE, VM_READ,
                                    "the boot info");
    layout.extra_bootinfo.vaddr = span.end + 2 * PAGE_SIZE;
    seL4_BootInfo *bootinfo = arch_phys_to_virt(layout.bootinfo.paddr);
    bootinfo->extraLen = map_extra_bootinfo(layout.vspace, &layout.extra_bootinfo, params);
    bootinfo->numNodes = 1;
    bootinfo->ipcBuffer = (seL4_IPCBuffer *)layout.ipc_buffer.vaddr;
    layout.tcb = alloc_pages_or_panic(1, "the root thread");
    layout.sc = alloc_pages_or_panic(1, "the root scheduling context");

    struct tcb *tcb = tcb_at(layout.tcb);
    init_thread(tcb, &layout, elf->entry);
    struct sched_context *sc = sched_context_at(layout.sc);
    sched_context_configure(sc, ROOT_TIME_SLICE_US, ROOT_TIME_SLICE_US, 0, 0, 0);
    sched_context_bind_tcb(sc, tcb);
    boot_cspace_create(params, &layout, bootinfo);
    kprintf("kernel: root task image [%lx, %lx), entry %lx, boot info %lx, %lu untypeds\n",
            span.start, span.end, (word_t)elf->entry, layout.bootinfo.vaddr,
            bootinfo->untyped.end - bootinfo->untyped.start);
    return tcb;
}
