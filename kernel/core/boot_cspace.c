/*
 * The root task's initial CSpace. Fixed capabilities go in slots 1..15 (ABI §6.1); after
 * them, in order, the regions the boot info describes: the root task's page tables, extra
 * boot info frames, image frames, scheduling control, then untyped memory: free RAM, and
 * device memory (the physical address space RAM does not cover). Every boot capability is an
 * original: a root of the derivation tree.
 */
#include <arch.h>
#include <core/boot_cspace.h>
#include <core/cspace.h>
#include <core/derive.h>
#include <core/memory.h>
#include <core/stop.h>
#include <lib/printf.h>
#include <object/asid_pool.h>
#include <object/frame.h>
#include <object/tcb.h>

#define MAX_PAGING_CAPS 64

struct boot_cspace {
    struct cte *slots;
    word_t next;
    seL4_BootInfo *bootinfo;
};

static paddr_t alloc_or_panic(word_t bytes, const char *what)
{
    paddr_t paddr = boot_alloc_pages(ROUND_UP(bytes, PAGE_SIZE) / PAGE_SIZE);
    if (!paddr)
        kernel_panic("boot: out of memory for %s", what);
    return paddr;
}

static void put(struct boot_cspace *cs, word_t slot, struct cap cap)
{
    if (slot >= BIT(ROOT_CNODE_SIZE_BITS))
        kernel_panic("boot: root CNode full at slot %lu", slot);
    if (!cap_is_null(cap))
        cspace_insert_child(0, &cs->slots[slot], cap, true);
}

/* Append `cap` after the fixed slots; returns its slot. */
static word_t append(struct boot_cspace *cs, struct cap cap)
{
    put(cs, cs->next, cap);
    return cs->next++;
}

/* A 4 KiB frame the boot mapped read-write into the root task's VSpace. */
static struct cap boot_frame_cap(paddr_t paddr, vaddr_t vaddr)
{
    return cap_with_mapping(cap_frame(paddr, FRAME_4K, VM_RIGHTS_READ_WRITE, false), ASID_BOOT,
                            vaddr);
}

static void append_frames(struct boot_cspace *cs, const struct frame_run *run)
{
    for (word_t i = 0; i < run->pages; i++)
        append(cs, boot_frame_cap(run->paddr + i * PAGE_SIZE, run->vaddr + i * PAGE_SIZE));
}

static seL4_SlotRegion region_since(const struct boot_cspace *cs, word_t start)
{
    return (seL4_SlotRegion){start, cs->next};
}

static void add_untyped(struct boot_cspace *cs, paddr_t paddr, word_t bits, bool device)
{
    seL4_BootInfo *bi = cs->bootinfo;
    word_t index = cs->next - bi->untyped.start;
    if (index >= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
        kprintf("boot: untyped list full, dropping %lx (2^%lu)\n", paddr, bits);
        return;
    }
    bi->untypedList[index] = (seL4_UntypedDesc){paddr, (seL4_Uint8)bits, device, {0}};
    append(cs, cap_untyped(paddr, bits, device));
}

/* Cover [start, end) with the fewest naturally aligned power-of-two untypeds. */
static void add_untyped_range(struct boot_cspace *cs, paddr_t start, paddr_t end, bool device)
{
    start = ROUND_UP(start, BIT(seL4_MinUntypedBits));
    while (start < end && end - start >= BIT(seL4_MinUntypedBits)) {
        word_t bits = start ? (word_t)__builtin_ctzl(start) : seL4_MaxUntypedBits;
        while (bits > seL4_MaxUntypedBits || BIT(bits) > end - start)
            bits--;
        add_untyped(cs, start, bits, device);
        start += BIT(bits);
    }
}

/* RAM and reserved regions together: the i-th of them, for i < covered_count(). */
static const struct memory_region *covered(const struct boot_params *params, unsigned i)
{
    return i < params->ram_count ? &params->ram[i] : &params->reserved[i - params->ram_count];
}

static unsigned covered_count(const struct boot_params *params)
{
    return params->ram_count + params->reserved_count;
}

/* The first address at or after `at` that no RAM or reserved region covers. */
static paddr_t skip_covered(const struct boot_params *params, paddr_t at)
{
    for (bool moved = true; moved;) {
        moved = false;
        for (unsigned i = 0; i < covered_count(params); i++) {
            if (covered(params, i)->start <= at && at < covered(params, i)->end) {
                at = covered(params, i)->end;
                moved = true;
            }
        }
    }
    return at;
}

/* The start of the first RAM or reserved region above `at`, or `top`. */
static paddr_t next_covered(const struct boot_params *params, paddr_t at, paddr_t top)
{
    paddr_t next = top;
    for (unsigned i = 0; i < covered_count(params); i++) {
        paddr_t start = covered(params, i)->start;
        if (start > at && start < next)
            next = start;
    }
    return next;
}

/* Device untypeds: everything below 2^ARCH_PADDR_BITS that is neither RAM nor reserved (the
 * kernel's own devices are reserved by the arch). */
static void add_device_untypeds(struct boot_cspace *cs, const struct boot_params *params)
{
    paddr_t top = BIT(ARCH_PADDR_BITS);
    for (paddr_t at = skip_covered(params, 0); at < top; at = skip_covered(params, at)) {
        paddr_t end = next_covered(params, at, top);
        add_untyped_range(cs, at, end, true);
        at = end;
    }
}

static void add_untypeds(struct boot_cspace *cs, const struct boot_params *params)
{
    unsigned count;
    const struct memory_region *free = memory_free_regions(&count);
    cs->bootinfo->untyped.start = cs->next;
    for (unsigned i = 0; i < count; i++)
        add_untyped_range(cs, free[i].start, free[i].end, false);
    memory_retire();
    add_device_untypeds(cs, params);
    cs->bootinfo->untyped = region_since(cs, cs->bootinfo->untyped.start);
}

static void add_paging(struct boot_cspace *cs, paddr_t vspace)
{
    static struct cap caps[MAX_PAGING_CAPS];
    word_t count = arch_boot_paging_caps(vspace, caps, MAX_PAGING_CAPS);
    word_t start = cs->next;
    for (word_t i = 0; i < count; i++)
        append(cs, caps[i]);
    cs->bootinfo->userImagePaging = region_since(cs, start);
}

/* The first ASID pool, from boot memory, with the root task's VSpace at ASID_BOOT. */
static struct cap boot_asid_pool_cap(paddr_t vspace)
{
    paddr_t pool = boot_alloc_pages(1);
    if (!pool)
        kernel_panic("boot: out of memory for the ASID pool");
    return asid_boot_pool(pool, vspace);
}

/* Slots 1..15. */
static void put_fixed(struct boot_cspace *cs, const struct root_task_layout *layout,
                      struct cap cnode)
{
    put(cs, seL4_CapInitThreadTCB, cap_thread(layout->tcb));
    put(cs, seL4_CapInitThreadCNode, cnode);
    put(cs, seL4_CapInitThreadASIDPool, boot_asid_pool_cap(layout->vspace));
    put(cs, seL4_CapInitThreadVSpace,
        cap_table_mapped(cap_table(ARCH_CAP_VSPACE_ROOT, layout->vspace), ASID_BOOT, 0));
    put(cs, seL4_CapIRQControl, cap_irq_control());
    put(cs, seL4_CapASIDControl, cap_asid_control());
    put(cs, seL4_CapIOPortControl, arch_boot_io_port_control_cap());
    put(cs, seL4_CapBootInfoFrame, boot_frame_cap(layout->bootinfo.paddr, layout->bootinfo.vaddr));
    put(cs, seL4_CapInitThreadIPCBuffer,
        boot_frame_cap(layout->ipc_buffer.paddr, layout->ipc_buffer.vaddr));
    put(cs, seL4_CapDomain, cap_domain());
    put(cs, seL4_CapInitThreadSC, cap_sched_context(layout->sc, seL4_MinSchedContextBits));
}

/* The TCB's own CSpace, VSpace and IPC buffer slots: copies of the root task's caps. */
static void bind_tcb(struct boot_cspace *cs, struct tcb *tcb)
{
    static const struct {
        enum tcb_slot tcb_slot;
        word_t root_slot;
    } bindings[] = {{TCB_CTABLE, seL4_CapInitThreadCNode},
                    {TCB_VTABLE, seL4_CapInitThreadVSpace},
                    {TCB_BUFFER, seL4_CapInitThreadIPCBuffer}};
    for (word_t i = 0; i < ARRAY_SIZE(bindings); i++) {
        struct cte *src = &cs->slots[bindings[i].root_slot];
        struct cap cap;
        /* Derived, as any copy: the IPC buffer frame's copy does not own its mapping. */
        cap_derive(src, src->cap, &cap);
        cspace_insert_child(src, &tcb->slots[bindings[i].tcb_slot], cap, false);
    }
}

void boot_cspace_create(const struct boot_params *params, const struct root_task_layout *layout,
                        seL4_BootInfo *bootinfo)
{
    word_t cnode_bytes = BIT(ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    paddr_t cnode_paddr = alloc_or_panic(cnode_bytes, "the root CNode");
    struct boot_cspace cs = {arch_phys_to_virt(cnode_paddr), seL4_NumInitialCaps, bootinfo};
    struct cap cnode = cap_cnode(cnode_paddr, ROOT_CNODE_SIZE_BITS,
                                 seL4_WordBits - ROOT_CNODE_SIZE_BITS, 0);
    put_fixed(&cs, layout, cnode);
    bind_tcb(&cs, tcb_at(layout->tcb));

    add_paging(&cs, layout->vspace);
    word_t start = cs.next;
    append_frames(&cs, &layout->extra_bootinfo);
    bootinfo->extraBIPages = region_since(&cs, start);
    start = cs.next;
    append_frames(&cs, &layout->image);
    bootinfo->userImageFrames = region_since(&cs, start);
    start = append(&cs, cap_sched_control(0));
    bootinfo->schedcontrol = region_since(&cs, start);
    add_untypeds(&cs, params);
    bootinfo->empty = (seL4_SlotRegion){cs.next, BIT(ROOT_CNODE_SIZE_BITS)};
    bootinfo->initThreadCNodeSizeBits = ROOT_CNODE_SIZE_BITS;
}
