/*
 * The device tree a root task finds in its extra boot info: one FDT chunk whose length is
 * the tree's totalsize + 16, a totalsize that ends where the tree's last block ends (the tree
 * packed, not the loader's buffer), the chunk inside the mapped extra boot-info frames, and
 * a structure block that walks cleanly to its end with /memory and the root's compatible.
 */
#include "device_tree.h"
#include <sel4common/string.h>

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define PACKED_MAX (64 * 1024)
#define PAGE (1ul << seL4_PageBits)

/* The header fields of a version-17 blob, and the block bounds they give. */
struct fdt {
    const uint8_t *blob;
    seL4_Word total, structure, structure_size, strings, strings_size, rsvmap, version;
};

/* Where a structure walk got to and what it saw. */
struct fdt_walk {
    seL4_Word at, end;
    int depth, ended, memory_nodes, root_compatible;
};

static seL4_Word be32(const uint8_t *p)
{
    return (seL4_Word)p[0] << 24 | (seL4_Word)p[1] << 16 | (seL4_Word)p[2] << 8 | p[3];
}

static struct fdt fdt_read(const uint8_t *blob)
{
    return (struct fdt){blob, be32(blob + 4), be32(blob + 8), be32(blob + 36),
                        be32(blob + 12), be32(blob + 32), be32(blob + 16), be32(blob + 20)};
}

/* The end of the reservation map (after its (0, 0) entry), or 0 if it runs past the blob. */
static seL4_Word reservation_map_end(const struct fdt *t)
{
    for (seL4_Word at = t->rsvmap; at + 16 <= t->total; at += 16) {
        int zero = 1;
        for (int i = 0; i < 16; i++)
            zero &= t->blob[at + i] == 0;
        if (zero)
            return at + 16;
    }
    return 0;
}

static seL4_Word max_word(seL4_Word a, seL4_Word b)
{
    return a > b ? a : b;
}

/* A node name ending inside the structure block; its length, or -1. */
static long node_name_length(const struct fdt *t, const struct fdt_walk *w)
{
    for (seL4_Word at = w->at; at < w->end; at++) {
        if (!t->blob[at])
            return (long)(at - w->at);
    }
    return -1;
}

static int walk_begin_node(const struct fdt *t, struct fdt_walk *w)
{
    long length = node_name_length(t, w);
    if (length < 0)
        return 0;
    const char *name = (const char *)t->blob + w->at;
    w->depth++;
    if (w->depth == 2 && !strncmp(name, "memory@", 7))
        w->memory_nodes++;
    w->at += ((seL4_Word)length + 4) & ~3ul;
    return 1;
}

/* A property: its value inside the structure block, its name inside the strings block. */
static int walk_property(const struct fdt *t, struct fdt_walk *w)
{
    if (w->depth < 1 || w->at + 8 > w->end)
        return 0;
    seL4_Word length = be32(t->blob + w->at), name = be32(t->blob + w->at + 4);
    w->at += 8;
    if (length > w->end - w->at || name >= t->strings_size)
        return 0;
    const char *text = (const char *)t->blob + t->strings + name;
    if (w->depth == 1 && !strcmp(text, "compatible") && length > 1)
        w->root_compatible = 1;
    w->at += (length + 3) & ~3ul;
    return 1;
}

/* One token; 0 if it is not valid where it stands. */
static int walk_token(const struct fdt *t, struct fdt_walk *w)
{
    seL4_Word token = be32(t->blob + w->at);
    w->at += 4;
    switch (token) {
    case FDT_BEGIN_NODE:
        return walk_begin_node(t, w);
    case FDT_END_NODE:
        return --w->depth >= 0;
    case FDT_PROP:
        return walk_property(t, w);
    case FDT_NOP:
        return 1;
    case FDT_END:
        w->ended = 1;
        return w->depth == 0;
    default:
        return 0;
    }
}

static void check_structure(struct env *env, const struct fdt *t)
{
    struct fdt_walk w = {t->structure, t->structure + t->structure_size, 0, 0, 0, 0};
    int valid = 1;
    while (valid && !w.ended && w.at + 4 <= w.end)
        valid = walk_token(t, &w);
    CHECK(env, valid && w.ended);
    CHECK(env, w.at == w.end);
    CHECK(env, w.memory_nodes >= 1);
    CHECK(env, w.root_compatible);
}

/* The blocks lie in the blob, and the blob ends where the last of them ends. */
static void check_packed(struct env *env, const struct fdt *t)
{
    seL4_Word rsvmap_end = reservation_map_end(t);
    CHECK(env, rsvmap_end != 0);
    CHECK(env, t->structure + t->structure_size <= t->total);
    CHECK(env, t->strings + t->strings_size <= t->total);
    seL4_Word last = max_word(rsvmap_end, max_word(t->structure + t->structure_size,
                                                   t->strings + t->strings_size));
    CHECK(env, t->total == last);
}

/* The extra boot-info frames: the smallest power of two of pages that holds the chunk. */
static void check_frames(struct env *env, seL4_Word extra_len)
{
    seL4_SlotRegion frames = env->bootinfo->extraBIPages;
    seL4_Word pages = frames.end - frames.start;
    CHECK(env, pages >= 1 && (pages & (pages - 1)) == 0);
    CHECK(env, pages * PAGE >= extra_len);
    CHECK(env, pages == 1 || pages / 2 * PAGE < extra_len);
}

void test_device_tree_chunk(struct env *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    const seL4_BootInfoHeader *chunk = (const void *)((seL4_Word)bi + PAGE);
    CHECK(env, bi->extraLen > sizeof(*chunk));
    CHECK(env, chunk->id == SEL4_BOOTINFO_HEADER_FDT);
    CHECK(env, chunk->len == bi->extraLen);
    CHECK(env, chunk->len < PACKED_MAX);
    check_frames(env, bi->extraLen);
    struct fdt t = fdt_read((const uint8_t *)(chunk + 1));
    CHECK(env, be32(t.blob) == FDT_MAGIC);
    CHECK(env, t.version >= 17);
    CHECK(env, chunk->len == t.total + sizeof(*chunk));
    if (be32(t.blob) != FDT_MAGIC || t.version < 17 || chunk->len >= PACKED_MAX ||
        chunk->len != t.total + sizeof(*chunk))
        return; /* not a tree to walk, or not the one in the frames */
    check_packed(env, &t);
    check_structure(env, &t);
}
