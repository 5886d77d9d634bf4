/* CNodes: tables of capability slots, and the invocations that copy, badge, move, delete
 * and revoke the capabilities in them. */
#pragma once

struct invocation;
struct syscall_error;

/* Decode and perform an invocation of a CNode capability. */
struct syscall_error cnode_decode(struct invocation *inv);
