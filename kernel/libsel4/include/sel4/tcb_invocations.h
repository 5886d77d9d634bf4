/* Wrappers for the TCB, SchedControl and SchedContext invocations (ABI §5.6, MCS), in the
 * style of invocations.h: upstream names and argument order. */
#pragma once
#include <sel4/arch/types.h>
#include <sel4/invocations.h>

#define seL4_UserContextWords (sizeof(seL4_UserContext) / sizeof(seL4_Word))

typedef struct {
    int error;
    seL4_Word flags;
} seL4_TCB_SetFlags_t;

typedef struct {
    int error;
    seL4_Word consumed;
} seL4_SchedContext_Consumed_t;

typedef struct {
    int error;
    seL4_Word consumed;
} seL4_SchedContext_YieldTo_t;

static inline seL4_Error seL4_TCB_ReadRegisters(seL4_TCB service, seL4_Bool suspend_source,
                                                seL4_Uint8 arch_flags, seL4_Word count,
                                                seL4_UserContext *regs)
{
    seL4_Word words[] = {(suspend_source & 1ul) | ((seL4_Word)arch_flags << 8), count};
    seL4_Error error = seL4_InvokeWords(service, TCBReadRegisters, words, 2, 0);
    for (seL4_Word i = 0; error == seL4_NoError && i < count; i++)
        ((seL4_Word *)regs)[i] = seL4_GetMR((int)i);
    return error;
}

static inline seL4_Error seL4_TCB_WriteRegisters(seL4_TCB service, seL4_Bool resume_target,
                                                 seL4_Uint8 arch_flags, seL4_Word count,
                                                 const seL4_UserContext *regs)
{
    seL4_Word words[2 + seL4_UserContextWords];
    words[0] = (resume_target & 1ul) | ((seL4_Word)arch_flags << 8);
    words[1] = count;
    for (seL4_Word i = 0; i < count && i < seL4_UserContextWords; i++)
        words[2 + i] = ((const seL4_Word *)regs)[i];
    return seL4_InvokeWords(service, TCBWriteRegisters, words, 2 + count, 0);
}

static inline seL4_Error seL4_TCB_CopyRegisters(seL4_TCB service, seL4_TCB source,
                                                seL4_Bool suspend_source, seL4_Bool resume_target,
                                                seL4_Bool transfer_frame,
                                                seL4_Bool transfer_integer, seL4_Uint8 arch_flags)
{
    seL4_SetCap(0, source);
    seL4_Word words[] = {(suspend_source & 1ul) | ((resume_target & 1ul) << 1) |
                         ((transfer_frame & 1ul) << 2) | ((transfer_integer & 1ul) << 3) |
                         ((seL4_Word)arch_flags << 8)};
    return seL4_InvokeWords(service, TCBCopyRegisters, words, 1, 1);
}

static inline seL4_Error seL4_TCB_Configure(seL4_TCB service, seL4_CNode cspace_root,
                                            seL4_Word cspace_root_data, seL4_CPtr vspace_root,
                                            seL4_Word vspace_root_data, seL4_Word buffer,
                                            seL4_CPtr bufferFrame)
{
    seL4_SetCap(0, cspace_root);
    seL4_SetCap(1, vspace_root);
    seL4_SetCap(2, bufferFrame);
    seL4_Word words[] = {cspace_root_data, vspace_root_data, buffer};
    return seL4_InvokeWords(service, TCBConfigure, words, 3, 3);
}

static inline seL4_Error seL4_TCB_SetPriority(seL4_TCB service, seL4_TCB authority,
                                              seL4_Word priority)
{
    seL4_SetCap(0, authority);
    seL4_Word words[] = {priority};
    return seL4_InvokeWords(service, TCBSetPriority, words, 1, 1);
}

static inline seL4_Error seL4_TCB_SetMCPriority(seL4_TCB service, seL4_TCB authority,
                                                seL4_Word mcp)
{
    seL4_SetCap(0, authority);
    seL4_Word words[] = {mcp};
    return seL4_InvokeWords(service, TCBSetMCPriority, words, 1, 1);
}

static inline seL4_Error seL4_TCB_SetSchedParams(seL4_TCB service, seL4_TCB authority,
                                                 seL4_Word mcp, seL4_Word priority,
                                                 seL4_CPtr sched_context, seL4_CPtr fault_ep)
{
    seL4_SetCap(0, authority);
    seL4_SetCap(1, sched_context);
    seL4_SetCap(2, fault_ep);
    seL4_Word words[] = {mcp, priority};
    return seL4_InvokeWords(service, TCBSetSchedParams, words, 2, 3);
}

static inline seL4_Error seL4_TCB_SetTimeoutEndpoint(seL4_TCB service, seL4_CPtr timeout_ep)
{
    seL4_SetCap(0, timeout_ep);
    return seL4_InvokeWords(service, TCBSetTimeoutEndpoint, 0, 0, 1);
}

static inline seL4_Error seL4_TCB_SetIPCBuffer(seL4_TCB service, seL4_Word buffer,
                                               seL4_CPtr bufferFrame)
{
    seL4_SetCap(0, bufferFrame);
    seL4_Word words[] = {buffer};
    return seL4_InvokeWords(service, TCBSetIPCBuffer, words, 1, 1);
}

static inline seL4_Error seL4_TCB_SetSpace(seL4_TCB service, seL4_CPtr fault_ep,
                                           seL4_CNode cspace_root, seL4_Word cspace_root_data,
                                           seL4_CPtr vspace_root, seL4_Word vspace_root_data)
{
    seL4_SetCap(0, fault_ep);
    seL4_SetCap(1, cspace_root);
    seL4_SetCap(2, vspace_root);
    seL4_Word words[] = {cspace_root_data, vspace_root_data};
    return seL4_InvokeWords(service, TCBSetSpace, words, 2, 3);
}

static inline seL4_Error seL4_TCB_Suspend(seL4_TCB service)
{
    return seL4_InvokeWords(service, TCBSuspend, 0, 0, 0);
}

static inline seL4_Error seL4_TCB_Resume(seL4_TCB service)
{
    return seL4_InvokeWords(service, TCBResume, 0, 0, 0);
}

static inline seL4_Error seL4_TCB_BindNotification(seL4_TCB service, seL4_CPtr notification)
{
    seL4_SetCap(0, notification);
    return seL4_InvokeWords(service, TCBBindNotification, 0, 0, 1);
}

static inline seL4_Error seL4_TCB_UnbindNotification(seL4_TCB service)
{
    return seL4_InvokeWords(service, TCBUnbindNotification, 0, 0, 0);
}

static inline seL4_Error seL4_TCB_SetTLSBase(seL4_TCB service, seL4_Word tls_base)
{
    seL4_Word words[] = {tls_base};
    return seL4_InvokeWords(service, TCBSetTLSBase, words, 1, 0);
}

static inline seL4_TCB_SetFlags_t seL4_TCB_SetFlags(seL4_TCB service, seL4_Word clear,
                                                    seL4_Word set)
{
    seL4_Word words[] = {clear, set};
    seL4_TCB_SetFlags_t result = {seL4_InvokeWords(service, TCBSetFlags, words, 2, 0), 0};
    result.flags = seL4_GetMR(0);
    return result;
}

static inline seL4_Error seL4_SchedControl_ConfigureFlags(seL4_CPtr service,
                                                          seL4_SchedContext schedcontext,
                                                          seL4_Uint64 budget,
                                                          seL4_Uint64 period,
                                                          seL4_Word extra_refills,
                                                          seL4_Word badge, seL4_Word flags)
{
    seL4_SetCap(0, schedcontext);
    seL4_Word words[] = {budget, period, extra_refills, badge, flags};
    return seL4_InvokeWords(service, SchedControlConfigureFlags, words, 5, 1);
}

static inline seL4_Error seL4_SchedControl_Configure(seL4_CPtr service,
                                                     seL4_SchedContext schedcontext,
                                                     seL4_Uint64 budget, seL4_Uint64 period,
                                                     seL4_Word extra_refills, seL4_Word badge)
{
    return seL4_SchedControl_ConfigureFlags(service, schedcontext, budget, period,
                                            extra_refills, badge, 0);
}

static inline seL4_Error seL4_SchedContext_Bind(seL4_SchedContext service, seL4_CPtr cap)
{
    seL4_SetCap(0, cap);
    return seL4_InvokeWords(service, SchedContextBind, 0, 0, 1);
}

static inline seL4_Error seL4_SchedContext_Unbind(seL4_SchedContext service)
{
    return seL4_InvokeWords(service, SchedContextUnbind, 0, 0, 0);
}

static inline seL4_Error seL4_SchedContext_UnbindObject(seL4_SchedContext service,
                                                        seL4_CPtr cap)
{
    seL4_SetCap(0, cap);
    return seL4_InvokeWords(service, SchedContextUnbindObject, 0, 0, 1);
}

static inline seL4_SchedContext_Consumed_t seL4_SchedContext_Consumed(seL4_SchedContext service)
{
    seL4_SchedContext_Consumed_t result = {
        seL4_InvokeWords(service, SchedContextConsumed, 0, 0, 0), 0};
    result.consumed = seL4_GetMR(0);
    return result;
}

static inline seL4_SchedContext_YieldTo_t seL4_SchedContext_YieldTo(seL4_SchedContext service)
{
    seL4_SchedContext_YieldTo_t result = {
        seL4_InvokeWords(service, SchedContextYieldTo, 0, 0, 0), 0};
    result.consumed = seL4_GetMR(0);
    return result;
}

static inline seL4_Error seL4_DomainSet_Set(seL4_CPtr service, seL4_Uint8 domain, seL4_TCB thread)
{
    seL4_SetCap(0, thread);
    seL4_Word words[] = {domain};
    return seL4_InvokeWords(service, DomainSetSet, words, 1, 1);
}
