/*
 * x86_64 capabilities (object/cap.h: type in bits 63..59, the object's physical address in
 * 47..0). Type numbers are seL4's x86_64 cap tags, so DebugCapIdentify reports what upstream
 * would. The paging structures record their mapping as every arch's do (object/frame.h); for
 * the PML4 "mapped" means assigned an ASID. I/O port caps name no memory: their "object" is
 * the port range itself (first | last << 16), which keeps distinct ranges distinct objects.
 */
#pragma once
#include <object/frame.h>

enum arch_cap_type {
    CAP_PAGE_TABLE = 3,
    CAP_PAGE_DIRECTORY = 5,
    CAP_PDPT = 7,
    CAP_PML4 = 9,
    CAP_IO_PORT = 19,
    CAP_IO_PORT_CONTROL = 31,
};

/* I/O port control: no fields. I/O port: ports first..last (inclusive). */
static inline struct cap cap_io_port_control(void)
{
    return cap_make(CAP_IO_PORT_CONTROL, 0, 0);
}

static inline struct cap cap_io_port(word_t first, word_t last)
{
    return cap_make(CAP_IO_PORT, (first & 0xffff) | (last & 0xffff) << 16, 0);
}

static inline word_t cap_io_port_first(struct cap cap)
{
    return cap_field(cap, 0, 16);
}

static inline word_t cap_io_port_last(struct cap cap)
{
    return cap_field(cap, 16, 16);
}
