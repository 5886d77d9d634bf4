/*
 * I/O ports (seL4 x86 ioport.c): IOPortControl Issue hands out a capability to a range of
 * ports no other capability covers (a bitmap of the 65536 ports says which are taken); IOPort
 * In and Out then reach ports inside that range, the kernel doing the access. The ports the
 * kernel drives itself are taken from the start, but for the console UART: as upstream, user
 * level may own COM1 (a release root task has no other way to print), while the kernel keeps
 * printing through it in debug builds.
 */
#include <arch.h>
#include <arch/io.h>
#include <arch/objects.h>
#include <board.h>
#include <core/cspace.h>
#include <sel4/arch/invocation_labels.h>

#define PORTS 65536
#define EXIT_PORTS 4 /* the board's isa-debug-exit iosize; halt.c writes 32 bits */

static word_t ports_taken[PORTS / 64];

static void ports_mark(word_t first, word_t last, bool taken)
{
    for (word_t port = first; port <= last; port++) {
        if (taken)
            ports_taken[port / 64] |= BIT(port % 64);
        else
            ports_taken[port / 64] &= ~BIT(port % 64);
    }
}

static bool ports_free(word_t first, word_t last)
{
    for (word_t port = first; port <= last; port++) {
        if (ports_taken[port / 64] & BIT(port % 64))
            return false;
    }
    return true;
}

/* The legacy PICs, the PIT and port 0x61 (timer calibration), isa-debug-exit. */
void io_port_reserve_kernel(void)
{
    ports_mark(0x20, 0x21, true);
    ports_mark(0xa0, 0xa1, true);
    ports_mark(0x40, 0x43, true);
    ports_mark(0x61, 0x61, true);
    ports_mark(BOARD_EXIT_PORT, BOARD_EXIT_PORT + EXIT_PORTS - 1, true);
}

void io_port_finalise(struct cap cap)
{
    ports_mark(cap_io_port_first(cap), cap_io_port_last(cap), false);
}

struct syscall_error io_port_control_decode(struct invocation *inv)
{
    if (inv->label != X86IOPortControlIssue)
        return error_plain(seL4_IllegalOperation);
    if (inv->length < 4 || inv->extra_caps < 1)
        return error_plain(seL4_TruncatedMessage);
    word_t first = invocation_arg(inv, 0) & 0xffff, last = invocation_arg(inv, 1) & 0xffff;
    if (last < first)
        return error_invalid_argument(1);
    if (!ports_free(first, last))
        return error_plain(seL4_RevokeFirst);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, invocation_arg(inv, 2),
                                                    invocation_arg(inv, 3), &error);
    if (!dest)
        return error;
    ports_mark(first, last, true);
    cspace_insert_child(inv->slot, dest, cap_io_port(first, last), true);
    return error_none();
}

/* Bytes an In or Out label moves: 1, 2 or 4. */
static word_t io_port_width(word_t label)
{
    switch (label) {
    case X86IOPortIn16:
    case X86IOPortOut16:
        return 2;
    case X86IOPortIn32:
    case X86IOPortOut32:
        return 4;
    default:
        return 1;
    }
}

static word_t io_port_in(word_t port, word_t width)
{
    if (width == 1)
        return io_in8(port);
    return width == 2 ? io_in16(port) : io_in32(port);
}

static void io_port_out(word_t port, word_t width, word_t data)
{
    if (width == 1)
        io_out8(port, data);
    else if (width == 2)
        io_out16(port, data);
    else
        io_out32(port, data);
}

struct syscall_error io_port_decode(struct invocation *inv)
{
    bool in = inv->label >= X86IOPortIn8 && inv->label <= X86IOPortIn32;
    bool out = inv->label >= X86IOPortOut8 && inv->label <= X86IOPortOut32;
    if (!in && !out)
        return error_plain(seL4_IllegalOperation);
    if (inv->length < (in ? 1u : 2u))
        return error_plain(seL4_TruncatedMessage);
    word_t port = invocation_arg(inv, 0) & 0xffff, width = io_port_width(inv->label);
    if (port < cap_io_port_first(inv->cap) || port + width - 1 > cap_io_port_last(inv->cap))
        return error_plain(seL4_IllegalOperation);
    if (out) {
        io_port_out(port, width, invocation_arg(inv, 1) & MASK(8 * width));
        return error_none();
    }
    invocation_set_result(inv, 0, io_port_in(port, width));
    invocation_reply_length(inv, 1);
    return error_none();
}
