/*
 * THE arch contract: every function an architecture must supply, each with what it must do
 * and what it may assume. Generic kernel code includes this header and nothing under arch/.
 * Hooks that must inline are static inline functions of the same names in the arch's
 * include/arch/ headers, which this header pulls in.
 */
#pragma once
#include <types.h>
#include <arch/context.h> /* struct arch_context; user_reg accessors (inline) */
#include <arch/machine.h> /* arch_phys_to_virt, arch_virt_to_phys (inline) */
#include <arch/mmu.h>     /* the constants of the generic VSpace objects, below */
#include <object/cap.h>

struct tcb;
struct boot_params;
struct cte;
struct invocation;
struct syscall_error;
struct frame_map;

/* What generic frame and ASID code takes from the arch, in arch/mmu.h:
 *   ARCH_ASID_HIGH_BITS     log2 of the number of ASID pools (seL4: 3 on x86_64, else 7)
 *   ARCH_CAP_VSPACE_ROOT    the capability type of a VSpace root (PML4, page table, VSpace)
 *   ARCH_FRAME_MAP_END      a frame Map must end at or below this address
 *   ARCH_FRAME_MAP_CHECKS   seL4's order of the frame Map checks (object/frame.h)
 *   ARCH_LABEL_FRAME_MAP, _UNMAP, _GET_ADDRESS, ARCH_LABEL_ASID_CONTROL_MAKE_POOL,
 *   ARCH_LABEL_ASID_POOL_ASSIGN: the invocation labels of the generic objects */

/* The kernel's virtual window onto all of physical memory (inline, in arch/machine.h):
 *   void *arch_phys_to_virt(paddr_t paddr);
 *   paddr_t arch_virt_to_phys(const void *vaddr);
 * The user-register roles (inline, in arch/context.h): enum user_reg and
 *   word_t arch_user_reg_get(const struct arch_context *, enum user_reg);
 *   void arch_user_reg_set(struct arch_context *, enum user_reg, word_t value); */

/* Boot. The arch entry code runs with a stack and the kernel mapped at its link address,
 * fills a struct boot_params (core/boot.h) and calls boot_kernel(). */

/* Route traps, exceptions and syscalls to the kernel's handlers; report kernel faults. */
void arch_init_traps(void);
/* Bring up the interrupt controller with every device interrupt masked. */
void arch_init_interrupts(void);
/* Time: a monotonic counter (x86_64 TSC, aarch64 CNTVCT_EL0, riscv64 `time`) and a one-shot
 * kernel timer on it. Set up the timer with nothing armed; its interrupt arrives as
 * interrupt_handle(arch_timer_irq()). */
void arch_init_timer(void);
/* The counter now. */
uint64_t arch_time_now(void);
/* The counter's ticks per second (after arch_init_timer). */
uint64_t arch_time_hz(void);
/* Arm the timer to interrupt once when the counter reaches `deadline` (at once if it has);
 * replaces any earlier deadline. UINT64_MAX: none. The arch may interrupt earlier than a far
 * deadline it cannot express; the kernel then sets it again. */
void arch_timer_set_deadline(uint64_t deadline);
/* How many counter ticks early the kernel arms the timer for a deadline (seL4's
 * getTimerPrecision, §12.5 r10). */
uint64_t arch_timer_precision(void);
/* The kernel's own timer interrupt number (the one IRQControl may never hand out). */
word_t arch_timer_irq(void);
/* Acknowledge the timer interrupt; nothing more comes until the next deadline is set. */
void arch_timer_ack(void);
/* Idle: wait, with the kernel's stack and state as they are, until an interrupt arrives, and
 * return its number, acknowledged at the controller as the trap path does before
 * interrupt_handle; ARCH_NO_INTERRUPT if the wake-up had none (spurious). */
#define ARCH_NO_INTERRUPT (~0ul)
word_t arch_idle_wait(void);
/* Make the cycle counter readable from user mode (TSC / PMCCNTR_EL0 / rdcycle). */
void arch_enable_user_counter(void);

/* Console: the board's UART, polled. Usable from the first line of C. */
void arch_console_init(void);
void arch_console_putchar(char c);

/* Stop the machine; QEMU exits with `status` (0..127) as the guest's status. */
_Noreturn void arch_machine_halt(word_t status);

/* User address spaces. A vspace is identified by the physical address of its root table. */
/* A new, zeroed root table that also maps the kernel; 0 when out of memory. */
paddr_t arch_vspace_create(void);
/* Map one 4 KiB frame at `vaddr` for user access with `rights` (VM_READ|VM_WRITE|VM_EXEC),
 * allocating intermediate tables from boot memory; false when out of memory. */
bool arch_vspace_map_boot(paddr_t root, vaddr_t vaddr, paddr_t frame, word_t rights);
#define VM_READ BIT(0)
#define VM_WRITE BIT(1)
#define VM_EXEC BIT(2)

/* Threads. */
/* Initial user state of a new thread: user mode, interrupts on, everything else zero. */
void arch_context_init_user(struct arch_context *context, vaddr_t entry);
/* The return to user mode is two hooks, which the fastpath uses too: first
 *   void arch_vspace_load(paddr_t root);   (inline, in arch/user_return.h)
 * makes `root` the address space user mode sees (through vspace_activate, below); then: */
/* Hand `thread` the CPU's per-thread state (FPU, TLS bases) and enter user mode with its saved
 * registers. Precondition: its address space is active. */
_Noreturn void arch_context_restore(struct tcb *thread);
/* A root table with no user mappings at all: where a thread whose VSpace is gone runs, to
 * fault at its first user access (seL4's setVMRoot falls back to the kernel's tables). */
paddr_t arch_vspace_empty_root(void);
/* seL4_UserContext (ABI §3.7), for TCB Read/Write/CopyRegisters: word `index` in the ABI's
 * order. arch/context.h defines ARCH_USER_CONTEXT_WORDS (20 / 36 / 32),
 * ARCH_USER_CONTEXT_FRAME_WORDS (the "frame registers": 18 / 17 / 16) and
 * ARCH_TIMEOUT_REPLY_WORDS (those a Timeout fault's reply writes: 19 / 34 / 32). Setting sanitises
 * (user-mode flags/SPSR/sstatus bits only; canonical addresses where the arch needs them). */
word_t arch_user_context_get(const struct arch_context *context, word_t index);
void arch_user_context_set(struct arch_context *context, word_t index, word_t value);
/* Set the thread's TLS base register (x86_64 FS base, aarch64 TPIDR_EL0, riscv64 tp). */
void arch_set_tls_base(struct arch_context *context, word_t base);
/* Fault messages (sel4-abi.md §7.2), as tables in arch/context.h that api/fault.c reads:
 *   ARCH_UNKNOWN_SYSCALL_REGISTERS  the registers an UnknownSyscall message carries before its
 *                                   syscall number,
 *   ARCH_USER_EXCEPTION_REGISTERS   those a UserException message carries before Number and Code,
 * each an initializer of seL4_UserContext word indices (§3.7) in message order. A fault reply
 * writes the first of them back through arch_user_context_set. FAULT_REGISTER_NEXT_IP stands
 * for a word outside seL4_UserContext: where the thread resumes (REG_NEXT_IP; aarch64's "LR"
 * word, ELR_EL1), which a reply leaves alone as the thread restarts at FaultIP. */
#define FAULT_REGISTER_NEXT_IP 0xff
/* Print the registers of a user context, for fault reports. */
void arch_context_print(const struct arch_context *context);

/* Arch objects and capabilities (page tables, VSpace roots, I/O ports; frames and ASID pools
 * are generic objects with arch object types): odd cap types, object types from
 * seL4_NonArchObjectTypeCount on (ABI §4). */
/* log2 bytes of an arch object type; 0 if the type is not one of this arch's. */
word_t arch_object_size_bits(word_t type);
/* Construct an arch object in memory at `paddr` (zeroed unless `device`); its capability. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device);
/* Tear down an arch object whose last capability is going (unmap a table, free a root's
 * ASID with asid_finalise_vspace). Never a frame or an ASID pool: generic code has those. */
void arch_object_finalise(struct cap cap);
/* True for the frame types, the only objects device untyped memory may become. */
bool arch_is_frame_type(word_t type);
/* The rules of core/derive.c for arch capabilities other than frames. */
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived);
bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap);
/* Decode and perform an invocation of an arch capability (api/invocation.h); also gets the
 * frame labels object/frame.c does not know. */
struct syscall_error arch_decode_invocation(struct invocation *inv);
/* The root table a VSpace capability names, if it can be a thread's VSpace (a root table
 * with an ASID assigned); 0 otherwise. */
paddr_t arch_vspace_root(struct cap cap);

/* Frames (object/frame.c runs every check; these only touch the tables). */
/* The entry `map` would fill at the frame's level under map->root, in map->slot; the ABI's
 * error otherwise (FailedLookup with the bits left when a table on the way is missing, or
 * what the arch refuses: DeleteFirst for a table in the way). Changes nothing. */
struct syscall_error arch_frame_lookup_slot(struct frame_map *map);
/* Write the entry arch_frame_lookup_slot found, and flush what the old one left cached. */
void arch_frame_map(const struct frame_map *map);
/* Remove the frame `frame`'s recorded mapping under `root`, if the entry still maps it. */
void arch_frame_unmap(paddr_t root, struct cap frame);
/* ASID pools (object/asid_pool.c). */
/* Get the root table `root` ready for the ASID it is being assigned; cannot fail. */
void arch_vspace_assign(paddr_t root);
/* `root` has lost its ASID: nothing the CPU caches of it may outlive this (its tables may
 * be cleared or reused next). */
void arch_vspace_asid_deleted(paddr_t root);
/* Interrupts user handlers may take: ARCH_MAX_IRQ (arch/machine.h) is the highest number. */
/* Whether IRQControl Get may hand out `irq`: the ABI's error if not (ARM/RISC-V: RangeError
 * with the board's range; x86_64 with an IOAPIC: IllegalOperation, use GetIOAPIC/GetMSI). */
struct syscall_error arch_irq_check(word_t irq);
/* The arch's own IRQControl labels (GetTrigger, GetIOAPIC, GetMSI, ...). */
struct syscall_error arch_decode_irq_control(struct invocation *inv);
/* Mask or unmask one interrupt at the controller. The arch's trap code acknowledges (EOI) an
 * interrupt before interrupt_handle(); a user-handled one stays masked until IRQHandler Ack. */
void arch_irq_mask(word_t irq);
void arch_irq_unmask(word_t irq);

/* Boot: capabilities to what the boot made for the root task (core/boot_cspace.c). */
/* I/O port control: a null capability where the arch has none. */
struct cap arch_boot_io_port_control_cap(void);
/* Capabilities to the page tables below `vspace`'s root that map user addresses: at most
 * `max` into `caps`; returns how many. */
word_t arch_boot_paging_caps(paddr_t vspace, struct cap *caps, word_t max);

/* Extra boot info the arch adds after the bootinfo frame (x86: RSDP, memory map, TSC
 * frequency). Writes at most `room` bytes at `dest`; returns the bytes written. */
word_t arch_extra_bootinfo(void *dest, word_t room);

#include <arch/user_return.h> /* arch_vspace_load (inline) */

/* The root the CPU translates user addresses with now (core/thread.c keeps it). */
extern paddr_t vspace_active_root;

/* Make `root` the active address space; nothing when it already is. */
static inline void vspace_activate(paddr_t root)
{
    if (root == vspace_active_root)
        return;
    vspace_active_root = root;
    arch_vspace_load(root);
}
