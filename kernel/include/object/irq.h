/* IRQControl (the authority to take interrupts) and IRQHandler (one interrupt): their
 * invocations. */
#pragma once
#include <api/invocation.h>

struct syscall_error irq_control_decode(struct invocation *inv);
struct syscall_error irq_handler_decode(struct invocation *inv);
/* The last handler capability of `irq` is gone: mask it and drop its notification. */
void irq_handler_destroy(word_t irq);
