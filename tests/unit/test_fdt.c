/* Host tests of device-tree packing (kernel/lib/fdt.c): the blocks close up in the order they
 * lie in, the header follows them, the tree reads the same afterwards, and a blob whose
 * blocks are out of place is left alone. */
#include "unit.h"
#include <lib/fdt.h>
#include <string.h>

#define BLOB_SIZE 0x4000
#define HEADER_SIZE 40

static uint8_t blob[BLOB_SIZE] __attribute__((aligned(8)));
static struct boot_params seen;

/* fdt_read_memory's outputs, recorded (the kernel's versions live in core/memory.c). */
bool boot_params_add_ram(struct boot_params *params, paddr_t start, paddr_t end)
{
    params->ram[params->ram_count++] = (struct memory_region){start, end};
    return true;
}

bool boot_params_add_reserved(struct boot_params *params, paddr_t start, paddr_t end)
{
    params->reserved[params->reserved_count++] = (struct memory_region){start, end};
    return true;
}

static void put32(word_t at, uint32_t value)
{
    for (int i = 0; i < 4; i++)
        blob[at + i] = (uint8_t)(value >> (24 - 8 * i));
}

static uint32_t get32(word_t at)
{
    return (uint32_t)blob[at] << 24 | (uint32_t)blob[at + 1] << 16 |
           (uint32_t)blob[at + 2] << 8 | blob[at + 3];
}

static void put64(word_t at, uint64_t value)
{
    put32(at, (uint32_t)(value >> 32));
    put32(at + 4, (uint32_t)value);
}

/* The strings block: "reg" at 0, "device_type" at 4. */
static const char strings[] = "reg\0device_type";

/* The structure block: / { memory@80000000 { device_type = "memory"; reg = <...>; }; };
 * with the root's default 2 address cells and 1 size cell. Returns its size. */
static word_t put_structure(word_t at)
{
    word_t start = at;
    put32(at, 1), put32(at + 4, 0), at += 8; /* BEGIN_NODE "" */
    put32(at, 1), at += 4;                   /* BEGIN_NODE "memory@80000000" */
    memcpy(&blob[at], "memory@80000000", 16), at += 16;
    put32(at, 3), put32(at + 4, 7), put32(at + 8, 4), at += 12; /* PROP device_type */
    memcpy(&blob[at], "memory", 7), at += 8;
    put32(at, 3), put32(at + 4, 12), put32(at + 8, 0), at += 12; /* PROP reg */
    put64(at, 0x80000000), put32(at + 8, 0x20000000), at += 12;
    put32(at, 4), at += 4;                   /* NOP */
    put32(at, 2), put32(at + 4, 2), put32(at + 8, 9), at += 12; /* END_NODE x2, END */
    return at - start;
}

/* A version-17 blob of `total` bytes with its blocks at the given offsets; one reservation. */
static void make_blob(word_t rsvmap, word_t structure, word_t strings_at, word_t total)
{
    memset(blob, 0xa5, sizeof(blob)); /* the gaps hold rubbish, as a reused buffer would */
    put32(0, 0xd00dfeed);
    put32(4, (uint32_t)total);
    put32(8, (uint32_t)structure);
    put32(12, (uint32_t)strings_at);
    put32(16, (uint32_t)rsvmap);
    put32(20, 17);
    put32(24, 16);
    put32(28, 0);
    put32(32, sizeof(strings));
    put32(36, (uint32_t)put_structure(structure));
    put64(rsvmap, 0x90000000), put64(rsvmap + 8, 0x1000);
    put64(rsvmap + 16, 0), put64(rsvmap + 24, 0);
    memcpy(&blob[strings_at], strings, sizeof(strings));
}

static void check_tree_reads(void)
{
    seen = (struct boot_params){0};
    CHECK(fdt_valid(blob));
    CHECK(fdt_read_memory(blob, &seen));
    CHECK_EQ(seen.ram_count, 1);
    CHECK_EQ(seen.ram[0].start, 0x80000000);
    CHECK_EQ(seen.ram[0].end, 0xa0000000);
    CHECK_EQ(seen.reserved_count, 1);
    CHECK_EQ(seen.reserved[0].start, 0x90000000);
    CHECK_EQ(seen.reserved[0].end, 0x90001000);
}

/* Blocks in the usual order with gaps and free space after them, as QEMU hands them over. */
static void test_pack_closes_gaps(void)
{
    make_blob(0x100, 0x400, 0x1000, BLOB_SIZE);
    check_tree_reads();
    word_t structure_size = get32(36);
    word_t packed = fdt_pack(blob);
    CHECK_EQ(get32(16), HEADER_SIZE);
    CHECK_EQ(get32(8), HEADER_SIZE + 32);
    CHECK_EQ(get32(12), HEADER_SIZE + 32 + structure_size);
    CHECK_EQ(packed, HEADER_SIZE + 32 + structure_size + sizeof(strings));
    CHECK_EQ(get32(4), packed);
    check_tree_reads();
    /* Packing a packed blob changes nothing. */
    CHECK_EQ(fdt_pack(blob), packed);
    CHECK_EQ(get32(8), HEADER_SIZE + 32);
}

/* The strings before the structure stay before it; the map moves down to the header's end
 * (8-byte aligned), the structure to the next 4-byte boundary after the strings. */
static void test_pack_keeps_block_order(void)
{
    make_blob(0x48, 0x800, 0x200, BLOB_SIZE);
    word_t structure_size = get32(36);
    word_t packed = fdt_pack(blob);
    CHECK_EQ(get32(16), HEADER_SIZE);
    CHECK_EQ(get32(12), HEADER_SIZE + 32);
    CHECK_EQ(get32(8), ROUND_UP(HEADER_SIZE + 32 + sizeof(strings), 4));
    CHECK_EQ(packed, get32(8) + structure_size);
    check_tree_reads();
}

/* Out of place: the blob is left as it was and its totalsize returned. */
static void check_left_alone(const char *what)
{
    static uint8_t before[BLOB_SIZE];
    memcpy(before, blob, sizeof(blob));
    word_t total = get32(4);
    if (fdt_pack(blob) != total || memcmp(before, blob, sizeof(blob))) {
        fprintf(stderr, "blob changed: %s\n", what);
        CHECK(0);
    }
}

static void test_pack_refuses_blocks_out_of_place(void)
{
    make_blob(0x100, 0x400, 0x1000, BLOB_SIZE);
    put32(12, 0x410); /* strings inside the structure */
    check_left_alone("overlapping blocks");
    make_blob(0x100, 0x400, 0x1000, 0x1008);
    check_left_alone("strings past totalsize");
    make_blob(0x100, 0x402, 0x1000, BLOB_SIZE);
    check_left_alone("misaligned structure");
    make_blob(0x20, 0x400, 0x1000, BLOB_SIZE);
    check_left_alone("map inside the header");
    make_blob(0x100, 0x400, 0x1000, BLOB_SIZE);
    put32(20, 16);
    check_left_alone("version 16 (no structure size)");
    make_blob(0x100, 0x400, 0x1000, BLOB_SIZE);
    put64(0x118, 0x1000); /* the terminator is not (0, 0): no end to the map */
    memset(&blob[0x120], 0xa5, 0x400 - 0x120);
    check_left_alone("unterminated map");
}

int main(void)
{
    test_pack_closes_gaps();
    test_pack_keeps_block_order();
    test_pack_refuses_blocks_out_of_place();
    return unit_report("test_fdt");
}
