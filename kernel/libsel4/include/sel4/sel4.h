/* The user ABI: include this, and the arch's syscall stubs come with it. */
#pragma once
#include <sel4/types.h>
#include <sel4/errors.h>
#include <sel4/constants.h>
#include <sel4/syscall_numbers.h>
#include <sel4/message_info.h>
#include <sel4/ipc_buffer.h>
#include <sel4/bootinfo_types.h>
#include <sel4/object_type.h>
#include <sel4/functions.h>
#include <sel4/syscalls.h>
#include <sel4/invocations.h>
#include <sel4/tcb_invocations.h>
#include <sel4/arch/invocations.h>
