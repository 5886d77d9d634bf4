/* The ASID table and ASID pool objects (include/arch/asid.h). A pool object is 512 words,
 * each the physical address of a VSpace root or 0. Taking a VSpace out of the table flushes
 * the TLB, so that nothing cached under it outlives its ASID. */
#include <arch.h>
#include <arch/asid.h>
#include <arch/vspace.h>

static paddr_t asid_table[ASID_POOLS];

static paddr_t *pool_entries(paddr_t pool)
{
    return arch_phys_to_virt(pool);
}

paddr_t asid_find_pool(word_t asid)
{
    word_t high = asid >> ASID_LOW_BITS;
    return high < ASID_POOLS ? asid_table[high] : 0;
}

paddr_t asid_find_vspace(word_t asid)
{
    paddr_t pool = asid_find_pool(asid);
    return pool ? pool_entries(pool)[asid & MASK(ASID_LOW_BITS)] : 0;
}

bool asid_free_pool_base(word_t *base)
{
    for (word_t high = 0; high < ASID_POOLS; high++) {
        if (!asid_table[high]) {
            *base = high << ASID_LOW_BITS;
            return true;
        }
    }
    return false;
}

void asid_pool_install(word_t base, paddr_t pool)
{
    asid_table[base >> ASID_LOW_BITS] = pool;
}

bool asid_pool_free_asid(paddr_t pool, word_t base, word_t *asid)
{
    const paddr_t *entries = pool_entries(pool);
    for (word_t low = 0; low < ASID_POOL_ENTRIES; low++) {
        if (base + low != 0 && !entries[low]) {
            *asid = base + low;
            return true;
        }
    }
    return false;
}

void asid_assign(word_t asid, paddr_t vspace)
{
    pool_entries(asid_find_pool(asid))[asid & MASK(ASID_LOW_BITS)] = vspace;
}

void asid_delete(word_t asid, paddr_t vspace)
{
    paddr_t pool = asid_find_pool(asid);
    if (!pool || pool_entries(pool)[asid & MASK(ASID_LOW_BITS)] != vspace)
        return;
    pool_entries(pool)[asid & MASK(ASID_LOW_BITS)] = 0;
    tlb_flush_all();
}

void asid_pool_delete(word_t base, paddr_t pool)
{
    word_t high = base >> ASID_LOW_BITS;
    if (high >= ASID_POOLS || asid_table[high] != pool)
        return;
    asid_table[high] = 0;
    tlb_flush_all();
}
