/* The table of generic system tests: adding one is a function in its object's file plus one
 * line here. */
#include "tests.h"

const struct system_test system_tests[] = {
    {"untyped_retype_objects", test_untyped_retype_objects},
    {"untyped_retype_errors", test_untyped_retype_errors},
    {"untyped_reuse_after_revoke", test_untyped_reuse_after_revoke},
    {"untyped_device_only_frames", test_untyped_device_only_frames},
    {"untyped_into_a_cnode", test_untyped_into_a_cnode},
    {"cnode_copy_and_rights", test_cnode_copy_and_rights},
    {"cnode_mint_badges", test_cnode_mint_badges},
    {"cnode_move_mutate_rotate", test_cnode_move_mutate_rotate},
    {"cnode_delete_and_revoke", test_cnode_delete_and_revoke},
    {"cnode_lookup_errors", test_cnode_lookup_errors},
    {"cnode_guards_and_rotate_errors", test_cnode_guards_and_rotate_errors},
    {"tcb_start_thread", test_tcb_start_thread},
    {"tcb_lower_priority_waits", test_tcb_lower_priority_waits},
    {"tcb_priority_errors", test_tcb_priority_errors},
    {"tcb_space_and_buffer_errors", test_tcb_space_and_buffer_errors},
    {"sched_context_errors", test_sched_context_errors},
    {"domain_set", test_domain_set},
    {"tcb_handlers_and_space", test_tcb_handlers_and_space},
    {"tcb_registers_flags_tls", test_tcb_registers_flags_tls},
    {"tcb_bind_notification", test_tcb_bind_notification},
    {"sched_context_bind_unbind", test_sched_context_bind_unbind},
    {"notification_signal_poll", test_notification_signal_poll},
    {"notification_badge_rules", test_notification_badge_rules},
    {"rights_notification_without_write", test_rights_notification_without_write},
    {"rights_endpoint_without_write", test_rights_endpoint_without_write},
    {"isolation_no_access_without_capability", test_isolation_no_access_without_capability},
    {"isolation_revoked_capability_is_gone", test_isolation_revoked_capability_is_gone},
    {0, 0},
};
