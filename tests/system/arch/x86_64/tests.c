/* The table of x86_64 system tests (x86_tests.h): adding one is a function in its topic's
 * file plus one line here. */
#include "x86_tests.h"

const struct system_test arch_system_tests[] = {
    {"x86_frame_map_write_read", test_frame_map_write_read},
    {"x86_frame_map_argument_errors", test_frame_map_argument_errors},
    {"x86_frame_map_missing_tables", test_frame_map_missing_tables},
    {"x86_frame_map_twice_and_remap", test_frame_map_twice_and_remap},
    {"x86_frame_map_over_mapping", test_frame_map_over_mapping},
    {"x86_frame_rights", test_frame_rights},
    {"x86_frame_read_only_write_faults", test_frame_read_only_write_faults},
    {"x86_frame_get_address", test_frame_get_address},
    {"x86_large_and_huge_pages", test_large_and_huge_pages},
    {"x86_large_and_huge_pages_map_over_mapping", test_large_and_huge_pages_map_over_mapping},
    {"x86_page_table_map_errors", test_page_table_map_errors},
    {"x86_page_table_unmap", test_page_table_unmap},
    {"x86_asid_control_errors", test_asid_control_errors},
    {"x86_asid_pools_run_out", test_asid_pools_run_out},
    {"x86_asid_pool_assign", test_asid_pool_assign},
    {"x86_asid_pool_deletion_stops_threads", test_asid_pool_deletion_stops_threads},
    {"x86_io_port_control", test_io_port_control},
    {"x86_io_port_in_out", test_io_port_in_out},
    {"x86_io_port_console_uart", test_io_port_console_uart},
    {"x86_irq_control_errors", test_irq_control_errors},
    {"x86_irq_rtc_interrupt", test_irq_rtc_interrupt},
    {"x86_boot_capabilities", test_boot_capabilities},
    {"x86_boot_kernel_devices_reserved", test_boot_kernel_devices_reserved},
    {"x86_boot_device_untypeds_cover_firmware", test_boot_device_untypeds_cover_firmware},
    {"x86_boot_bios_area_maps", test_boot_bios_area_maps},
    {"x86_fpu_state_per_thread", test_fpu_state_per_thread},
    {"x86_tls_bases_per_thread", test_tls_bases_per_thread},
    {0, 0},
};
