/*
 * The boot test: the first root task. It prints two cycle-counter readings (which must
 * increase), checks its boot info and lists the extra boot info chunks (tests/boot/test_boot.py
 * knows each board's), measures Yield and the Call + ReplyRecv round trip to a server in this
 * address space and to one in a second address space (sel4runtime_address_space_create),
 * lets the kernel's timer fire, and ends by reading a kernel address. That read must fault,
 * which shows the task runs in user mode, and the kernel must report it as a fault of this
 * thread and stop cleanly rather than crash. Before that read it states its own result,
 * "boot-test: N passed, M failed", which is the harness's verdict (harness/verdict.py)
 * together with the status 125 the fault leads to.
 * tests/boot/test_boot.py reads the console for each of these lines.
 */
#include <counter.h>
#include <sel4runtime/address_space.h>
#include <sel4runtime/runtime.h>
#include <stdbool.h>

/* The kernel image is mapped from here on every arch (kernel/arch/<arch>/linker.ld). */
#define KERNEL_IMAGE_VADDR 0xffffffff80000000ul
/* Enough counter ticks for several 1 ms kernel timer interrupts (icount: 1 tick = 1 ns). */
#define TIMER_WAIT_TICKS 5000000ull

/* Register words that travel in the IPC buffer (message words 4 and up) in a Write/Read
 * Registers round trip; on every arch these are plain general-purpose registers. */
#define ROUND_TRIP_FIRST 4
#define ROUND_TRIP_WORDS 12
#define ROUND_TRIP_POISON 0xdeadbeeful

static int passes, failures;

static void check(int ok, const char *what)
{
    printf("boot-test: %s: %s\n", ok ? "ok" : "FAILED", what);
    passes += ok;
    failures += !ok;
}

static seL4_Word round_trip_pattern(seL4_Word i)
{
    return 0x5e14000000000000ul | (i << 8) | i;
}

/* `count` empty slots of the root CNode that no other check of this task uses. */
static seL4_CPtr take_empty_slots(seL4_BootInfo *bi, seL4_Word count)
{
    static seL4_Word taken;
    seL4_CPtr first = bi->empty.start + taken;
    taken += count;
    return first;
}

/* The kernel reads this task's message words 4+ from the IPC buffer the boot info names and
 * writes its replies there: WriteRegisters a pattern into a new (never run) thread, then
 * ReadRegisters it back and compare what is in bootinfo->ipcBuffer word by word. */
static void check_ipc_buffer_round_trip(seL4_BootInfo *bi)
{
    seL4_IPCBuffer *ipc = bi->ipcBuffer;
    seL4_CPtr untyped = sel4runtime_find_untyped(bi, 16), tcb = take_empty_slots(bi, 1);
    seL4_UserContext context = {0};
    seL4_Word *words = (seL4_Word *)&context;
    for (seL4_Word i = 0; i < ROUND_TRIP_WORDS; i++)
        words[i] = round_trip_pattern(i);
    seL4_Error made = untyped ? seL4_Untyped_Retype(untyped, seL4_TCBObject, 0,
                                                    seL4_CapInitThreadCNode, 0, 0, tcb, 1)
                              : seL4_NotEnoughMemory;
    seL4_Error written = made ? made : seL4_TCB_WriteRegisters(tcb, 0, 0, ROUND_TRIP_WORDS,
                                                               &context);
    for (seL4_Word i = 0; i < ROUND_TRIP_WORDS + 2; i++)
        ipc->msg[i] = ROUND_TRIP_POISON;
    seL4_Error read = written ? written : seL4_TCB_ReadRegisters(tcb, 0, 0, ROUND_TRIP_WORDS,
                                                                 &context);
    seL4_Word matching = 0;
    for (seL4_Word i = ROUND_TRIP_FIRST; i < ROUND_TRIP_WORDS; i++)
        matching += ipc->msg[i] == round_trip_pattern(i);
    printf("boot-test: IPC buffer round trip: errors %d %d %d, %lu of %d words back\n", made,
           written, read, matching, ROUND_TRIP_WORDS - ROUND_TRIP_FIRST);
    check(read == seL4_NoError && matching == ROUND_TRIP_WORDS - ROUND_TRIP_FIRST,
          "IPC buffer: message words 4+ reach the kernel and its reply comes back in it");
}

static void check_bootinfo(seL4_BootInfo *bootinfo)
{
    seL4_IPCBuffer *ipc = bootinfo->ipcBuffer;
    check((seL4_Word)ipc == (seL4_Word)bootinfo - 4096, "IPC buffer on the page below boot info");
    check(ipc == seL4_GetIPCBuffer(), "the runtime uses the boot info's IPC buffer");
    check(bootinfo->nodeID == 0 && bootinfo->numNodes == 1, "boot info: one node");
    check(bootinfo->initThreadCNodeSizeBits == 12, "boot info: root CNode size bits 12");
}

/* The slot regions of §6.1–6.2 in order, and the untyped list covering RAM and devices. */
static void check_regions(seL4_BootInfo *bi)
{
    seL4_Word ram = 0, device = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_Word bytes = 1ul << bi->untypedList[i].sizeBits;
        ram += bi->untypedList[i].isDevice ? 0 : bytes;
        device += bi->untypedList[i].isDevice ? bytes : 0;
    }
    printf("boot-test: %lu untypeds: %lu MiB of RAM, %lu MiB of devices; empty slots %lu-%lu\n",
           bi->untyped.end - bi->untyped.start, ram >> 20, device >> 20, bi->empty.start,
           bi->empty.end);
    check(bi->userImageFrames.start >= seL4_NumInitialCaps &&
              bi->userImageFrames.end > bi->userImageFrames.start,
          "boot info: image frame caps");
    check(bi->untyped.end > bi->untyped.start && ram > 0 && device > 0,
          "boot info: RAM and device untypeds");
    check(bi->empty.start >= bi->untyped.end && bi->empty.end == 1ul << 12,
          "boot info: empty slots after the untypeds");
}

/* Walk the extra boot info chunks (§6.2) after the boot info page, printing id:length. */
static void print_extra_bootinfo(seL4_BootInfo *bi)
{
    const char *base = (const char *)bi + 4096;
    printf("boot-test: extra boot info %lu bytes:", bi->extraLen);
    for (seL4_Word at = 0; at < bi->extraLen;) {
        const seL4_BootInfoHeader *chunk = (const seL4_BootInfoHeader *)(base + at);
        printf(" %lu:%lu", chunk->id, chunk->len);
        if (chunk->len < sizeof(*chunk))
            break;
        at += chunk->len;
    }
    printf("\n");
    check(bi->extraLen > 0, "boot info: extra boot info present");
}

/* The cost of a syscall that does almost nothing: Yield with no other thread to run. In icount
 * mode the counter counts instructions, so this is the path length of kernel entry,
 * dispatch, scheduler and exit, plus the stub. */
static void measure_yield(void)
{
    enum { ROUNDS = 100 };
    seL4_Yield(); /* warm */
    uint64_t start = counter_read();
    for (int i = 0; i < ROUNDS; i++)
        seL4_Yield();
    uint64_t ticks = counter_read() - start;
    printf("boot-test: seL4_Yield: %llu counter ticks per call (mean of %d)\n",
           (unsigned long long)(ticks / ROUNDS), ROUNDS);
}

/* The IPC round trip: a server thread waiting in Recv on an endpoint with its own reply
 * object, answering each Call with ReplyRecv; the root task calls it with an empty message.
 * One server runs in this address space, another in a second one (sel4runtime/address_space.h:
 * the same image frames through page tables of its own, and a frame of its own at the IPC
 * buffer's address). Registers only, through the raw syscall, so the stubs add little. */
#define IPC_ROUNDS 100
#define IPC_WARMUP 10
#define SERVER_STACK_WORDS 1024
/* Put in the root task's IPC buffer; the server in the second address space must not see it. */
#define IPC_BUFFER_MARKER 0x5ec0adu
/* Slots for the second address space beyond one per image frame: its root, its tables and
 * its IPC buffer frame (copied), with room to spare. */
#define ADDRESS_SPACE_EXTRA_SLOTS 16

struct ipc_server {
    const char *where;
    seL4_CPtr vspace;
    seL4_Word stack[SERVER_STACK_WORDS] __attribute__((aligned(16)));
};

/* The first Call is answered with the userData word of the IPC buffer as this thread's
 * address space maps it; every later one with an empty message. */
static void ipc_server(seL4_Word ep, seL4_Word reply)
{
    struct seL4_SyscallRegs regs = {ep, 0, {0, 0, 0, 0}, reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    regs = (struct seL4_SyscallRegs){ep, seL4_MessageInfo_new(0, 0, 0, 1).words[0],
                                     {seL4_GetIPCBuffer()->userData, 0, 0, 0}, reply, 0};
    for (;;) {
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
        regs = (struct seL4_SyscallRegs){ep, 0, {0, 0, 0, 0}, reply, 0};
    }
}

/* Make the server's endpoint, reply, TCB and scheduling context in free slots from `first`
 * and start it in `server->vspace`; the endpoint's slot, or 0 if any step failed. */
static seL4_CPtr start_ipc_server(seL4_BootInfo *bi, struct ipc_server *server, seL4_CPtr first)
{
    seL4_CPtr untyped = sel4runtime_find_untyped(bi, 16);
    seL4_CPtr ep = first, reply = first + 1, tcb = first + 2, sc = first + 3;
    const seL4_Word types[] = {seL4_EndpointObject, seL4_ReplyObject, seL4_TCBObject};
    seL4_UserContext context = {0};
    sel4runtime_context_init(&context, (seL4_Word)ipc_server,
                             (seL4_Word)&server->stack[SERVER_STACK_WORDS], ep, reply);
    int failed = !untyped;
    for (int i = 0; i < 3 && !failed; i++)
        failed = seL4_Untyped_Retype(untyped, types[i], 0, seL4_CapInitThreadCNode, 0, 0,
                                     first + (seL4_Word)i, 1) != seL4_NoError;
    failed = failed || seL4_Untyped_Retype(untyped, seL4_SchedContextObject,
                                           seL4_MinSchedContextBits, seL4_CapInitThreadCNode,
                                           0, 0, sc, 1) ||
             seL4_SchedControl_Configure(bi->schedcontrol.start, sc, 1000, 1000, 0, 0) ||
             seL4_TCB_Configure(tcb, seL4_CapInitThreadCNode, 0, server->vspace, 0, 0, 0) ||
             seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio - 1,
                                     seL4_MaxPrio - 1, sc, 0) ||
             seL4_TCB_WriteRegisters(tcb, 1, 0, seL4_UserContextWords, &context);
    return failed ? 0 : ep;
}

/* A Call with an empty message; the first word of the reply. */
static seL4_Word ipc_call(seL4_CPtr ep)
{
    struct seL4_SyscallRegs regs = {ep, 0, {0, 0, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
    return regs.mr[0];
}

/* The second address space: this task's image, and a new frame at its IPC buffer's address.
 * Its VSpace root's slot, or 0 (with the error printed) if it could not be made. */
static seL4_CPtr make_second_address_space(seL4_BootInfo *bi)
{
    seL4_CPtr untyped = sel4runtime_find_untyped(bi, 16), buffer = take_empty_slots(bi, 1);
    sel4runtime_frame_run runs[] = {sel4runtime_image_frames(bi),
                                    {buffer, 1, (seL4_Word)bi->ipcBuffer}};
    seL4_Word slots = runs[0].count + ADDRESS_SPACE_EXTRA_SLOTS;
    sel4runtime_address_space_spec spec = {untyped, seL4_CapInitThreadASIDPool,
                                           take_empty_slots(bi, slots), slots, runs, 2};
    sel4runtime_address_space made = {0, 0, 0};
    seL4_Error error = untyped ? seL4_Untyped_Retype(untyped, sel4runtime_page_type(), 0,
                                                     seL4_CapInitThreadCNode, 0, 0, buffer, 1)
                               : seL4_NotEnoughMemory;
    if (!error)
        error = sel4runtime_address_space_create(&spec, &made);
    printf("boot-test: second address space: error %d, %lu frames mapped through %lu new page "
           "tables, %lu slots\n", error, runs[0].count + 1, made.tables, made.slots_used);
    return error ? 0 : made.vspace;
}

/* Start `server`, check what it sees in its IPC buffer, and print the mean round trip. */
static void measure_call_reply_recv(seL4_BootInfo *bi, struct ipc_server *server,
                                    bool sees_root_buffer)
{
    seL4_CPtr ep = server->vspace ? start_ipc_server(bi, server, take_empty_slots(bi, 4)) : 0;
    check(ep != 0, "IPC server started");
    if (!ep)
        return;
    seL4_GetIPCBuffer()->userData = IPC_BUFFER_MARKER;
    seL4_Word seen = ipc_call(ep);
    check(sees_root_buffer ? seen == IPC_BUFFER_MARKER : seen == 0,
          sees_root_buffer ? "the same-address-space server sees this task's IPC buffer"
                           : "the server in the second address space sees its own IPC buffer");
    for (int i = 1; i < IPC_WARMUP; i++)
        ipc_call(ep);
    uint64_t start = counter_read();
    for (int i = 0; i < IPC_ROUNDS; i++)
        ipc_call(ep);
    uint64_t ticks = counter_read() - start;
    printf("boot-test: Call + ReplyRecv round trip, %s: %llu counter ticks (mean of %d)\n",
           server->where, (unsigned long long)(ticks / IPC_ROUNDS), IPC_ROUNDS);
}

static void measure_ipc(seL4_BootInfo *bi)
{
    static struct ipc_server same = {.where = "same address space",
                                     .vspace = seL4_CapInitThreadVSpace};
    static struct ipc_server cross = {.where = "cross address space"};
    measure_call_reply_recv(bi, &same, true);
    cross.vspace = make_second_address_space(bi);
    check(cross.vspace != 0, "second address space made (sel4runtime_address_space_create)");
    measure_call_reply_recv(bi, &cross, false);
}

static void wait_for_timer(void)
{
    uint64_t start = counter_read();
    while (counter_read() - start < TIMER_WAIT_TICKS)
        ;
}

int main(seL4_BootInfo *bootinfo)
{
    printf("boot-test: hello from the root task (counter: %s)\n", counter_name());
    uint64_t first = counter_read();
    uint64_t second = counter_read();
    printf("boot-test: cycle counter: %llu then %llu\n", (unsigned long long)first,
           (unsigned long long)second);
    check(second > first, "cycle counter increases");
    check_bootinfo(bootinfo);
    check_regions(bootinfo);
    print_extra_bootinfo(bootinfo);
    check_ipc_buffer_round_trip(bootinfo);
    measure_yield();
    measure_ipc(bootinfo);
    wait_for_timer();
    printf("boot-test: %d passed, %d failed\n", passes, failures);
    printf("boot-test: touching kernel address %lx\n", KERNEL_IMAGE_VADDR);
    (void)*(volatile seL4_Word *)KERNEL_IMAGE_VADDR;
    printf("boot-test: FAILED: read a kernel address from user mode\n");
    return 1;
}
