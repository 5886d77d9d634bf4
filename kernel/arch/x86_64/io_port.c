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

/* A port number, which the ABI passes in a word's low 16 bits. */
static word_t port_number(word_t word)
{
    return word & MASK(16);
}

/* X86IOPortControl_Issue's message words (ABI §5.6). */
struct io_port_control_issue_args {
    word_t first_port, last_port, index, depth;
};

struct syscall_error io_port_control_decode(struct invocation *inv)
{
    if (inv->label != X86IOPortControlIssue)
        return error_plain(seL4_IllegalOperation);
    struct io_port_control_issue_args args;
    if (!invocation_read_args_and_caps(inv, &args, 1))
        return error_plain(seL4_TruncatedMessage);
    word_t first = port_number(args.first_port), last = port_number(args.last_port);
    if (last < first)
        return error_invalid_argument(1);
    if (!ports_free(first, last))
        return error_plain(seL4_RevokeFirst);
    struct syscall_error error;
    struct cte *dest = invocation_lookup_empty_slot(inv->extra[0]->cap, args.index, args.depth,
                                                    &error);
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

/* X86IOPort_In8/16/32's and Out8/16/32's message words (ABI §5.6). */
struct io_port_in_args {
    word_t port;
};
struct io_port_out_args {
    word_t port, data;
};

/* The `width` bytes at `port` lie in the capability's range. */
static bool io_port_covers(struct cap cap, word_t port, word_t width)
{
    return port >= cap_io_port_first(cap) && port + width - 1 <= cap_io_port_last(cap);
}

static struct syscall_error io_port_decode_in(struct invocation *inv, word_t width)
{
    struct io_port_in_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    word_t port = port_number(args.port);
    if (!io_port_covers(inv->cap, port, width))
        return error_plain(seL4_IllegalOperation);
    invocation_set_result(inv, 0, io_port_in(port, width));
    invocation_reply_length(inv, 1);
    return error_none();
}

static struct syscall_error io_port_decode_out(struct invocation *inv, word_t width)
{
    struct io_port_out_args args;
    if (!invocation_read_args(inv, &args))
        return error_plain(seL4_TruncatedMessage);
    word_t port = port_number(args.port);
    if (!io_port_covers(inv->cap, port, width))
        return error_plain(seL4_IllegalOperation);
    io_port_out(port, width, args.data & MASK(8 * width));
    return error_none();
}

struct syscall_error io_port_decode(struct invocation *inv)
{
    if (inv->label >= X86IOPortIn8 && inv->label <= X86IOPortIn32)
        return io_port_decode_in(inv, io_port_width(inv->label));
    if (inv->label >= X86IOPortOut8 && inv->label <= X86IOPortOut32)
        return io_port_decode_out(inv, io_port_width(inv->label));
    return error_plain(seL4_IllegalOperation);
}
