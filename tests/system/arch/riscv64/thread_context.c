/* Where this arch's seL4_UserContext keeps a new thread's entry, stack and arguments. */
#include "../../system_test.h"

void test_thread_context(seL4_UserContext *context, seL4_Word entry, seL4_Word stack_top,
                         seL4_Word arg)
{
    context->pc = entry;
    context->sp = stack_top;
    context->a0 = arg;
}

void test_thread_second_arg(seL4_UserContext *context, seL4_Word arg)
{
    context->a1 = arg;
}
