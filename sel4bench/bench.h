/*
 * What sel4bench's parts share: the environment benchmarks make their objects from (env.c),
 * the shape of one case in the table (benchmarks.c), and the per-arch platform (arch/<arch>/
 * platform.c: console UART, page mapping, a second address space, ending the run).
 */
#pragma once
#include <counter.h>
#include <sel4runtime/runtime.h>
#include <stdbool.h>

/* Priority of the measuring thread; partners run at one of the relations below. */
#define BENCH_PRIORITY 100
#define BENCH_WARMUP 16
#define BENCH_MAX_THREADS 4
/* Where env_map_page puts pages the runner maps for itself (IPC buffers, the console). */
#define BENCH_MAP_BASE 0x10000000ul

struct env {
    seL4_BootInfo *bootinfo;
    seL4_CPtr untyped;         /* the largest RAM untyped */
    seL4_CPtr next_slot;
    seL4_Word next_vaddr;      /* next free page at BENCH_MAP_BASE and up */
    seL4_CPtr threads[BENCH_MAX_THREADS]; /* made by the current case; stopped after it */
    int thread_count;
    seL4_Word last_ipc_buffer; /* the IPC buffer address of the thread made last */
    seL4_CPtr last_sched_context; /* the scheduling context of the thread made last */
};

/* A partner thread's priority relative to the measuring thread's. */
enum bench_priority { PRIORITY_NONE, PRIORITY_SAME, PRIORITY_HIGHER, PRIORITY_LOWER };
/* Which operation, or which part of an IPC exchange, a case times (upstream sel4bench's
 * definitions; each benchmark file says where its counter reads are). */
enum bench_path {
    PATH_NONE, PATH_CALL, PATH_REPLY_RECV, PATH_ROUND_TRIP, PATH_SEND, PATH_NBSENDRECV,
    PATH_SIGNAL, PATH_UNKNOWN_SYSCALL_FAULT, PATH_VM_FAULT, PATH_IRQ, PATH_TIMEOUT_FAULT
};

/* A case's parameters, printed as fields of its record (NONE / -1: not a parameter of it). */
struct bench_params {
    enum bench_path path;
    int length;                 /* message words */
    enum bench_priority priority;
    const char *address_space;  /* "same" or "cross"; 0 if not a parameter */
    bool passive_server;        /* the server has no scheduling context: the caller's is lent */
};

/* Fill samples[0 .. count) with counter differences; the first BENCH_WARMUP are the
 * warm-up and are not printed. False if the case could not be set up. */
typedef bool (*bench_function)(struct env *env, const struct bench_params *params,
                               uint64_t *samples, int count);

struct bench_case {
    const char *id;             /* stable and self-describing: ipc_call_same_as_len0 */
    bench_function measure;
    struct bench_params params;
};

extern const struct bench_case bench_cases[];

/* env.c: objects for benchmarks. Each returns 0 (or false) on failure. */
seL4_CPtr env_slot(struct env *env);
seL4_CPtr env_retype(struct env *env, seL4_Word type, seL4_Word size_bits);
/* A page mapped for the runner at a fresh address in its own address space. */
seL4_Word env_map_page(struct env *env, seL4_CPtr frame, bool cached);
/* A thread in `vspace` (the runner's own if 0) running entry(arg0, arg1) on a stack of its
 * own, with an IPC buffer, at `priority`, started. Its TCB capability. */
seL4_CPtr env_thread(struct env *env, void (*entry)(seL4_Word, seL4_Word), seL4_Word arg0,
                     seL4_Word arg1, enum bench_priority priority, seL4_CPtr vspace);
/* Make a thread as env_thread does, but leave it stopped. */
seL4_CPtr env_thread_stopped(struct env *env, void (*entry)(seL4_Word, seL4_Word),
                             seL4_Word arg0, seL4_Word arg1, enum bench_priority priority,
                             seL4_CPtr vspace);
/* A second address space that maps the runner's image frames where the runner has them
 * (sel4runtime/address_space.h): a thread there runs the same code, shares the runner's
 * globals (the same frames), and has page tables and an ASID of its own. 0 on failure. */
seL4_CPtr env_address_space(struct env *env);
/* The address space a case's partner thread runs in: the runner's own (*vspace = 0) unless
 * the case's address_space is "cross". False if a second one could not be made. */
bool env_partner_space(struct env *env, const struct bench_params *params, seL4_CPtr *vspace);
/* Stop every thread the current case made. */
void env_stop_threads(struct env *env);

/* arch/<arch>/platform.c */
void platform_console_init(struct env *env);
void platform_putchar(char c);
/* Map `frame` at `vaddr` in `vspace`, making page tables as needed. */
seL4_Error platform_map_page(struct env *env, seL4_CPtr vspace, seL4_CPtr frame,
                             seL4_Word vaddr, bool cached);
seL4_Error platform_unmap_page(seL4_CPtr frame);
extern const seL4_Word platform_frame_type;
/* The UnknownSyscall fault message's FaultIP word (ABI §7.2), and the length of the syscall
 * instruction a handler steps over to resume the thread after it. */
extern const seL4_Word platform_unknown_syscall_fault_ip_word;
extern const seL4_Word platform_syscall_bytes;
/* An interrupt user level raises at once: `raise` makes the line pending, `clear` lowers it
 * at the device (before the handler's Ack). */
struct platform_irq_source {
    seL4_CPtr handler; /* its IRQHandler capability */
    void (*raise)(void);
    void (*clear)(void);
    const char *name;
};
/* The board's source, made once; false if it could not be set up. */
bool platform_irq_source(struct env *env, struct platform_irq_source *source);
/* The counter frequency in Hz if the boot info says it (x86_64 TSC), else 0. */
uint64_t platform_counter_hz(const seL4_BootInfo *bootinfo);
/* End the run: the board's exit device where user mode reaches it, else stop every thread
 * (the kernel then stops the machine: no thread can run). */
_Noreturn void platform_end_run(struct env *env);

/* A frame capability to the device page at `paddr`, from the device untyped that covers it
 * (untyped children take up the memory before it); 0 if no device untyped covers it. */
seL4_CPtr env_device_frame(struct env *env, seL4_Word paddr);
/* Map frames with page tables made on demand: `map` maps the frame, `map_table` one table
 * of type table_types[level] (levels from the root down); shared by the arches. */
struct platform_paging {
    seL4_Error (*map)(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, bool cached);
    seL4_Error (*map_table)(seL4_CPtr table, seL4_Word type, seL4_CPtr vspace, seL4_Word vaddr);
    const seL4_Word *table_types;
    int levels;
};
seL4_Error env_map_with_tables(struct env *env, const struct platform_paging *paging,
                               seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr, bool cached);
