/* Host tests of the call stack a donated SC travels (sel4-abi.md §12.4, §12.5): the links
 * reply_push makes, what a reply pops, what cancelling a caller cuts, and what deleting a
 * reply leaves of a faulted caller; checked field by field, which a system test can see only
 * through who runs. Client C calls passive server A, which calls passive server B. */
#include "unit.h"
#include <api/fault.h>
#include <object/reply.h>
#include <object/sched_context.h>
#include <object/tcb.h>

static struct tcb client, server_a, server_b;
static struct sched_context sc;
static struct reply reply_a, reply_b;

/* C runs on `sc`; A and B are passive; C has called A and A has called B, each donating. */
static void call_chain(void)
{
    client = server_a = server_b = (struct tcb){0};
    sc = (struct sched_context){0};
    reply_a = reply_b = (struct reply){0};
    sched_context_bind_tcb(&sc, &client);
    reply_push(&reply_a, &client, &server_a, true);
    reply_push(&reply_b, &server_a, &server_b, true);
}

static void test_push_links_the_stack(void)
{
    call_chain();
    CHECK(sc.call_stack == &reply_b && sc.tcb == &server_b && server_b.sc == &sc);
    CHECK(reply_b.sc == &sc && reply_b.prev == &reply_a && reply_b.next == NULL);
    CHECK(reply_a.sc == NULL && reply_a.prev == NULL && reply_a.next == &reply_b);
    CHECK(reply_a.tcb == &client && client.ipc.reply == &reply_a && client.sc == NULL);
    CHECK(reply_b.tcb == &server_a && server_a.ipc.reply == &reply_b && server_a.sc == NULL);
    CHECK(client.state == THREAD_BLOCKED_ON_REPLY && server_a.state == THREAD_BLOCKED_ON_REPLY);
}

/* B replies: reply_b leaves the stack, reply_a heads it again, the SC goes back to A. */
static void test_reply_pops_the_head(void)
{
    call_chain();
    reply_send(&reply_b, &server_b, false);
    CHECK(sc.call_stack == &reply_a && reply_a.sc == &sc && reply_a.next == NULL);
    CHECK(reply_b.sc == NULL && reply_b.prev == NULL && reply_b.next == NULL);
    CHECK(reply_b.tcb == NULL && server_a.ipc.reply == NULL);
    CHECK(sc.tcb == &server_a && server_a.sc == &sc && server_b.sc == NULL);
    CHECK(server_a.state == THREAD_RUNNING);
    /* and A replies to C: the stack is empty, C has its SC back. */
    reply_send(&reply_a, &server_a, false);
    CHECK(sc.call_stack == NULL && reply_a.sc == NULL && reply_a.prev == NULL);
    CHECK(sc.tcb == &client && client.sc == &sc && client.state == THREAD_RUNNING);
}

/* A is cancelled while it waits on reply_b: the stack is cut on both sides of reply_b, and
 * the SC stays with B. */
static void test_cancelling_a_caller_cuts_the_stack(void)
{
    call_chain();
    reply_remove_tcb(&server_a);
    CHECK(sc.call_stack == NULL && sc.tcb == &server_b);
    CHECK(reply_b.sc == NULL && reply_b.prev == NULL && reply_b.next == NULL);
    CHECK(reply_a.sc == NULL && reply_a.next == NULL);
    CHECK(reply_b.tcb == NULL && server_a.ipc.reply == NULL);
}

/* Deleting the reply a faulted caller waits on leaves it Inactive with no fault pending, so
 * a later Call sends its message, not the old fault. */
static void test_deleting_a_reply_clears_the_callers_fault(void)
{
    call_chain();
    server_a.fault.type = FAULT_UNKNOWN_SYSCALL;
    reply_destroy(&reply_b);
    CHECK(server_a.fault.type == FAULT_NULL && server_a.state == THREAD_INACTIVE);
    CHECK(reply_b.tcb == NULL && server_a.ipc.reply == NULL);
}

/* A caller without an SC (taken while it waited to send) donates nothing. */
static void test_a_caller_without_sc_donates_nothing(void)
{
    call_chain();
    struct tcb caller = {0}, callee = {0};
    struct reply reply = {0};
    reply_push(&reply, &caller, &callee, true);
    CHECK(reply.sc == NULL && reply.prev == NULL && callee.sc == NULL);
    CHECK(reply.tcb == &caller && caller.state == THREAD_BLOCKED_ON_REPLY);
    CHECK(sc.call_stack == &reply_b);
}

int main(void)
{
    test_push_links_the_stack();
    test_reply_pops_the_head();
    test_cancelling_a_caller_cuts_the_stack();
    test_deleting_a_reply_clears_the_callers_fault();
    test_a_caller_without_sc_donates_nothing();
    return unit_report("test_reply");
}
