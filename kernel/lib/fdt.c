/* A reader for flattened device trees (DTSpec v0.3): enough to find RAM and reservations,
 * and to pack a blob whose blocks have free space between or after them. Blobs are
 * big-endian and only 4-byte aligned, so every field is read and written byte by byte. */
#include <lib/fdt.h>
#include <lib/string.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_MAX_DEPTH 16
/* Header offsets of the fields packing rewrites or needs (version 17 headers). */
#define FDT_TOTALSIZE 4
#define FDT_OFF_DT_STRUCT 8
#define FDT_OFF_DT_STRINGS 12
#define FDT_OFF_MEM_RSVMAP 16
#define FDT_SIZE_DT_STRINGS 32
#define FDT_SIZE_DT_STRUCT 36
#define FDT_HEADER_V17_SIZE 40
#define FDT_RESERVATION_SIZE 16
#define FDT_BLOCKS 3

struct fdt_header_fields {
    uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version;
};

/* One block of the blob: where its header offset field is, where it lies, its alignment. */
struct fdt_block {
    unsigned offset_field;
    word_t start, size, align;
};

/* Where a walk is: the cells in force at each depth and the kind of node being read. */
struct fdt_walk {
    const uint8_t *blob;
    const char *strings;
    uint32_t address_cells[FDT_MAX_DEPTH];
    uint32_t size_cells[FDT_MAX_DEPTH];
    bool is_memory[FDT_MAX_DEPTH];
    bool is_reserved_memory[FDT_MAX_DEPTH];
    int depth;
};

static uint32_t read_be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static void write_be32(void *p, uint32_t value)
{
    uint8_t *b = p;
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(value >> (24 - 8 * i));
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    uint64_t value = 0;
    for (uint32_t i = 0; i < cells; i++)
        value = (value << 32) | read_be32(p + 4 * i);
    return value;
}

static struct fdt_header_fields read_header(const void *blob)
{
    const uint8_t *b = blob;
    return (struct fdt_header_fields){read_be32(b), read_be32(b + 4), read_be32(b + 8),
                                      read_be32(b + 12), read_be32(b + 16), read_be32(b + 20)};
}

bool fdt_valid(const void *blob)
{
    struct fdt_header_fields h = read_header(blob);
    return h.magic == FDT_MAGIC && h.version >= 16 && h.off_dt_struct < h.totalsize &&
           h.off_dt_strings < h.totalsize && h.off_mem_rsvmap < h.totalsize;
}

word_t fdt_total_size(const void *blob)
{
    return read_header(blob).totalsize;
}

static void read_reservation_map(const uint8_t *blob, struct boot_params *params)
{
    const uint8_t *entry = blob + read_header(blob).off_mem_rsvmap;
    for (;; entry += 16) {
        uint64_t start = read_cells(entry, 2), size = read_cells(entry + 8, 2);
        if (!size)
            return;
        boot_params_add_reserved(params, start, start + size);
    }
}

/* Each (address, size) pair of a reg property, into ram or reserved. */
static void read_reg(struct fdt_walk *w, const uint8_t *value, uint32_t len,
                     struct boot_params *params)
{
    uint32_t ac = w->address_cells[w->depth - 1], sc = w->size_cells[w->depth - 1];
    uint32_t pair = 4 * (ac + sc);
    for (uint32_t at = 0; pair && at + pair <= len; at += pair) {
        uint64_t start = read_cells(value + at, ac), size = read_cells(value + at + 4 * ac, sc);
        if (!size)
            continue;
        if (w->is_memory[w->depth])
            boot_params_add_ram(params, start, start + size);
        else
            boot_params_add_reserved(params, start, start + size);
    }
}

static void begin_node(struct fdt_walk *w, const char *name)
{
    int d = ++w->depth;
    bool top = d == 1;
    w->address_cells[d] = 2;
    w->size_cells[d] = 1;
    w->is_memory[d] = top && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7));
    w->is_reserved_memory[d] = top && !strcmp(name, "reserved-memory");
}

static void read_property(struct fdt_walk *w, const uint8_t *p, struct boot_params *params)
{
    uint32_t len = read_be32(p);
    const char *name = w->strings + read_be32(p + 4);
    const uint8_t *value = p + 8;
    int d = w->depth;
    if (!strcmp(name, "#address-cells") && len == 4)
        w->address_cells[d] = read_be32(value);
    else if (!strcmp(name, "#size-cells") && len == 4)
        w->size_cells[d] = read_be32(value);
    else if (!strcmp(name, "reg") && d >= 1 &&
             (w->is_memory[d] || (d == 2 && w->is_reserved_memory[1])))
        read_reg(w, value, len, params);
}

bool fdt_read_memory(const void *blob, struct boot_params *params)
{
    struct fdt_header_fields h = read_header(blob);
    struct fdt_walk w = {.blob = blob, .strings = (const char *)blob + h.off_dt_strings,
                         .depth = -1};
    const uint8_t *p = (const uint8_t *)blob + h.off_dt_struct;
    const uint8_t *end = (const uint8_t *)blob + h.totalsize;
    read_reservation_map(blob, params);
    while (p + 4 <= end) {
        uint32_t token = read_be32(p);
        p += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            if (w.depth + 1 >= FDT_MAX_DEPTH)
                return false;
            begin_node(&w, name);
            p += ROUND_UP(strlen(name) + 1, 4);
        } else if (token == FDT_END_NODE) {
            if (--w.depth < -1)
                return false;
        } else if (token == FDT_PROP) {
            if (w.depth < 0)
                return false;
            read_property(&w, p, params);
            p += 8 + ROUND_UP(read_be32(p), 4);
        } else if (token == FDT_END) {
            return true;
        } else if (token != FDT_NOP) {
            return false;
        }
    }
    return false;
}

/* The reservation map's size up to and including its (0, 0) terminator, or 0 when there is
 * no terminator before `limit` bytes into the blob. */
static word_t reservation_map_size(const uint8_t *blob, word_t start, word_t limit)
{
    for (word_t at = start; at + FDT_RESERVATION_SIZE <= limit; at += FDT_RESERVATION_SIZE) {
        if (!read_cells(blob + at, 2) && !read_cells(blob + at + 8, 2))
            return at + FDT_RESERVATION_SIZE - start;
    }
    return 0;
}

/* The three blocks in the order they lie in; false if they are misaligned, overlap each
 * other or the header, or run past totalsize. */
static bool fdt_blocks(const uint8_t *blob, struct fdt_block blocks[FDT_BLOCKS])
{
    word_t total = read_be32(blob + FDT_TOTALSIZE);
    word_t rsvmap = read_be32(blob + FDT_OFF_MEM_RSVMAP);
    blocks[0] = (struct fdt_block){FDT_OFF_MEM_RSVMAP, rsvmap,
                                   reservation_map_size(blob, rsvmap, total), 8};
    blocks[1] = (struct fdt_block){FDT_OFF_DT_STRUCT, read_be32(blob + FDT_OFF_DT_STRUCT),
                                   read_be32(blob + FDT_SIZE_DT_STRUCT), 4};
    blocks[2] = (struct fdt_block){FDT_OFF_DT_STRINGS, read_be32(blob + FDT_OFF_DT_STRINGS),
                                   read_be32(blob + FDT_SIZE_DT_STRINGS), 1};
    if (!blocks[0].size)
        return false;
    for (int i = 1; i < FDT_BLOCKS; i++) {
        for (int j = i; j > 0 && blocks[j].start < blocks[j - 1].start; j--) {
            struct fdt_block lower = blocks[j];
            blocks[j] = blocks[j - 1];
            blocks[j - 1] = lower;
        }
    }
    word_t end = FDT_HEADER_V17_SIZE;
    for (int i = 0; i < FDT_BLOCKS; i++) {
        if (blocks[i].start < end || blocks[i].start % blocks[i].align ||
            blocks[i].size > total - blocks[i].start)
            return false;
        end = blocks[i].start + blocks[i].size;
    }
    return true;
}

word_t fdt_pack(void *blob)
{
    uint8_t *b = blob;
    struct fdt_block blocks[FDT_BLOCKS];
    if (read_header(blob).version < 17 || !fdt_blocks(b, blocks))
        return fdt_total_size(blob);
    /* Each block moves down (or stays), in address order, so none overwrites the next. */
    word_t end = FDT_HEADER_V17_SIZE;
    for (int i = 0; i < FDT_BLOCKS; i++) {
        word_t start = ROUND_UP(end, blocks[i].align);
        memmove(b + start, b + blocks[i].start, blocks[i].size);
        write_be32(b + blocks[i].offset_field, (uint32_t)start);
        end = start + blocks[i].size;
    }
    write_be32(b + FDT_TOTALSIZE, (uint32_t)end);
    return end;
}
