/* The aarch64 system tests outside tests.c, for its table. */
#pragma once
#include "../../system_test.h"

void test_fpu_registers_per_thread(struct env *env);
void test_fpu_disabled_thread_faults(struct env *env);
void test_irq_control_trigger(struct env *env);
void test_irq_sgi_signal(struct env *env);
void test_irq_sgi_signal_revoke(struct env *env);
void test_irq_rtc_device(struct env *env);
