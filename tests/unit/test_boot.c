/* Host tests of the generic boot (sel4-abi.md §6): boot_kernel's checks and memory report,
 * the boot allocator (core/memory.c, under the name memory_boot_alloc_pages here: the stand-in
 * arch's heap allocator keeps the name boot_alloc_pages), the untypeds of the root task's
 * CSpace (core/boot_cspace.c) and its extra boot info and image bounds (core/root_task.c).
 * A boot that must stop runs in a child process, whose console and fate are read back. */
#include "arch/fake_arch.h"
#include "unit.h"
#include <core/boot.h>
#include <core/boot_cspace.h>
#include <core/memory.h>
#include <core/root_task.h>
#include <core/thread.h>
#include <lib/elf.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

paddr_t memory_boot_alloc_pages(word_t pages);

#define MIB (1ul << 20)

/* Boot memory is never given back, in the kernel as here: no leak reports. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}

static void *zeroed(size_t align, size_t bytes)
{
    void *p = aligned_alloc(align, bytes);
    memset(p, 0, bytes);
    return p;
}

/* The arch's boot hooks: nothing to set up on the host. kernel_exit ends a child's boot. */
void arch_init_traps(void)
{
}

void arch_init_interrupts(void)
{
}

void arch_init_timer(void)
{
}

void arch_enable_user_counter(void)
{
}

struct tcb *current_thread;

_Noreturn void kernel_exit(void)
{
    printf("test: kernel_exit\n");
    fflush(stdout);
    _exit(0);
}

paddr_t arch_vspace_create(void)
{
    return (paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE);
}

bool arch_vspace_map_boot(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t rights)
{
    (void)root, (void)vaddr, (void)frame, (void)rights;
    return true;
}

struct cap arch_boot_io_port_control_cap(void)
{
    return cap_null();
}

word_t arch_boot_paging_caps(paddr_t vspace, struct cap *caps, word_t max)
{
    (void)vspace, (void)caps, (void)max;
    return 0;
}

/* The arch's extra boot info chunks: none unless a test sets some. */
static uint8_t arch_chunks[64];
static word_t arch_chunks_size;

word_t arch_extra_bootinfo(void *dest, word_t room)
{
    (void)room;
    memcpy(dest, arch_chunks, arch_chunks_size);
    return arch_chunks_size;
}

/* A root task ELF of one loadable segment of `memsz` bytes at `vaddr` (with 8 bytes of
 * file contents), in `file`. */
struct root_elf {
    struct elf64_header header;
    struct elf64_program_header segment;
    struct elf64_program_header after_table; /* past phnum: never read as a program header */
    uint8_t contents[8];
};

static void make_elf(struct root_elf *file, vaddr_t vaddr, word_t memsz)
{
    memset(file, 0, sizeof(*file));
    memcpy(file->header.ident, ELF_MAGIC, 4);
    file->header.ident[4] = ELF_CLASS_64;
    file->header.ident[5] = ELF_DATA_LSB;
    file->header.type = ELF_TYPE_EXEC;
    file->header.machine = ARCH_ELF_MACHINE;
    file->header.entry = vaddr;
    file->header.phoff = offsetof(struct root_elf, segment);
    file->header.phentsize = sizeof(struct elf64_program_header);
    file->header.phnum = 1;
    file->segment = (struct elf64_program_header){ELF_PT_LOAD, ELF_PF_R | ELF_PF_X,
                                                  offsetof(struct root_elf, contents), vaddr,
                                                  vaddr, sizeof(file->contents), memsz, 0};
}

static void set_root_task(struct boot_params *params, const struct root_elf *file)
{
    params->root_task_elf.start = (paddr_t)file;
    params->root_task_elf.end = (paddr_t)file + sizeof(*file);
}

/* A boot in a child process: its console output and how it ended. */
struct boot_outcome {
    char console[4096];
    bool exited;   /* reached kernel_exit */
    bool panicked; /* kernel_panic (the stand-in aborts) */
};

static struct boot_outcome in_child(void (*run)(struct boot_params *), struct boot_params *params)
{
    struct boot_outcome outcome = {0};
    int pipe_fds[2];
    CHECK(pipe(pipe_fds) == 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        alarm(10);
        run(params);
        kernel_exit();
    }
    close(pipe_fds[1]);
    size_t length = 0;
    ssize_t got;
    while ((got = read(pipe_fds[0], outcome.console + length,
                       sizeof(outcome.console) - 1 - length)) > 0)
        length += (size_t)got;
    close(pipe_fds[0]);
    int status;
    CHECK(waitpid(child, &status, 0) == child);
    outcome.exited = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    outcome.panicked = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    return outcome;
}

static void boot(struct boot_params *params)
{
    boot_kernel(params);
}

static struct boot_outcome boot_in_child(struct boot_params *params)
{
    return in_child(boot, params);
}

/* A packed root task (harness/pack.py): the header's magic, then the ELF's offset from the
 * header (at least the header's size) and size (not 0); anything else is no root task. */
static void test_find_packed_root_task(void)
{
    static _Alignas(8) uint8_t image[256];
    struct packed_root_task header = {PACKED_ROOT_TASK_MAGIC, 64, 100, {0}};
    memcpy(image, &header, sizeof(header));
    struct memory_region elf = {0};
    CHECK(boot_find_packed_root_task((paddr_t)image, &elf));
    CHECK(elf.start == (paddr_t)image + 64 && elf.end == (paddr_t)image + 164);
    struct packed_root_task bad = header;
    bad.magic[7] = 'X';
    memcpy(image, &bad, sizeof(bad));
    CHECK(!boot_find_packed_root_task((paddr_t)image, &elf));
    bad = header;
    bad.elf_offset = 63;
    memcpy(image, &bad, sizeof(bad));
    CHECK(!boot_find_packed_root_task((paddr_t)image, &elf));
    bad = header;
    bad.elf_size = 0;
    memcpy(image, &bad, sizeof(bad));
    CHECK(!boot_find_packed_root_task((paddr_t)image, &elf));
}

/* The boot reports the RAM the board has (every region, the table full too), then enters the
 * root task. */
static void test_boot_reports_memory(void)
{
    static struct boot_params params;
    static struct root_elf file;
    make_elf(&file, 0x400000, 0x2000);
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + 3 * MIB);
    boot_params_add_ram(&params, 0x90000000, 0x90000000 + 2 * MIB);
    set_root_task(&params, &file);
    struct boot_outcome outcome = boot_in_child(&params);
    CHECK(outcome.exited);
    CHECK(strstr(outcome.console, "kernel: 5 MiB RAM in 2 regions, 1 reserved, 5 MiB free"));
    CHECK(strstr(outcome.console, "test: kernel_exit"));
    for (paddr_t at = 0x100000000; params.ram_count < BOOT_MAX_REGIONS; at += 0x1000000)
        boot_params_add_ram(&params, at, at + MIB);
    CHECK(!boot_params_add_ram(&params, 0x200000000, 0x200000000 + MIB)); /* table full */
    outcome = boot_in_child(&params);
    CHECK(outcome.exited);
    CHECK(strstr(outcome.console, "kernel: 35 MiB RAM in 32 regions, 1 reserved, 35 MiB free"));
}

/* No root task, or an empty one: the boot stops at once, before it touches memory. */
static void test_boot_without_a_root_task_stops(void)
{
    static struct boot_params params;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + 3 * MIB);
    struct boot_outcome outcome = boot_in_child(&params);
    CHECK(outcome.panicked);
    CHECK(strstr(outcome.console, "boot: no root task"));
    params.root_task_elf = (struct memory_region){0x80100000, 0x80100000};
    outcome = boot_in_child(&params);
    CHECK(outcome.panicked);
    CHECK(strstr(outcome.console, "boot: no root task"));
    CHECK(!strstr(outcome.console, "MiB RAM"));
}

/* RAM made of host memory, so that the allocator may zero what it hands out. */
static uint8_t *host_ram(void)
{
    static uint8_t *ram;
    if (!ram)
        ram = zeroed(MIB, MIB);
    return ram;
}

/* The allocator hands out free RAM only: never a region the reservations removed (whose entry
 * the free list no longer counts), and nothing once the free memory has become untyped. */
static void test_boot_allocator_takes_free_memory_only(void)
{
    paddr_t ram = (paddr_t)host_ram();
    struct boot_params params = {0};
    boot_params_add_ram(&params, ram, ram + 64 * 1024);
    boot_params_add_ram(&params, ram + 128 * 1024, ram + MIB);
    boot_params_add_reserved(&params, ram + 128 * 1024, ram + MIB);
    memory_init(&params);
    unsigned count;
    memory_free_regions(&count);
    CHECK_EQ(count, 1);
    CHECK_EQ(memory_boot_alloc_pages(64), 0); /* 256 KiB: only the reserved region had it */
    CHECK_EQ(memory_boot_alloc_pages(2), ram);
    memory_retire();
    CHECK_EQ(memory_boot_alloc_pages(1), 0);
}

/* The free list memory_init makes of `params`: its bytes, and its region count in `count`. */
static word_t free_list(const struct boot_params *params, unsigned *count)
{
    memory_init(params);
    memory_free_regions(count);
    return memory_free_bytes();
}

static const struct memory_region *free_region(unsigned i)
{
    unsigned count;
    const struct memory_region *regions = memory_free_regions(&count);
    return i < count ? &regions[i] : NULL;
}

/* RAM less the reservations, page-aligned inwards: a reservation at a region's start or end
 * shortens it (no empty piece is left), one past its end cuts it there, one inside splits
 * it, one over a whole region removes it; RAM smaller than a page gives nothing. */
static void test_free_list_carving(void)
{
    const paddr_t a = 0x80000000, b = 0x90000000, c = 0xa0000000;
    struct boot_params params = {0};
    unsigned count;
    boot_params_add_ram(&params, a, a + MIB);
    boot_params_add_reserved(&params, a, a + 0x1000);
    CHECK_EQ(free_list(&params, &count), MIB - 0x1000);
    CHECK(count == 1 && free_region(0)->start == a + 0x1000);
    params.reserved[0] = (struct memory_region){a + MIB - 0x1000, a + MIB};
    CHECK_EQ(free_list(&params, &count), MIB - 0x1000);
    CHECK(count == 1 && free_region(0)->end == a + MIB - 0x1000);
    params.reserved[0] = (struct memory_region){a + MIB - 0x1000, a + 2 * MIB};
    CHECK_EQ(free_list(&params, &count), MIB - 0x1000);
    CHECK(count == 1 && free_region(0)->end == a + MIB - 0x1000);
    params.reserved[0] = (struct memory_region){a + 0x1000, a + 0x2000};
    CHECK_EQ(free_list(&params, &count), MIB - 0x1000);
    CHECK_EQ(count, 2);

    struct boot_params small = {0};
    boot_params_add_ram(&small, a + 0x100, a + 0x800);
    boot_params_add_ram(&small, a + 0x10100, a + 0x11100); /* pages: [a + 0x11000, itself) */
    CHECK_EQ(free_list(&small, &count), 0);
    CHECK_EQ(count, 0);

    /* The list's last entry moves into the place of a removed one; a later reservation inside
     * the removed region finds nothing left of it. */
    struct boot_params three = {0};
    boot_params_add_ram(&three, a, a + MIB);
    boot_params_add_ram(&three, b, b + MIB);
    boot_params_add_ram(&three, c, c + MIB);
    boot_params_add_reserved(&three, c, c + MIB);
    boot_params_add_reserved(&three, c + 0x1000, c + 0x2000);
    CHECK_EQ(free_list(&three, &count), 2 * MIB);
    CHECK_EQ(count, 2);
}

/* A memory map whose regions overlap can split more regions than the free list has room
 * for: what does not fit is dropped, nothing is written past the list. */
static void test_free_list_full(void)
{
    const paddr_t a = 0x80000000;
    struct boot_params params = {0};
    unsigned count;
    while (params.ram_count < BOOT_MAX_REGIONS)
        boot_params_add_ram(&params, a, a + MIB);
    boot_params_add_reserved(&params, a + 0x1000, a + 0x2000);
    boot_params_add_reserved(&params, a + 0x10000, a + 0x11000);
    free_list(&params, &count);
    CHECK_EQ(count, 2 * BOOT_MAX_REGIONS);
    for (unsigned i = 0; i < count; i++) {
        const struct memory_region *r = free_region(i);
        CHECK(r->end <= a + 0x1000 || (r->start >= a + 0x2000 && r->end <= a + 0x10000));
    }
}

/* A free region exactly as large as the request serves it. */
static void test_boot_allocator_exact_fit(void)
{
    paddr_t ram = (paddr_t)host_ram();
    struct boot_params params = {0};
    boot_params_add_ram(&params, ram, ram + 2 * PAGE_SIZE);
    memory_init(&params);
    CHECK_EQ(memory_boot_alloc_pages(2), ram);
    CHECK_EQ(memory_boot_alloc_pages(1), 0);
}

/* What boot_cspace_create needs besides the boot parameters: a TCB, a scheduling context, an
 * address space root and the boot info frame. */
static seL4_BootInfo *make_root_cspace(const struct boot_params *params)
{
    struct root_task_layout layout = {
        .vspace = (paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE),
        .tcb = (paddr_t)zeroed(BIT(seL4_TCBBits), BIT(seL4_TCBBits)),
        .sc = (paddr_t)zeroed(BIT(seL4_MinSchedContextBits), BIT(seL4_MinSchedContextBits)),
        .ipc_buffer = {(paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE), 0x10000, 1},
        .bootinfo = {(paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE), 0x11000, 1},
    };
    seL4_BootInfo *bootinfo = arch_phys_to_virt(layout.bootinfo.paddr);
    memory_init(params);
    boot_cspace_create(params, &layout, bootinfo);
    return bootinfo;
}

static word_t untyped_count(const seL4_BootInfo *bi)
{
    return bi->untyped.end - bi->untyped.start;
}

static const seL4_UntypedDesc *untyped_at(const seL4_BootInfo *bi, paddr_t paddr)
{
    for (word_t i = 0; i < untyped_count(bi); i++) {
        if (bi->untypedList[i].paddr == paddr)
            return &bi->untypedList[i];
    }
    return NULL;
}

/* The bytes of untyped memory of the kind `device` that lie in [start, end). */
static word_t untyped_bytes_in(const seL4_BootInfo *bi, bool device, paddr_t start, paddr_t end)
{
    word_t bytes = 0;
    for (word_t i = 0; i < untyped_count(bi); i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        paddr_t u_end = u->paddr + BIT(u->sizeBits);
        if (u->isDevice != device || u_end <= start || u->paddr >= end)
            continue;
        bytes += (u_end < end ? u_end : end) - (u->paddr > start ? u->paddr : start);
    }
    return bytes;
}

/* Device untypeds cover what is neither RAM nor reserved, RAM untypeds the free RAM: a
 * reserved region outside RAM (a device the kernel keeps, as riscv64's PLIC) is in neither,
 * and a RAM region the reservations took whole gives no untyped either. */
static void test_untypeds_cover_free_memory_and_devices(void)
{
    struct boot_params params = {0};
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + 2 * MIB);
    boot_params_add_ram(&params, 0x90000000, 0x90000000 + MIB);
    boot_params_add_reserved(&params, 0x0c000000, 0x10000000);
    boot_params_add_reserved(&params, 0x90000000, 0x90000000 + MIB);
    seL4_BootInfo *bi = make_root_cspace(&params);
    paddr_t top = BIT(ARCH_PADDR_BITS);
    CHECK_EQ(untyped_bytes_in(bi, false, 0, top), 2 * MIB);
    CHECK_EQ(untyped_bytes_in(bi, false, 0x80000000, 0x80000000 + 2 * MIB), 2 * MIB);
    CHECK_EQ(untyped_bytes_in(bi, true, 0x0c000000, 0x10000000), 0);
    CHECK_EQ(untyped_bytes_in(bi, true, 0x80000000, 0xa0000000), 0x20000000 - 3 * MIB);
    CHECK_EQ(untyped_bytes_in(bi, true, 0, top), top - 3 * MIB - 0x4000000);
}

/* Untypeds are naturally aligned, of 2^seL4_MinUntypedBits bytes at least: a range is
 * rounded up to that alignment first, and a piece of exactly that size left is kept. */
static void test_untypeds_are_aligned(void)
{
    struct boot_params params = {0};
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    boot_params_add_reserved(&params, 0x20000000, 0x20000009); /* devices from ...09 on */
    boot_params_add_reserved(&params, 0x30000000, 0x30000010);
    boot_params_add_reserved(&params, 0x30000020, 0x30000030); /* a gap of 16 bytes */
    seL4_BootInfo *bi = make_root_cspace(&params);
    for (word_t i = 0; i < untyped_count(bi); i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        CHECK(u->sizeBits >= seL4_MinUntypedBits && u->paddr % BIT(u->sizeBits) == 0);
    }
    CHECK_EQ(untyped_bytes_in(bi, true, 0x20000000, 0x20000100), 0x100 - 0x10);
    CHECK_EQ(untyped_bytes_in(bi, true, 0x30000010, 0x30000020), 0x10);
}

/* Regions in any order: a reserved region just below RAM, listed after it, still leads past
 * the RAM, not into it. The top of the physical address space is one untyped of the largest
 * size if it is aligned to it. */
static void test_device_untypeds_skip_adjacent_regions(void)
{
    struct boot_params params = {0};
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    boot_params_add_reserved(&params, 0x7ff00000, 0x80000000);
    seL4_BootInfo *bi = make_root_cspace(&params);
    CHECK_EQ(untyped_bytes_in(bi, true, 0x7ff00000, 0x80100000), 0);
    CHECK_EQ(untyped_bytes_in(bi, true, 0, BIT(ARCH_PADDR_BITS)),
             BIT(ARCH_PADDR_BITS) - 2 * MIB);
    const seL4_UntypedDesc *top = untyped_at(bi, BIT(seL4_MaxUntypedBits));
    CHECK(top && top->sizeBits == seL4_MaxUntypedBits && top->isDevice);
}

/* A full table of reserved regions: the device untypeds still cover exactly what no region
 * covers (nothing past the table's last entry counts). */
static void test_full_reserved_table(void)
{
    struct boot_params params = {0};
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    boot_params_add_reserved(&params, 0x1000, 0x2000);
    for (paddr_t at = 0x100000000; params.reserved_count < BOOT_MAX_REGIONS; at += 0x1000000)
        boot_params_add_reserved(&params, at, at + PAGE_SIZE);
    params.root_task_elf = (struct memory_region){0x80010000, 0x80020000};
    seL4_BootInfo *bi = make_root_cspace(&params);
    CHECK_EQ(untyped_bytes_in(bi, false, 0, BIT(ARCH_PADDR_BITS)), MIB);
    CHECK_EQ(untyped_bytes_in(bi, true, 0, 0x80000000), 0x80000000 - PAGE_SIZE);
    CHECK_EQ(untyped_bytes_in(bi, true, 0x100000000, 0x100000000 + 0x1000000),
             0x1000000 - PAGE_SIZE);
    const seL4_UntypedDesc *first = untyped_at(bi, 0);
    CHECK(first && first->sizeBits == 12 && first->isDevice); /* [0, 0x1000) in one piece */
}

/* The root CNode holds 2^ROOT_CNODE_SIZE_BITS slots: a boot that needs more stops at the
 * first slot past them. */
static void fill_root_cnode(struct boot_params *params)
{
    struct root_task_layout layout = {
        .vspace = (paddr_t)zeroed(PAGE_SIZE, PAGE_SIZE),
        .tcb = (paddr_t)zeroed(BIT(seL4_TCBBits), BIT(seL4_TCBBits)),
        .sc = (paddr_t)zeroed(BIT(seL4_MinSchedContextBits), BIT(seL4_MinSchedContextBits)),
        .image = {0x80000000, 0x400000, BIT(ROOT_CNODE_SIZE_BITS)},
    };
    memory_init(params);
    boot_cspace_create(params, &layout, zeroed(PAGE_SIZE, PAGE_SIZE));
}

static void test_root_cnode_full(void)
{
    static struct boot_params params;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    struct boot_outcome outcome = in_child(fill_root_cnode, &params);
    CHECK(outcome.panicked);
    char expected[64];
    snprintf(expected, sizeof(expected), "boot: root CNode full at slot %lu\n",
             BIT(ROOT_CNODE_SIZE_BITS));
    CHECK(strstr(outcome.console, expected));
}

/* An empty region (a memory map may list one) covers nothing, and the device untypeds run
 * past it. */
static void test_empty_region_covers_nothing(void)
{
    struct boot_params params = {0};
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    boot_params_add_ram(&params, 0x40000000, 0x40000000);
    seL4_BootInfo *bi = make_root_cspace(&params);
    CHECK_EQ(untyped_bytes_in(bi, true, 0, BIT(ARCH_PADDR_BITS)),
             BIT(ARCH_PADDR_BITS) - MIB);
}

/* More untypeds than the boot info lists: the list is full at its last entry and the rest
 * are dropped (with a warning), as seL4 does. Reserved bytes at odd addresses break the
 * device space into many small untypeds. */
static void test_untyped_list_full(void)
{
    struct boot_params params = {0};
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    for (word_t i = 1; i <= 8; i++)
        boot_params_add_reserved(&params, (i << 34) + 0x10, (i << 34) + 0x20);
    seL4_BootInfo *bi = make_root_cspace(&params);
    CHECK_EQ(untyped_count(bi), CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS);
    CHECK_EQ(bi->empty.start, bi->untyped.end);
}

static void looped(int signal)
{
    (void)signal;
    static const char message[] = "test_boot: timed out (a boot loop never ended)\n";
    write(STDERR_FILENO, message, sizeof(message) - 1);
    _exit(1);
}

/* The root task's pieces as its CSpace holds them: the boot info, the extra boot info. */
static struct cte *root_cnode(struct tcb *tcb)
{
    return arch_phys_to_virt(cap_object(tcb->slots[TCB_CTABLE].cap));
}

static seL4_BootInfo *root_bootinfo(struct tcb *tcb)
{
    return arch_phys_to_virt(cap_object(root_cnode(tcb)[seL4_CapBootInfoFrame].cap));
}

static struct tcb *make_root_task(struct boot_params *params)
{
    memory_init(params);
    return root_task_create(params);
}

static void create_root_task(struct boot_params *params)
{
    make_root_task(params);
}

/* The image may end as high as 64 pages below the top of user space (room for the IPC
 * buffer and the boot info pages above it), and no higher. */
static void test_root_task_image_top(void)
{
    static struct boot_params params;
    static struct root_elf file;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    set_root_task(&params, &file);
    vaddr_t highest_end = ARCH_USER_TOP - 64 * PAGE_SIZE;
    make_elf(&file, highest_end - 0x2000, 0x2000);
    struct boot_outcome outcome = in_child(create_root_task, &params);
    CHECK(outcome.exited);
    make_elf(&file, highest_end - 0x2000, 0x2001);
    outcome = in_child(create_root_task, &params);
    CHECK(outcome.panicked);
    CHECK(strstr(outcome.console, "above user space"));
}

/* A segment that starts inside a page: the image starts at that page's start, and the
 * segment's bytes lie at their offset in its first frame. */
static void test_root_task_unaligned_segment(void)
{
    static struct boot_params params;
    static struct root_elf file;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    make_elf(&file, 0x400100, 0x100);
    memcpy(file.contents, "rootsegm", 8);
    set_root_task(&params, &file);
    struct tcb *tcb = make_root_task(&params);
    seL4_BootInfo *bi = root_bootinfo(tcb);
    CHECK_EQ(bi->userImageFrames.end - bi->userImageFrames.start, 1);
    const uint8_t *frame =
        arch_phys_to_virt(cap_object(root_cnode(tcb)[bi->userImageFrames.start].cap));
    CHECK(!memcmp(frame + 0x100, "rootsegm", 8));
    CHECK_EQ(arch_user_reg_get(&tcb->context, REG_CAP), 0x402000); /* the boot info page */
}

/* The ELF checks: a file no larger than its header passes the size check (and then has no
 * loadable segment); a program header table may end exactly at the end of the file. */
static void test_root_task_elf_bounds(void)
{
    static struct boot_params params;
    static struct root_elf file;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    make_elf(&file, 0x400000, 0x1000);
    file.header.phnum = 0;
    params.root_task_elf = (struct memory_region){(paddr_t)&file,
                                                  (paddr_t)&file + sizeof(file.header)};
    struct boot_outcome outcome = in_child(create_root_task, &params);
    CHECK(outcome.panicked);
    CHECK(strstr(outcome.console, "root task: no loadable segment"));
    make_elf(&file, 0x400000, 0x1000);
    file.segment.offset = 0;
    file.segment.filesz = 0; /* all of it zero-filled */
    params.root_task_elf.end = (paddr_t)&file.after_table;
    outcome = in_child(create_root_task, &params);
    CHECK(outcome.exited);
}

/* Only the phnum program headers count: what follows the table in the file, even if it reads
 * as a loadable segment, is neither part of the image nor copied. */
static void test_root_task_program_header_count(void)
{
    static struct boot_params params;
    static struct root_elf file;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    make_elf(&file, 0x400000, 0x1000);
    file.after_table = file.segment;
    file.after_table.vaddr = 0x300000;
    set_root_task(&params, &file);
    struct tcb *tcb = make_root_task(&params);
    seL4_BootInfo *bi = root_bootinfo(tcb);
    CHECK_EQ(bi->userImageFrames.end - bi->userImageFrames.start, 1);
    CHECK_EQ(arch_user_reg_get(&tcb->context, REG_CAP), 0x402000);
}

/* The extra boot info takes the smallest power-of-two number of pages that holds it: one page
 * for exactly a page's worth. */
static void test_extra_bootinfo_of_exactly_a_page(void)
{
    static struct boot_params params;
    static struct root_elf file;
    static uint8_t device_tree[PAGE_SIZE - sizeof(seL4_BootInfoHeader)];
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    make_elf(&file, 0x400000, 0x1000);
    set_root_task(&params, &file);
    params.device_tree = (struct memory_region){(paddr_t)device_tree,
                                                (paddr_t)device_tree + sizeof(device_tree)};
    seL4_BootInfo *bi = root_bootinfo(make_root_task(&params));
    CHECK_EQ(bi->extraLen, PAGE_SIZE);
    CHECK_EQ(bi->extraBIPages.end - bi->extraBIPages.start, 1);
}

/* Without a device tree or arch chunks there is no extra boot info: no length, no frames
 * (seL4 maps none when it has nothing to put there). */
static void test_no_extra_bootinfo(void)
{
    static struct boot_params params;
    static struct root_elf file;
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    make_elf(&file, 0x400000, 0x2000);
    set_root_task(&params, &file);
    seL4_BootInfo *bi = root_bootinfo(make_root_task(&params));
    CHECK_EQ(bi->numNodes, 1);
    CHECK_EQ((vaddr_t)bi->ipcBuffer, 0x402000); /* the page after the image */
    CHECK_EQ(bi->extraLen, 0);
    CHECK_EQ(bi->extraBIPages.end - bi->extraBIPages.start, 0);
}

/* The device tree chunk, then the arch's chunks as the arch wrote them, then a padding chunk
 * to the end of the extra boot info's frames (as upstream x86 pads). */
static void test_extra_bootinfo_chunks(void)
{
    static struct boot_params params;
    static struct root_elf file;
    static uint8_t device_tree[104];
    memset(device_tree, 0xd7, sizeof(device_tree));
    boot_params_add_ram(&params, 0x80000000, 0x80000000 + MIB);
    make_elf(&file, 0x400000, 0x2000);
    set_root_task(&params, &file);
    params.device_tree = (struct memory_region){(paddr_t)device_tree,
                                                (paddr_t)device_tree + sizeof(device_tree)};
    seL4_BootInfoHeader arch_header = {SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, 24};
    memcpy(arch_chunks, &arch_header, sizeof(arch_header));
    memset(arch_chunks + sizeof(arch_header), 0xa5, 8);
    arch_chunks_size = 24;
    struct tcb *tcb = make_root_task(&params);
    arch_chunks_size = 0;
    seL4_BootInfo *bi = root_bootinfo(tcb);
    word_t fdt_len = sizeof(seL4_BootInfoHeader) + sizeof(device_tree);
    CHECK_EQ(bi->extraLen, fdt_len + 24 + sizeof(seL4_BootInfoHeader));
    CHECK_EQ(bi->extraBIPages.end - bi->extraBIPages.start, 1);
    const uint8_t *extra =
        arch_phys_to_virt(cap_object(root_cnode(tcb)[bi->extraBIPages.start].cap));
    const seL4_BootInfoHeader *fdt = (const void *)extra;
    CHECK(fdt->id == SEL4_BOOTINFO_HEADER_FDT && fdt->len == fdt_len);
    CHECK(!memcmp(extra + sizeof(*fdt), device_tree, sizeof(device_tree)));
    CHECK(!memcmp(extra + fdt_len, arch_chunks, 24));
    const seL4_BootInfoHeader *padding = (const void *)(extra + fdt_len + 24);
    CHECK(padding->id == SEL4_BOOTINFO_HEADER_PADDING &&
          padding->len == PAGE_SIZE - fdt_len - 24);
}

int main(void)
{
    signal(SIGALRM, looped);
    alarm(15); /* a boot that loops fails here, not at ctest's timeout */
    test_find_packed_root_task();
    test_boot_reports_memory();
    test_boot_without_a_root_task_stops();
    test_boot_allocator_takes_free_memory_only();
    test_free_list_carving();
    test_free_list_full();
    test_boot_allocator_exact_fit();
    test_untypeds_cover_free_memory_and_devices();
    test_untypeds_are_aligned();
    test_device_untypeds_skip_adjacent_regions();
    test_full_reserved_table();
    test_root_cnode_full();
    test_empty_region_covers_nothing();
    test_untyped_list_full();
    test_root_task_image_top();
    test_root_task_unaligned_segment();
    test_root_task_program_header_count();
    test_root_task_elf_bounds();
    test_extra_bootinfo_of_exactly_a_page();
    test_no_extra_bootinfo();
    test_extra_bootinfo_chunks();
    return unit_report("test_boot");
}
