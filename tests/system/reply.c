/* System tests of reply objects (sel4-abi.md §12.4): a Call through a cap without Grant or
 * GrantReply leaves the caller Inactive; replying through Send, NBSend and Call on the reply
 * cap (ReplyRecv's phase 1 is in endpoint.c); a reply with no caller does nothing; deleting
 * the reply object while a caller waits on it leaves the caller Inactive. */
#include "ipc_helpers.h"

struct client {
    seL4_CPtr ep, park;
    volatile seL4_Word returned, label, mr0;
};

/* Calls once with MR0 = 5, records the reply, parks. */
static void call_once(void *arg)
{
    struct client *c = arg;
    seL4_Word mr0 = 5;
    seL4_MessageInfo_t info = seL4_CallWithMRs(c->ep, seL4_MessageInfo_new(1, 0, 0, 1), &mr0,
                                               0, 0, 0);
    c->label = seL4_MessageInfo_get_label(info);
    c->mr0 = mr0;
    c->returned = 1;
    ipc_park(c->park);
}

static struct client clients[3];

/* Start a client calling through `cap` and take its message with `reply`. */
static void receive_call(struct env *env, struct client *c, seL4_CPtr cap, seL4_CPtr ep,
                         seL4_CPtr reply, seL4_CPtr park)
{
    *c = (struct client){.ep = cap, .park = park};
    env_thread_start(env, env_thread(env, 100), call_once, c);
    ipc_let_others_run(env);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge, reply);
    CHECK(env, seL4_MessageInfo_get_label(info) == 1 && seL4_GetMR(0) == 5);
}

void test_reply_call_without_grant_leaves_caller_inactive(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr no_grant = env_copy(env, ep, seL4_ReadWrite);
    receive_call(env, &clients[0], no_grant, ep, reply, park);
    seL4_SetMR(0, 9);
    seL4_Send(reply, seL4_MessageInfo_new(3, 0, 0, 1)); /* no caller waits: nothing */
    seL4_MessageInfo_t info = seL4_Call(reply, seL4_MessageInfo_new(3, 0, 0, 1));
    CHECK(env, seL4_MessageInfo_get_label(info) == 0 && seL4_MessageInfo_get_length(info) == 0);
    ipc_let_others_run(env);
    CHECK(env, clients[0].returned == 0);
}

void test_reply_each_route(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    seL4_CPtr grant_reply = env_copy(env, ep, seL4_CapRights_new(1, 0, 1, 1));
    for (int route = 0; route < 3; route++) {
        receive_call(env, &clients[route], route ? grant_reply : ep, ep, reply, park);
        seL4_SetMR(0, 40 + (seL4_Word)route);
        seL4_MessageInfo_t info = seL4_MessageInfo_new(20 + (seL4_Word)route, 0, 0, 1);
        if (route == 0)
            seL4_Send(reply, info);
        else if (route == 1)
            seL4_NBSend(reply, info);
        else
            CHECK(env, seL4_MessageInfo_get_label(seL4_Call(reply, info)) == 0);
        ipc_let_others_run(env);
        CHECK(env, clients[route].returned == 1);
        CHECK(env, clients[route].label == 20 + (seL4_Word)route);
        CHECK(env, clients[route].mr0 == 40 + (seL4_Word)route);
    }
}

void test_reply_delete_while_caller_waits(struct env *env)
{
    seL4_CPtr ep = env_retype(env, seL4_EndpointObject, 0, 1);
    seL4_CPtr park = env_retype(env, seL4_NotificationObject, 0, 1);
    seL4_CPtr reply = env_retype(env, seL4_ReplyObject, 0, 1);
    receive_call(env, &clients[0], ep, ep, reply, park);
    CHECK(env, seL4_CNode_Delete(ROOT, reply, ROOT_DEPTH) == seL4_NoError);
    ipc_let_others_run(env);
    CHECK(env, clients[0].returned == 0);
}
