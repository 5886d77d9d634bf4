/* One small wrapper per generic invocation, written by hand after the ABI sheet's
 * marshalling table (§5.6): a Call on the object's capability, label = invocation label,
 * cap arguments in the IPC buffer's caps, data words in MR0.. in order. The first four travel
 * in registers (seL4_CallWithMRs); an error's detail words are copied back into msg[0..3]. */
#pragma once
#include <sel4/constants.h>
#include <sel4/functions.h>
#include <sel4/invocation_labels.h>
#include <sel4/syscalls.h>

/* Call `service` with `length` words from `words` and `caps` extra capabilities already set;
 * returns the reply's label (the error) and leaves results in msg[]. */
static inline seL4_Error seL4_InvokeWords(seL4_CPtr service, seL4_Word label,
                                          const seL4_Word *words, seL4_Word length,
                                          seL4_Word caps)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    for (seL4_Word i = 0; i < length; i++) {
        if (i < 4)
            mr[i] = words[i];
        else
            seL4_SetMR(i, words[i]);
    }
    seL4_MessageInfo_t tag = seL4_MessageInfo_new(label, 0, caps, length);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(service, tag, &mr[0], &mr[1], &mr[2], &mr[3]);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, mr[i]);
    return (seL4_Error)seL4_MessageInfo_get_label(reply);
}

static inline seL4_Error seL4_Untyped_Retype(seL4_CPtr service, seL4_Word type,
                                             seL4_Word size_bits, seL4_CNode root,
                                             seL4_Word node_index, seL4_Word node_depth,
                                             seL4_Word node_offset, seL4_Word num_objects)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {type, size_bits, node_index, node_depth, node_offset, num_objects};
    return seL4_InvokeWords(service, UntypedRetype, words, 6, 1);
}

static inline seL4_Error seL4_CNode_Revoke(seL4_CNode service, seL4_Word index,
                                           seL4_Uint8 depth)
{
    seL4_Word words[] = {index, depth};
    return seL4_InvokeWords(service, CNodeRevoke, words, 2, 0);
}

static inline seL4_Error seL4_CNode_Delete(seL4_CNode service, seL4_Word index,
                                           seL4_Uint8 depth)
{
    seL4_Word words[] = {index, depth};
    return seL4_InvokeWords(service, CNodeDelete, words, 2, 0);
}

static inline seL4_Error seL4_CNode_CancelBadgedSends(seL4_CNode service, seL4_Word index,
                                                      seL4_Uint8 depth)
{
    seL4_Word words[] = {index, depth};
    return seL4_InvokeWords(service, CNodeCancelBadgedSends, words, 2, 0);
}

static inline seL4_Error seL4_CNode_Copy(seL4_CNode service, seL4_Word dest_index,
                                         seL4_Uint8 dest_depth, seL4_CNode src_root,
                                         seL4_Word src_index, seL4_Uint8 src_depth,
                                         seL4_CapRights_t rights)
{
    seL4_SetCap(0, src_root);
    seL4_Word words[] = {dest_index, dest_depth, src_index, src_depth, rights.words[0]};
    return seL4_InvokeWords(service, CNodeCopy, words, 5, 1);
}

static inline seL4_Error seL4_CNode_Mint(seL4_CNode service, seL4_Word dest_index,
                                         seL4_Uint8 dest_depth, seL4_CNode src_root,
                                         seL4_Word src_index, seL4_Uint8 src_depth,
                                         seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_SetCap(0, src_root);
    seL4_Word words[] = {dest_index, dest_depth, src_index, src_depth, rights.words[0], badge};
    return seL4_InvokeWords(service, CNodeMint, words, 6, 1);
}

static inline seL4_Error seL4_CNode_Move(seL4_CNode service, seL4_Word dest_index,
                                         seL4_Uint8 dest_depth, seL4_CNode src_root,
                                         seL4_Word src_index, seL4_Uint8 src_depth)
{
    seL4_SetCap(0, src_root);
    seL4_Word words[] = {dest_index, dest_depth, src_index, src_depth};
    return seL4_InvokeWords(service, CNodeMove, words, 4, 1);
}

static inline seL4_Error seL4_CNode_Mutate(seL4_CNode service, seL4_Word dest_index,
                                           seL4_Uint8 dest_depth, seL4_CNode src_root,
                                           seL4_Word src_index, seL4_Uint8 src_depth,
                                           seL4_Word badge)
{
    seL4_SetCap(0, src_root);
    seL4_Word words[] = {dest_index, dest_depth, src_index, src_depth, badge};
    return seL4_InvokeWords(service, CNodeMutate, words, 5, 1);
}

static inline seL4_Error seL4_CNode_Rotate(seL4_CNode service, seL4_Word dest_index,
                                           seL4_Uint8 dest_depth, seL4_Word dest_badge,
                                           seL4_CNode pivot_root, seL4_Word pivot_index,
                                           seL4_Uint8 pivot_depth, seL4_Word pivot_badge,
                                           seL4_CNode src_root, seL4_Word src_index,
                                           seL4_Uint8 src_depth)
{
    seL4_SetCap(0, pivot_root);
    seL4_SetCap(1, src_root);
    seL4_Word words[] = {dest_index, dest_depth,  dest_badge, pivot_index,
                         pivot_depth, pivot_badge, src_index, src_depth};
    return seL4_InvokeWords(service, CNodeRotate, words, 8, 2);
}

static inline seL4_Error seL4_IRQControl_Get(seL4_CPtr service, seL4_Word irq, seL4_CNode root,
                                             seL4_Word index, seL4_Uint8 depth)
{
    seL4_SetCap(0, root);
    seL4_Word words[] = {irq, index, depth};
    return seL4_InvokeWords(service, IRQIssueIRQHandler, words, 3, 1);
}

static inline seL4_Error seL4_IRQHandler_Ack(seL4_CPtr service)
{
    return seL4_InvokeWords(service, IRQAckIRQ, 0, 0, 0);
}

static inline seL4_Error seL4_IRQHandler_SetNotification(seL4_CPtr service,
                                                         seL4_CPtr notification)
{
    seL4_SetCap(0, notification);
    return seL4_InvokeWords(service, IRQSetIRQHandler, 0, 0, 1);
}

static inline seL4_Error seL4_IRQHandler_Clear(seL4_CPtr service)
{
    return seL4_InvokeWords(service, IRQClearIRQHandler, 0, 0, 0);
}
