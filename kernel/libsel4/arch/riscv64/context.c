/* Where this arch's seL4_UserContext keeps a new thread's entry, stack and first arguments. */
#include <sel4runtime/runtime.h>

void sel4runtime_context_init(seL4_UserContext *context, seL4_Word entry, seL4_Word stack_top,
                              seL4_Word arg0, seL4_Word arg1)
{
    context->pc = entry;
    context->sp = stack_top;
    context->a0 = arg0;
    context->a1 = arg1;
}
