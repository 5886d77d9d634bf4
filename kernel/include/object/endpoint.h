/* Endpoints: the rendezvous of synchronous IPC. Until IPC lands (issue #11) an invocation is
 * only checked for the right it needs. */
#pragma once
#include <api/invocation.h>

/* A Send or Call on an endpoint capability: InvalidCapability 0 without the write right (a
 * Send then does nothing, as in seL4), otherwise IllegalOperation until IPC lands (#11). */
struct syscall_error endpoint_decode(struct invocation *inv);
