/*
 * The x86_64 system tests, one file per topic: frames (frame.c), the paging structures
 * (page_table.c), ASID control and pools (asid.c), I/O ports (io_port.c), interrupts (irq.c),
 * SSE state (fpu.c), the FS and GS bases (tls.c), the boot's capabilities and device
 * untypeds (boot.c); the table is in tests.c, the helpers they share in helpers.c. Test mappings go in the root task's own
 * VSpace at 1 GiB (an entry of the boot PDPT nothing uses) and 512 GiB (a PML4 entry the boot
 * leaves empty), always through tables the test made, so revoking the test's untyped takes
 * them out again.
 */
#pragma once
#include "../../system_test.h"

#define VSPACE seL4_CapInitThreadVSpace
#define REGION 0x40000000ul      /* 1 GiB */
#define FAR_REGION 0x8000000000ul /* 512 GiB: PML4 entry 1 */
#define KERNEL_ADDRESS 0xffff800000000000ul
#define PAGE (1ul << seL4_PageBits)
#define LARGE (1ul << seL4_LargePageBits)
#define HUGE (1ul << seL4_HugePageBits)
#define ATTR seL4_X86_Default_VMAttributes
#define IMAGE_START 0x400000ul /* root_task.ld */
/* seL4's x86_64 capability tags, as DebugCapIdentify reports them. */
#define TAG_FRAME 1
#define TAG_PAGE_TABLE 3
#define TAG_PAGE_DIRECTORY 5
#define TAG_PDPT 7
#define TAG_PML4 9
#define TAG_ASID_CONTROL 11
#define TAG_ASID_POOL 13
#define TAG_IO_PORT 19
#define TAG_IO_PORT_CONTROL 31
/* The CMOS RTC's index and data ports (its RAM and registers). */
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

/* helpers.c */
/* One object of `type` (its fixed size) from the test's untyped. */
seL4_CPtr retype(struct env *env, seL4_Word type);
/* A page directory and a page table for the 2 MiB at `vaddr` in `vspace`; the table's cap. */
seL4_CPtr map_tables(struct env *env, seL4_CPtr vspace, seL4_Word vaddr);
/* `error` is FailedLookup of a missing capability with `bits_left` bits left. */
void check_failed_lookup(struct env *env, seL4_Error error, seL4_Word bits_left);
/* A frame's physical address (GetAddress), or 0 on error. */
seL4_Word paddr_of(seL4_CPtr frame);
/* A device untyped of at least 2^bits bytes at or above `min_paddr` (its address in *paddr).
 * Tests that retype from one revoke it before they end. */
seL4_CPtr device_untyped(struct env *env, seL4_Word bits, seL4_Word min_paddr,
                         seL4_Word *paddr);
/* One object of `type` and `size_bits` from `untyped`, in a fresh slot. */
seL4_CPtr retype_from(struct env *env, seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits);
/* An I/O port capability to ports first..last in `slot`: Issue's error. */
seL4_Error issue_io_ports(seL4_Word first, seL4_Word last, seL4_CPtr slot);

void test_frame_map_write_read(struct env *env);
void test_frame_map_argument_errors(struct env *env);
void test_frame_map_missing_tables(struct env *env);
void test_frame_map_twice_and_remap(struct env *env);
void test_frame_map_over_mapping(struct env *env);
void test_frame_rights(struct env *env);
void test_frame_read_only_write_faults(struct env *env);
void test_frame_get_address(struct env *env);
void test_large_and_huge_pages(struct env *env);
void test_large_and_huge_pages_map_over_mapping(struct env *env);
void test_page_table_map_errors(struct env *env);
void test_page_table_unmap(struct env *env);
void test_page_table_stale_unmap(struct env *env);
void test_asid_control_errors(struct env *env);
void test_asid_pools_run_out(struct env *env);
void test_asid_pool_assign(struct env *env);
void test_asid_pool_deletion_stops_threads(struct env *env);
void test_io_port_control(struct env *env);
void test_io_port_in_out(struct env *env);
void test_io_port_console_uart(struct env *env);
void test_irq_control_errors(struct env *env);
void test_irq_rtc_interrupt(struct env *env);
void test_boot_capabilities(struct env *env);
void test_boot_kernel_devices_reserved(struct env *env);
void test_boot_device_untypeds_cover_firmware(struct env *env);
void test_boot_bios_area_maps(struct env *env);
void test_fpu_state_per_thread(struct env *env);
void test_tls_bases_per_thread(struct env *env);
