/* Every system test, by file; the table is in tests.c. */
#pragma once
#include "system_test.h"

void test_untyped_retype_objects(struct env *env);
void test_untyped_retype_errors(struct env *env);
void test_untyped_reuse_after_revoke(struct env *env);
void test_untyped_device_only_frames(struct env *env);
void test_untyped_into_a_cnode(struct env *env);
void test_cnode_copy_and_rights(struct env *env);
void test_cnode_mint_badges(struct env *env);
void test_cnode_move_mutate_rotate(struct env *env);
void test_cnode_delete_and_revoke(struct env *env);
void test_cnode_lookup_errors(struct env *env);
void test_cnode_guards_and_rotate_errors(struct env *env);
void test_tcb_start_thread(struct env *env);
void test_tcb_lower_priority_waits(struct env *env);
void test_tcb_priority_errors(struct env *env);
void test_tcb_space_and_buffer_errors(struct env *env);
void test_sched_context_errors(struct env *env);
void test_domain_set(struct env *env);
void test_tcb_handlers_and_space(struct env *env);
void test_tcb_registers_flags_tls(struct env *env);
void test_tcb_bind_notification(struct env *env);
void test_sched_context_bind_unbind(struct env *env);
void test_notification_signal_poll(struct env *env);
void test_notification_badge_rules(struct env *env);
void test_isolation_no_access_without_capability(struct env *env);
void test_isolation_revoked_capability_is_gone(struct env *env);
void test_tcb_truncated_messages(struct env *env);
void test_tcb_sched_params_checks(struct env *env);
void test_tcb_register_errors(struct env *env);
void test_tcb_handler_and_binding_errors(struct env *env);
void test_cnode_truncated_messages(struct env *env);
void test_cnode_copy_lookup_replies(struct env *env);
void test_cnode_rotate_checks(struct env *env);
void test_cnode_copy_mint_mutate_checks(struct env *env);
void test_untyped_retype_argument_checks(struct env *env);
void test_untyped_retype_destination_checks(struct env *env);
void test_untyped_retype_memory_checks(struct env *env);
void test_sched_control_configure_checks(struct env *env);
void test_sched_context_invocation_checks(struct env *env);
void test_domain_set_checks(struct env *env);
void test_irq_control_get_checks(struct env *env);
void test_irq_handler_checks(struct env *env);
void test_tcb_write_registers_partial(struct env *env);
void test_cnode_cancel_badged_sends_needs_an_endpoint(struct env *env);
void test_bootinfo_regions_hold_capabilities(struct env *env);
