/*
 * The x86_64 objects behind the arch capabilities, one file each: the paging structures
 * (page_table.c) and I/O ports (io_port.c); frame.c holds the frame hooks of arch.h.
 * object.c dispatches to them; these are the entry points it uses.
 */
#pragma once
#include <api/invocation.h>
#include <arch/cap.h>

/* Page tables, page directories, PDPTs: Map and Unmap; unmapping when the last cap goes. */
struct syscall_error page_table_decode(struct invocation *inv);
void page_table_unmap(struct cap cap);

/* I/O ports: IOPortControl Issue and IOPort In/Out; freeing a range when its last cap goes. */
struct syscall_error io_port_control_decode(struct invocation *inv);
struct syscall_error io_port_decode(struct invocation *inv);
void io_port_finalise(struct cap cap);
/* Boot: reserve the ports the kernel drives itself, so they are never issued. */
void io_port_reserve_kernel(void);
