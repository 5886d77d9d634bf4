/* The domain capability: which scheduling domain a thread belongs to. This kernel has one
 * domain (seL4's CONFIG_NUM_DOMAINS 1), so domain 0 is the only valid one. */
#pragma once

struct invocation;
struct syscall_error;

#define NUM_DOMAINS 1

struct syscall_error domain_decode(struct invocation *inv);
