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
#include <object/cap.h>

struct tcb;
struct boot_params;
struct cte;
struct invocation;
struct syscall_error;

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
/* Start the kernel's periodic timer, one interrupt every KERNEL_TICK_US microseconds; each
 * arrives as interrupt_handle(arch_timer_irq()). */
#define KERNEL_TICK_US 1000
void arch_init_timer(void);
/* The kernel's own timer interrupt number (the one IRQControl may never hand out). */
word_t arch_timer_irq(void);
/* Acknowledge the timer interrupt and program the next one. */
void arch_timer_ack(void);
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
/* Switch to `thread`'s address space and enter user mode with its saved registers. */
_Noreturn void arch_return_to_user(struct tcb *thread);
/* seL4_UserContext (ABI §3.7), for TCB Read/Write/CopyRegisters: word `index` in the ABI's
 * order. arch/context.h defines ARCH_USER_CONTEXT_WORDS (20 / 36 / 32) and
 * ARCH_USER_CONTEXT_FRAME_WORDS (the "frame registers": 18 / 17 / 16). Setting sanitises
 * (user-mode flags/SPSR/sstatus bits only; canonical addresses where the arch needs them). */
word_t arch_user_context_get(const struct arch_context *context, word_t index);
void arch_user_context_set(struct arch_context *context, word_t index, word_t value);
/* Set the thread's TLS base register (x86_64 FS base, aarch64 TPIDR_EL0, riscv64 tp). */
void arch_set_tls_base(struct arch_context *context, word_t base);
/* Fault messages (sel4-abi.md §7.2): the registers an UnknownSyscall message carries before
 * its syscall number, and a UserException message before Number and Code, in message order
 * (`fault_type` is api/fault.h's FAULT_UNKNOWN_SYSCALL or FAULT_USER_EXCEPTION). A fault
 * reply writes the first of them back, sanitised as TCB_WriteRegisters does. */
word_t arch_fault_register_count(word_t fault_type);
word_t arch_fault_register_get(const struct arch_context *context, word_t fault_type, word_t i);
void arch_fault_register_set(struct arch_context *context, word_t fault_type, word_t i,
                             word_t value);
/* Print the registers of a user context, for fault reports. */
void arch_context_print(const struct arch_context *context);

/* Arch objects and capabilities (frames, page tables, ASID pools, I/O ports): odd cap types,
 * object types from seL4_NonArchObjectTypeCount on (ABI §4). */
/* log2 bytes of an arch object type; 0 if the type is not one of this arch's. */
word_t arch_object_size_bits(word_t type);
/* Construct an arch object in memory at `paddr` (zeroed unless `device`); its capability. */
struct cap arch_object_create(word_t type, paddr_t paddr, bool device);
/* Tear down an arch object whose last capability is going (unmap it, free its ASID). */
void arch_object_finalise(struct cap cap);
/* A capability to an arch object goes while others remain: undo what it alone holds (as
 * seL4's Arch_finaliseCap with final false: a frame capability's own mapping). */
void arch_cap_finalise_copy(struct cap cap);
/* True for the frame types, the only objects device untyped memory may become. */
bool arch_is_frame_type(word_t type);
/* The rules of core/derive.c for arch capabilities. */
struct cap arch_cap_mask_rights(struct cap cap, word_t rights);
struct cap arch_cap_update_data(struct cap cap, word_t data, bool preserve);
struct syscall_error arch_cap_derive(struct cap cap, struct cap *derived);
bool arch_cap_is_revocable(struct cap new_cap, struct cap src_cap);
/* Decode and perform an invocation of an arch capability (api/invocation.h). */
struct syscall_error arch_decode_invocation(struct invocation *inv);
/* If `cap` is a frame capability to RAM (not device memory), whatever its rights: its
 * physical base and size, and true. (Such a frame can be set as an IPC buffer, as in seL4.) */
bool arch_cap_frame(struct cap cap, paddr_t *base, word_t *size_bits);
/* True when the frame capability `cap`'s VM rights let the kernel use it as an IPC buffer:
 * read-write, or read-only when the kernel only reads it (seL4's lookupIPCBuffer). */
bool arch_cap_frame_ipc_access(struct cap cap, bool writing);
/* The root table a VSpace capability names, if it can be a thread's VSpace (a root table,
 * with an ASID assigned where the arch has them); 0 otherwise. */
paddr_t arch_vspace_root(struct cap cap);
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
/* The initial ASID pool, made from boot memory, with `vspace` assigned its first ASID; a
 * null capability where the arch has no ASID pools. Called before arch_boot_vspace_cap. */
struct cap arch_boot_asid_pool_cap(paddr_t vspace);
/* The capability to the root task's VSpace. */
struct cap arch_boot_vspace_cap(paddr_t vspace);
/* ASID control and I/O port control: null capabilities where the arch has none. */
struct cap arch_boot_asid_control_cap(void);
struct cap arch_boot_io_port_control_cap(void);
/* A capability to the 4 KiB frame at `paddr`, mapped at `vaddr` in `vspace` by the boot. */
struct cap arch_boot_frame_cap(paddr_t paddr, vaddr_t vaddr, paddr_t vspace);
/* Capabilities to the page tables below `vspace`'s root that map user addresses: at most
 * `max` into `caps`; returns how many. */
word_t arch_boot_paging_caps(paddr_t vspace, struct cap *caps, word_t max);

/* Extra boot info the arch adds after the bootinfo frame (x86: RSDP, memory map, TSC
 * frequency). Writes at most `room` bytes at `dest`; returns the bytes written. */
word_t arch_extra_bootinfo(void *dest, word_t room);
