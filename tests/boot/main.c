/*
 * The boot test: the first root task. It prints two cycle-counter readings (which must
 * increase), checks its boot info, lets the kernel's timer fire, and ends by reading a kernel
 * address. That read must fault, which shows the task runs in user mode, and the kernel must
 * report it as a fault of this thread and stop cleanly rather than crash.
 * tests/boot/test_boot.py reads the console for each of these lines.
 */
#include <counter.h>
#include <sel4runtime/runtime.h>

/* The kernel image is mapped from here on every arch (kernel/arch/<arch>/linker.ld). */
#define KERNEL_IMAGE_VADDR 0xffffffff80000000ul
/* Enough counter ticks for several 1 ms kernel timer interrupts (icount: 1 tick = 1 ns). */
#define TIMER_WAIT_TICKS 5000000ull

static int failures;

static void check(int ok, const char *what)
{
    printf("boot-test: %s: %s\n", ok ? "ok" : "FAILED", what);
    failures += !ok;
}

static void check_bootinfo(seL4_BootInfo *bootinfo)
{
    seL4_IPCBuffer *ipc = bootinfo->ipcBuffer;
    check((seL4_Word)ipc == (seL4_Word)bootinfo - 4096, "IPC buffer on the page below boot info");
    ipc->msg[0] = 0x5e14;
    check(ipc->msg[0] == 0x5e14, "IPC buffer writable");
    check(bootinfo->nodeID == 0 && bootinfo->numNodes == 1, "boot info: one node");
    check(bootinfo->initThreadCNodeSizeBits == 12, "boot info: root CNode size bits 12");
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
    wait_for_timer();
    printf("boot-test: %d failed; touching kernel address %lx\n", failures, KERNEL_IMAGE_VADDR);
    (void)*(volatile seL4_Word *)KERNEL_IMAGE_VADDR;
    printf("boot-test: FAILED: read a kernel address from user mode\n");
    return 1;
}
