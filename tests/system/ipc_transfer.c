/* System tests of message and capability transfer (sel4-abi.md §12.2, §12.3): messages of
 * 0, 4, 5 and 120 words through both IPC buffers; caps with and without Grant, into a free,
 * an occupied and a missing receive slot, and unwrapped to badges on their own endpoint.
 * The receiving thread has an IPC buffer of its own: a page of this root task's image,
 * whose frame capability the boot info lists. */
#include "ipc_helpers.h"

#define IMAGE_BASE 0x400000ul /* kernel/libsel4/runtime/root_task.ld */

static seL4_IPCBuffer receiver_buffer __attribute__((aligned(4096)));

struct receiver {
    seL4_CPtr ep, reply;
    seL4_Word info, badge;
    volatile seL4_Word calls;
};

static struct receiver receiver;

/* Receives, records msginfo and badge, and answers each message with the same words + 1
 * (MR0-3 in registers, the rest from its own buffer) and the same length. */
static void echo_plus_one(void *arg)
{
    struct receiver *r = arg;
    struct seL4_SyscallRegs regs = {r->ep, 0, {0, 0, 0, 0}, r->reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    for (;;) {
        r->info = regs.info;
        r->badge = regs.cap;
        r->calls++;
        seL4_Word length = seL4_MessageInfo_get_length((seL4_MessageInfo_t){{regs.info}});
        for (seL4_Word i = 4; i < length; i++)
            receiver_buffer.msg[i]++;
        for (int i = 0; i < 4; i++)
            regs.mr[i]++;
        regs = (struct seL4_SyscallRegs){r->ep, seL4_MessageInfo_new(0, 0, 0, length).words[0],
                                         {regs.mr[0], regs.mr[1], regs.mr[2], regs.mr[3]},
                                         r->reply, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysReplyRecv, &regs);
    }
}

/* The receiver thread, with its own IPC buffer, waiting on a new endpoint. */
static seL4_CPtr start_receiver(struct env *env)
{
    receiver = (struct receiver){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                                 .reply = env_retype(env, seL4_ReplyObject, 0, 1)};
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio - 1);
    seL4_Word page = (seL4_Word)&receiver_buffer;
    seL4_CPtr frame = env->bootinfo->userImageFrames.start + (page - IMAGE_BASE) / 4096;
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, page, frame) == seL4_NoError);
    env_thread_start(env, tcb, echo_plus_one, &receiver);
    return receiver.ep;
}

void test_ipc_transfer_message_lengths(struct env *env)
{
    seL4_CPtr ep = start_receiver(env);
    const seL4_Word lengths[] = {0, 4, 5, 120};
    for (unsigned n = 0; n < 4; n++) {
        seL4_Word length = lengths[n];
        for (seL4_Word i = 0; i < seL4_MsgMaxLength; i++)
            seL4_SetMR((int)i, 1000 * n + i);
        seL4_MessageInfo_t info = seL4_Call(ep, seL4_MessageInfo_new(0x33, 0, 0, length));
        seL4_MessageInfo_t got = {{receiver.info}};
        CHECK(env, seL4_MessageInfo_get_label(got) == 0x33);
        CHECK(env, seL4_MessageInfo_get_length(got) == length);
        CHECK(env, seL4_MessageInfo_get_length(info) == length);
        for (seL4_Word i = 0; i < length; i++)
            CHECK(env, seL4_GetMR((int)i) == 1000 * n + i + 1);
        if (length >= 4 && length < seL4_MsgMaxLength) /* words past the length stay */
            CHECK(env, seL4_GetMR((int)length) == 1000 * n + length);
    }
    /* A length above 120 is clamped to 120. */
    seL4_MessageInfo_t info = seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, 127));
    CHECK(env, seL4_MessageInfo_get_length(info) == seL4_MsgMaxLength);
    info = seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, seL4_MsgMaxLength + 1));
    CHECK(env, seL4_MessageInfo_get_length(info) == seL4_MsgMaxLength);
}

/* Send `cap` with one Call; the receiver's slot is `slot` (depth 64 in the root CNode). */
static seL4_MessageInfo_t send_cap(seL4_CPtr through, seL4_CPtr cap, seL4_CPtr slot)
{
    receiver_buffer.receiveCNode = ROOT;
    receiver_buffer.receiveIndex = slot;
    receiver_buffer.receiveDepth = ROOT_DEPTH;
    seL4_SetCap(0, cap);
    seL4_Call(through, seL4_MessageInfo_new(0, 0, 1, 0));
    return (seL4_MessageInfo_t){{receiver.info}};
}

void test_ipc_transfer_caps(struct env *env)
{
    seL4_CPtr ep = start_receiver(env);
    seL4_CPtr ntfn = env_retype(env, seL4_NotificationObject, 0, 1);
    /* GrantReply without Grant: the reply comes back, caps do not travel. */
    seL4_CPtr no_grant = env_copy(env, ep, seL4_CapRights_new(1, 0, 1, 1));
    seL4_CPtr badged_ep = env_slot(env);
    CHECK(env, seL4_CNode_Mint(ROOT, badged_ep, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH,
                               seL4_AllRights, 0x99) == seL4_NoError);
    seL4_CPtr slot = env_slot(env);
    /* Without Grant: nothing travels, the slot stays empty. */
    seL4_MessageInfo_t got = send_cap(no_grant, ntfn, slot);
    CHECK(env, seL4_MessageInfo_get_extraCaps(got) == 0);
    CHECK(env, seL4_DebugCapIdentify(slot) == 0);
    /* With Grant: copied into the free slot (the word after the one cap is not looked up). */
    seL4_SetCap(1, 1ul << 63);
    got = send_cap(ep, ntfn, slot);
    CHECK(env, seL4_MessageInfo_get_extraCaps(got) == 1);
    CHECK(env, seL4_MessageInfo_get_capsUnwrapped(got) == 0);
    CHECK(env, seL4_DebugCapIdentify(slot) == seL4_DebugCapIdentify(ntfn));
    /* The slot is now occupied: nothing lands. */
    got = send_cap(ep, ntfn, slot);
    CHECK(env, seL4_MessageInfo_get_extraCaps(got) == 0);
    /* A missing slot (depth 0 cannot resolve): nothing lands either. */
    receiver_buffer.receiveDepth = 0;
    seL4_SetCap(0, ntfn);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 1, 0));
    CHECK(env, seL4_MessageInfo_get_extraCaps((seL4_MessageInfo_t){{receiver.info}}) == 0);
    /* A receive CNode that does not resolve (the root CNode's guard is 0): nothing lands. */
    receiver_buffer.receiveCNode = 1ul << 63;
    receiver_buffer.receiveDepth = ROOT_DEPTH;
    seL4_SetCap(0, ntfn);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 1, 0));
    CHECK(env, seL4_MessageInfo_get_extraCaps((seL4_MessageInfo_t){{receiver.info}}) == 0);
    /* A cap to the endpoint the message travels on is unwrapped to its badge, needing no
     * slot (the occupied one is named). */
    got = send_cap(ep, badged_ep, slot);
    CHECK(env, seL4_MessageInfo_get_extraCaps(got) == 1);
    CHECK(env, seL4_MessageInfo_get_capsUnwrapped(got) == 1);
    CHECK(env, receiver_buffer.caps_or_badges[0] == 0x99);
    /* With a free slot named, the one cap is still all that travels. */
    seL4_CPtr free_slot = env_slot(env);
    got = send_cap(ep, badged_ep, free_slot);
    CHECK(env, seL4_MessageInfo_get_extraCaps(got) == 1);
    CHECK(env, seL4_MessageInfo_get_capsUnwrapped(got) == 1);
    CHECK(env, seL4_DebugCapIdentify(free_slot) == 0);
    /* Two caps, one receive slot: the first lands, the second ends the transfer. */
    seL4_CPtr one_slot = env_slot(env);
    receiver_buffer.receiveCNode = ROOT;
    receiver_buffer.receiveIndex = one_slot;
    receiver_buffer.receiveDepth = ROOT_DEPTH;
    seL4_SetCap(0, ntfn);
    seL4_SetCap(1, ntfn);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 2, 0));
    CHECK(env, seL4_MessageInfo_get_extraCaps((seL4_MessageInfo_t){{receiver.info}}) == 1);
    CHECK(env, seL4_DebugCapIdentify(one_slot) == seL4_DebugCapIdentify(ntfn));
}

/* A kernel reply to a thread without an IPC buffer carries MR0-3 only: a 10-word
 * ReadRegisters reply reports length 4, and an error without detail words length 0
 * (§12.2 r7). The probe is an env_thread, which has no IPC buffer. */
struct no_buffer_probe {
    seL4_CPtr target;
    volatile seL4_Word done;
    seL4_MessageInfo_t long_reply, five_reply, empty_reply;
};

static void probe_without_buffer(void *arg)
{
    struct no_buffer_probe *p = arg;
    struct seL4_SyscallRegs regs = {
        p->target, seL4_MessageInfo_new(TCBReadRegisters, 0, 0, 2).words[0], {0, 10, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
    p->long_reply.words[0] = regs.info;
    regs = (struct seL4_SyscallRegs){
        p->target, seL4_MessageInfo_new(TCBReadRegisters, 0, 0, 2).words[0], {0, 5, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
    p->five_reply.words[0] = regs.info;
    regs = (struct seL4_SyscallRegs){p->target, 0, {0, 0, 0, 0}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysCall, &regs);
    p->empty_reply.words[0] = regs.info;
    p->done = 1;
}

void test_ipc_transfer_kernel_reply_without_buffer(struct env *env)
{
    static struct no_buffer_probe p;
    p = (struct no_buffer_probe){.target = env_thread(env, 0)};
    env_thread_start(env, env_thread(env, seL4_MaxPrio), probe_without_buffer, &p);
    env_yield_until(&p.done);
    CHECK(env, p.done == 1);
    CHECK(env, seL4_MessageInfo_get_label(p.long_reply) == seL4_NoError);
    CHECK(env, seL4_MessageInfo_get_length(p.long_reply) == 4);
    CHECK(env, seL4_MessageInfo_get_length(p.five_reply) == 4);
    CHECK(env, seL4_MessageInfo_get_label(p.empty_reply) == seL4_IllegalOperation);
    CHECK(env, seL4_MessageInfo_get_length(p.empty_reply) == 0);
}

/* Without an IPC buffer on one side only MR0-3 travel (seL4's copyMRs): a 6-word message
 * arrives as 4 words, whether the sender or the receiver lacks the buffer. The other side is
 * an env_thread, which has none. */
struct bufferless {
    seL4_CPtr ep, reply;
    volatile seL4_Word length, mr3, done;
};

static void bufferless_echo(void *arg)
{
    struct bufferless *b = arg;
    struct seL4_SyscallRegs regs = {b->ep, 0, {0, 0, 0, 0}, b->reply, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysRecv, &regs);
    b->length = seL4_MessageInfo_get_length((seL4_MessageInfo_t){{regs.info}});
    b->mr3 = regs.mr[3];
    regs = (struct seL4_SyscallRegs){b->ep, seL4_MessageInfo_new(0, 0, 0, 6).words[0],
                                     {11, 12, 13, 14}, 0, 0};
    seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
    b->done = 1;
}

void test_ipc_transfer_without_buffer(struct env *env)
{
    static struct bufferless b;
    b = (struct bufferless){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                            .reply = env_retype(env, seL4_ReplyObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    env_thread_start(env, env_thread(env, seL4_MaxPrio), bufferless_echo, &b);
    for (int i = 0; i < 6; i++)
        seL4_SetMR(i, 100 + i);
    seL4_Send(b.ep, seL4_MessageInfo_new(0, 0, 0, 6));
    seL4_SetMR(4, 0);
    seL4_MessageInfo_t info = seL4_Recv(b.ep, 0, reply);
    env_yield_until(&b.done);
    CHECK(env, b.length == 4);
    CHECK(env, b.mr3 == 103);
    CHECK(env, seL4_MessageInfo_get_length(info) == 4);
    CHECK(env, seL4_GetMR(3) == 14);
    CHECK(env, seL4_GetMR(4) == 0);
}

/* A blocked sender's caps travel when a receiver takes its message (with the Grant right it
 * sent with), looked up again then: if they no longer resolve (here its CSpace root was
 * given a guard meanwhile), none travel and the message still does. The sender has an IPC buffer of its own (the receiver's page). */
struct relookup {
    seL4_CPtr ep, cap;
};

static void send_one_cap(void *arg)
{
    struct relookup *r = arg;
    for (;;) {
        receiver_buffer.caps_or_badges[0] = r->cap;
        struct seL4_SyscallRegs regs = {r->ep, seL4_MessageInfo_new(0x44, 0, 1, 0).words[0],
                                        {0, 0, 0, 0}, 0, 0};
        seL4_ArchSyscall((seL4_Word)seL4_SysSend, &regs);
    }
}

void test_ipc_transfer_caps_looked_up_again(struct env *env)
{
    static struct relookup r;
    r = (struct relookup){.ep = env_retype(env, seL4_EndpointObject, 0, 1),
                          .cap = env_retype(env, seL4_NotificationObject, 0, 1)};
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1), slot = env_slot(env);
    seL4_CPtr tcb = env_thread(env, seL4_MaxPrio - 1);
    seL4_Word page = (seL4_Word)&receiver_buffer;
    seL4_CPtr frame = env->bootinfo->userImageFrames.start + (page - IMAGE_BASE) / 4096;
    CHECK(env, seL4_TCB_SetIPCBuffer(tcb, page, frame) == seL4_NoError);
    env_thread_start(env, tcb, send_one_cap, &r);
    ipc_let_others_run(env);
    seL4_IPCBuffer *own = seL4_GetIPCBuffer();
    own->receiveCNode = ROOT;
    own->receiveIndex = env_slot(env);
    own->receiveDepth = ROOT_DEPTH;
    /* First as it is: the blocked sender's Grant right and cap travel with its message. */
    seL4_MessageInfo_t first = seL4_Recv(r.ep, 0, reply);
    CHECK(env, seL4_MessageInfo_get_extraCaps(first) == 1);
    CHECK(env, seL4_DebugCapIdentify(own->receiveIndex) != 0);
    ipc_let_others_run(env);
    seL4_Word radix = env->bootinfo->initThreadCNodeSizeBits;
    CHECK(env, seL4_TCB_SetSpace(tcb, r.ep, ROOT, seL4_CNode_CapData_new(1, 64 - radix),
                                 seL4_CapInitThreadVSpace, 0) == seL4_NoError);
    own->receiveIndex = slot;
    seL4_MessageInfo_t info = seL4_Recv(r.ep, 0, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 0x44);
    CHECK(env, seL4_MessageInfo_get_extraCaps(info) == 0);
    CHECK(env, seL4_DebugCapIdentify(slot) == 0);
    own->receiveCNode = own->receiveIndex = own->receiveDepth = 0;
    CHECK(env, seL4_TCB_Suspend(tcb) == seL4_NoError);
}
