/* The riscv64 system tests kept outside tests.c (which holds the table of them all). */
#pragma once
#include "../../system_test.h"

void test_fp_state_per_thread(struct env *env);
void test_fp_disabled(struct env *env);
