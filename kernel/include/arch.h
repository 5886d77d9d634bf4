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

struct tcb;
struct boot_params;

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
/* Print the registers of a user context, for fault reports. */
void arch_context_print(const struct arch_context *context);

/* Extra boot info the arch adds after the bootinfo frame (x86: RSDP, memory map, TSC
 * frequency). Writes at most `room` bytes at `dest`; returns the bytes written. */
word_t arch_extra_bootinfo(void *dest, word_t room);
