/*
 * THE table of sel4bench: one entry per case, in the order they run and are printed: id
 * (stable and self-describing), the function that measures it (one file per benchmark in
 * benchmarks/), and its parameters {path, length, partner priority, address space, passive
 * server}, which the protocol records as fields. The counter overhead comes first: main.c
 * reports its minimum beside every case. Adding a benchmark: one file in benchmarks/, one
 * entry here.
 */
#include "bench.h"

bool bench_counter_overhead(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_fault(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_hw_limit(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_known_length(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_irq(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_ipc_call_reply_recv(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_ipc_nbsendrecv(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_ipc_send_recv(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_map_frame(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_null_syscall(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_poll(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_retype_frame(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_timeout_fault(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_signal(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_unmap_frame(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_vm_fault(struct env *, const struct bench_params *, uint64_t *, int);
bool bench_yield(struct env *, const struct bench_params *, uint64_t *, int);

const struct bench_case bench_cases[] = {
    {"counter_overhead", bench_counter_overhead, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
    {"null_syscall", bench_null_syscall, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
    {"hw_limit_round_trip", bench_hw_limit, {PATH_NONE, -1, PRIORITY_NONE, "cross", false}},
    {"yield", bench_yield, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
    {"yield_to_same_prio", bench_yield, {PATH_NONE, -1, PRIORITY_SAME, "same", false}},
    {"ipc_call_same_as_len0", bench_ipc_call_reply_recv,
     {PATH_CALL, 0, PRIORITY_SAME, "same", false}},
    {"ipc_call_same_as_len1", bench_ipc_call_reply_recv,
     {PATH_CALL, 1, PRIORITY_SAME, "same", false}},
    {"ipc_call_same_as_len4", bench_ipc_call_reply_recv,
     {PATH_CALL, 4, PRIORITY_SAME, "same", false}},
    {"ipc_call_same_as_len5", bench_ipc_call_reply_recv,
     {PATH_CALL, 5, PRIORITY_SAME, "same", false}},
    {"ipc_call_same_as_len10", bench_ipc_call_reply_recv,
     {PATH_CALL, 10, PRIORITY_SAME, "same", false}},
    {"ipc_call_same_as_len120", bench_ipc_call_reply_recv,
     {PATH_CALL, 120, PRIORITY_SAME, "same", false}},
    {"ipc_reply_recv_same_as_len0", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 0, PRIORITY_SAME, "same", false}},
    {"ipc_reply_recv_same_as_len1", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 1, PRIORITY_SAME, "same", false}},
    {"ipc_reply_recv_same_as_len4", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 4, PRIORITY_SAME, "same", false}},
    {"ipc_reply_recv_same_as_len5", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 5, PRIORITY_SAME, "same", false}},
    {"ipc_reply_recv_same_as_len10", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 10, PRIORITY_SAME, "same", false}},
    {"ipc_reply_recv_same_as_len120", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 120, PRIORITY_SAME, "same", false}},
    {"ipc_round_trip_same_as_len0", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 0, PRIORITY_SAME, "same", false}},
    {"ipc_round_trip_same_as_len1", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 1, PRIORITY_SAME, "same", false}},
    {"ipc_round_trip_same_as_len4", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 4, PRIORITY_SAME, "same", false}},
    {"ipc_round_trip_same_as_len5", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 5, PRIORITY_SAME, "same", false}},
    {"ipc_round_trip_same_as_len10", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 10, PRIORITY_SAME, "same", false}},
    {"ipc_round_trip_same_as_len120", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 120, PRIORITY_SAME, "same", false}},
    {"ipc_call_cross_as_len0", bench_ipc_call_reply_recv,
     {PATH_CALL, 0, PRIORITY_SAME, "cross", false}},
    {"ipc_call_cross_as_len1", bench_ipc_call_reply_recv,
     {PATH_CALL, 1, PRIORITY_SAME, "cross", false}},
    {"ipc_call_cross_as_len4", bench_ipc_call_reply_recv,
     {PATH_CALL, 4, PRIORITY_SAME, "cross", false}},
    {"ipc_call_cross_as_len5", bench_ipc_call_reply_recv,
     {PATH_CALL, 5, PRIORITY_SAME, "cross", false}},
    {"ipc_call_cross_as_len10", bench_ipc_call_reply_recv,
     {PATH_CALL, 10, PRIORITY_SAME, "cross", false}},
    {"ipc_call_cross_as_len120", bench_ipc_call_reply_recv,
     {PATH_CALL, 120, PRIORITY_SAME, "cross", false}},
    {"ipc_reply_recv_cross_as_len0", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 0, PRIORITY_SAME, "cross", false}},
    {"ipc_reply_recv_cross_as_len1", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 1, PRIORITY_SAME, "cross", false}},
    {"ipc_reply_recv_cross_as_len4", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 4, PRIORITY_SAME, "cross", false}},
    {"ipc_reply_recv_cross_as_len5", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 5, PRIORITY_SAME, "cross", false}},
    {"ipc_reply_recv_cross_as_len10", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 10, PRIORITY_SAME, "cross", false}},
    {"ipc_reply_recv_cross_as_len120", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 120, PRIORITY_SAME, "cross", false}},
    {"ipc_round_trip_cross_as_len0", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 0, PRIORITY_SAME, "cross", false}},
    {"ipc_round_trip_cross_as_len1", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 1, PRIORITY_SAME, "cross", false}},
    {"ipc_round_trip_cross_as_len4", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 4, PRIORITY_SAME, "cross", false}},
    {"ipc_round_trip_cross_as_len5", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 5, PRIORITY_SAME, "cross", false}},
    {"ipc_round_trip_cross_as_len10", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 10, PRIORITY_SAME, "cross", false}},
    {"ipc_round_trip_cross_as_len120", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 120, PRIORITY_SAME, "cross", false}},
    {"ipc_call_same_as_len0_server_higher", bench_ipc_call_reply_recv,
     {PATH_CALL, 0, PRIORITY_HIGHER, "same", false}},
    {"ipc_call_same_as_len0_server_lower", bench_ipc_call_reply_recv,
     {PATH_CALL, 0, PRIORITY_LOWER, "same", false}},
    {"ipc_reply_recv_same_as_len0_server_higher", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 0, PRIORITY_HIGHER, "same", false}},
    {"ipc_reply_recv_same_as_len0_server_lower", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 0, PRIORITY_LOWER, "same", false}},
    {"ipc_round_trip_same_as_len0_server_higher", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 0, PRIORITY_HIGHER, "same", false}},
    {"ipc_round_trip_same_as_len0_server_lower", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 0, PRIORITY_LOWER, "same", false}},
    {"ipc_call_same_as_len0_passive", bench_ipc_call_reply_recv,
     {PATH_CALL, 0, PRIORITY_SAME, "same", true}},
    {"ipc_reply_recv_same_as_len0_passive", bench_ipc_call_reply_recv,
     {PATH_REPLY_RECV, 0, PRIORITY_SAME, "same", true}},
    {"ipc_round_trip_same_as_len0_passive", bench_ipc_call_reply_recv,
     {PATH_ROUND_TRIP, 0, PRIORITY_SAME, "same", true}},
    {"ipc_send_same_as_len0", bench_ipc_send_recv, {PATH_SEND, 0, PRIORITY_HIGHER, "same", false}},
    {"ipc_nbsendrecv_same_as_len0", bench_ipc_nbsendrecv,
     {PATH_NBSENDRECV, 0, PRIORITY_SAME, "same", false}},
    {"ipc_send_cross_as_len0", bench_ipc_send_recv,
     {PATH_SEND, 0, PRIORITY_HIGHER, "cross", false}},
    {"ipc_nbsendrecv_cross_as_len0", bench_ipc_nbsendrecv,
     {PATH_NBSENDRECV, 0, PRIORITY_SAME, "cross", false}},
    {"signal_higher_prio_same_as", bench_signal, {PATH_SIGNAL, -1, PRIORITY_HIGHER, "same", false}},
    {"signal_lower_prio_same_as", bench_signal, {PATH_SIGNAL, -1, PRIORITY_LOWER, "same", false}},
    {"signal_higher_prio_cross_as", bench_signal,
     {PATH_SIGNAL, -1, PRIORITY_HIGHER, "cross", false}},
    {"signal_lower_prio_cross_as", bench_signal, {PATH_SIGNAL, -1, PRIORITY_LOWER, "cross", false}},
    {"fault_unknown_syscall_round_trip_same_as", bench_fault,
     {PATH_UNKNOWN_SYSCALL_FAULT, -1, PRIORITY_HIGHER, "same", false}},
    {"fault_unknown_syscall_round_trip_cross_as", bench_fault,
     {PATH_UNKNOWN_SYSCALL_FAULT, -1, PRIORITY_HIGHER, "cross", false}},
    {"fault_vm_fault_round_trip_same_as", bench_vm_fault,
     {PATH_VM_FAULT, -1, PRIORITY_HIGHER, "same", false}},
    {"fault_vm_fault_round_trip_cross_as", bench_vm_fault,
     {PATH_VM_FAULT, -1, PRIORITY_HIGHER, "cross", false}},
    {"fault_timeout_round_trip", bench_timeout_fault,
     {PATH_TIMEOUT_FAULT, -1, PRIORITY_HIGHER, "same", false}},
    {"irq_to_waiting_thread_higher_prio", bench_irq,
     {PATH_IRQ, -1, PRIORITY_HIGHER, "same", false}},
    {"irq_to_self_wait", bench_irq, {PATH_IRQ, -1, PRIORITY_NONE, 0, false}},
    {"signal_nobody_waiting", bench_signal, {PATH_SIGNAL, -1, PRIORITY_NONE, 0, false}},
    {"poll_idle", bench_poll, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
    {"map_frame_4k", bench_map_frame, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
    {"unmap_frame_4k", bench_unmap_frame, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
    {"retype_frame_4k", bench_retype_frame, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
#ifdef BENCH_KNOWN_LENGTH /* the profiler's synthetic case, only in its profile build */
    {"profile_known_length", bench_known_length, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
#endif
    {0, 0, {PATH_NONE, -1, PRIORITY_NONE, 0, false}},
};
