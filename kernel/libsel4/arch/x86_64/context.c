/* Where this arch's seL4_UserContext keeps a new thread's entry, stack and first arguments. */
#include <sel4runtime/runtime.h>

void sel4runtime_context_init(seL4_UserContext *context, seL4_Word entry, seL4_Word stack_top,
                              seL4_Word arg0, seL4_Word arg1)
{
    context->rip = entry;
    context->rsp = stack_top - 8; /* as if called: (rsp + 8) is 16-byte aligned */
    context->rdi = arg0;
    context->rsi = arg1;
}
