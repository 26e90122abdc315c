/*
 * pool.c - the simulated kernel pool.
 *
 * Each allocation is an ordinary heap block laid out as
 *     [padding to 16][user bytes][16 guard bytes]
 * described by a separate record, found through a table keyed by the user
 * pointer (kernel/ptr_table.h) and listed in allocation order, so that:
 *   - freeing a pointer that is not live (double free, stack address, the
 *     middle of a block) is reported without touching the memory;
 *   - writing past the end is detected at free time from the guard bytes;
 *   - live allocations can be listed per tag for leak reports.
 * Records are recycled through a free list. All state is guarded by one
 * static mutex; nothing here calls back into driver code, so holding it is
 * always short.
 */
#include <kmdfsim/pool.h>
#include "kernel/pool_internal.h"
#include <wdm.h>

#include "kernel/irql.h"
#include "kernel/memory.h"
#include "kernel/ptr_table.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#define POOL_ALIGNMENT MEMORY_ALLOCATION_ALIGNMENT
#define GUARD_SIZE 16u
#define GUARD_BYTE 0xA5u
#define UNINITIALIZED_BYTE 0xCDu /* ExAllocatePoolWithTag memory is not zeroed */
#define FREED_BYTE 0xDDu

typedef struct pool_block {
    void *user; /* key */
    void *raw;  /* what malloc returned */
    SIZE_T size;
    ULONG tag;
    BOOLEAN paged;
    const void *owner; /* the driver whose code allocated it, or NULL */
    struct pool_block *prev, *next; /* live blocks in allocation order; `next` links the free records */
} pool_block;

typedef struct pool_tag {
    ULONG tag; /* key */
    kmdfsim_pool_stats stats;
    UT_hash_handle hh;
} pool_tag;

static kmdfsim_static_mutex g_pool_lock;
static kmdfsim_ptr_table g_blocks; /* live blocks, by user pointer */
static pool_block *g_first_block, *g_last_block;
static pool_block *g_free_records;
static pool_tag *g_tags;
static pool_tag *g_last_tag; /* the record used last: drivers allocate with few tags */
static kmdfsim_pool_stats g_total;
static ULONG g_inject_tag;
static ULONG g_inject_countdown = (ULONG)-1;
static KMDFSIM_THREAD_LOCAL const void *t_owner;

static uintptr_t block_key(const void *entry) { return (uintptr_t)((const pool_block *)entry)->user; }

static const unsigned char g_guard[GUARD_SIZE] = {GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE,
                                                  GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE,
                                                  GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE,
                                                  GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE};

void kmdfsim_pool_set_thread_owner(const void *owner) { t_owner = owner; }

static kmdfsim_mutex *pool_lock(void) { return kmdfsim_static_mutex_get(&g_pool_lock); }

void kmdfsim_pool_tag_string(ULONG tag, char out[5])
{
    /* Tags are multi-character constants stored little-endian: 'gaTx' prints as "xTag". */
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(tag >> (8 * i));
        out[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '.';
    }
    out[4] = '\0';
}

/* Finds or creates the per-tag record (records are never freed); NULL only if the host is out of memory. */
static pool_tag *tag_record(ULONG tag)
{
    pool_tag *record;
    if (g_last_tag != NULL && g_last_tag->tag == tag)
        return g_last_tag;
    HASH_FIND(hh, g_tags, &tag, sizeof(tag), record);
    if (record == NULL) {
        record = calloc(1, sizeof(*record));
        if (record == NULL)
            return NULL;
        record->tag = tag;
        HASH_ADD(hh, g_tags, tag, sizeof(record->tag), record);
    }
    g_last_tag = record;
    return record;
}

/* A block record from the free list or the heap. Lock held. */
static pool_block *record_get(void)
{
    pool_block *block = g_free_records;
    if (block != NULL) {
        g_free_records = block->next;
        return block;
    }
    return kmdfsim_mem_alloc(sizeof(pool_block));
}

static void record_put(pool_block *block)
{
    block->next = g_free_records;
    g_free_records = block;
}

/* Makes `block` live: the table and the end of the allocation-order list. Lock held; 0 without memory. */
static int block_link(pool_block *block)
{
    if (!kmdfsim_ptr_table_reserve(&g_blocks, 1, block_key))
        return 0;
    kmdfsim_ptr_table_put(&g_blocks, block, block_key(block));
    block->next = NULL;
    block->prev = g_last_block;
    if (g_last_block != NULL)
        g_last_block->next = block;
    else
        g_first_block = block;
    g_last_block = block;
    return 1;
}

static void block_unlink(pool_block *block)
{
    kmdfsim_ptr_table_remove(&g_blocks, block_key(block), block_key);
    if (block->prev != NULL)
        block->prev->next = block->next;
    else
        g_first_block = block->next;
    if (block->next != NULL)
        block->next->prev = block->prev;
    else
        g_last_block = block->prev;
}

static void stats_add(kmdfsim_pool_stats *stats, SIZE_T size)
{
    stats->allocations++;
    stats->live_allocations++;
    stats->live_bytes += size;
    if (stats->live_bytes > stats->peak_bytes)
        stats->peak_bytes = stats->live_bytes;
}

static void stats_remove(kmdfsim_pool_stats *stats, SIZE_T size)
{
    stats->frees++;
    stats->live_allocations--;
    stats->live_bytes -= size;
}

/* Consumes one step of the failure injection; TRUE means "fail this one". Lock held. */
static BOOLEAN injection_fires(ULONG tag)
{
    if (g_inject_countdown == (ULONG)-1 || (g_inject_tag != 0 && g_inject_tag != tag))
        return FALSE;
    if (g_inject_countdown > 0) {
        g_inject_countdown--;
        return FALSE;
    }
    g_inject_countdown = (ULONG)-1; /* one-shot */
    return TRUE;
}

static void record_failure(ULONG tag)
{
    g_total.failed++;
    pool_tag *record = tag_record(tag);
    if (record != NULL)
        record->stats.failed++;
}

/* The common allocator behind every ExAllocatePool* entry point. */
static PVOID pool_allocate(const char *where, BOOLEAN paged, SIZE_T size, ULONG tag, BOOLEAN zero)
{
    if (!kmdfsim_irql_check_max(paged ? APC_LEVEL : DISPATCH_LEVEL, where))
        return NULL;
    if (tag == 0)
        kmdfsim_verify_warn("POOL_ZERO_TAG", where, NULL, "allocation of %llu bytes with tag 0; give it a tag",
                            (unsigned long long)size);

    SIZE_T user_size = size == 0 ? 1 : size; /* a zero-byte request still gets a unique pointer */
    if (user_size > SIZE_MAX - POOL_ALIGNMENT - GUARD_SIZE) {
        kmdfsim_mutex_lock(pool_lock());
        record_failure(tag);
        kmdfsim_mutex_unlock(pool_lock());
        return NULL;
    }

    /* Filled before it is published: from then on another thread may (wrongly) free it. */
    unsigned char *raw = malloc(user_size + POOL_ALIGNMENT - 1 + GUARD_SIZE);
    unsigned char *user = NULL;
    if (raw != NULL) {
        user = (unsigned char *)(((uintptr_t)raw + POOL_ALIGNMENT - 1) & ~(uintptr_t)(POOL_ALIGNMENT - 1));
        memset(user, zero ? 0 : UNINITIALIZED_BYTE, user_size);
        memset(user + size, GUARD_BYTE, user_size - size + GUARD_SIZE);
    }
    kmdfsim_mutex_lock(pool_lock());
    BOOLEAN fail = injection_fires(tag);
    pool_block *block = NULL;
    if (!fail && raw != NULL) {
        block = record_get();
        if (block != NULL) {
            block->user = user;
            block->raw = raw;
            block->size = size;
            block->tag = tag;
            block->paged = paged;
            block->owner = t_owner;
            if (!block_link(block)) {
                record_put(block);
                block = NULL;
            }
        }
    }
    if (block == NULL) {
        record_failure(tag);
        kmdfsim_mutex_unlock(pool_lock());
        free(raw);
        return NULL;
    }
    stats_add(&g_total, size);
    pool_tag *record = tag_record(tag);
    if (record != NULL)
        stats_add(&record->stats, size);
    kmdfsim_mutex_unlock(pool_lock());
    return user;
}

/* Index of the first damaged guard byte after a block of `size` bytes at `user`, or -1 if intact. */
static long first_damaged_guard(const unsigned char *user, SIZE_T size)
{
    const unsigned char *guard = user + size;
    SIZE_T guard_len = (size == 0 ? 1 : size) - size + GUARD_SIZE;
    if (guard_len == GUARD_SIZE && memcmp(guard, g_guard, GUARD_SIZE) == 0)
        return -1; /* intact: the usual case */
    for (SIZE_T i = 0; i < guard_len; i++)
        if (guard[i] != GUARD_BYTE)
            return (long)i;
    return -1;
}

/* The common free behind ExFreePool and ExFreePoolWithTag; `check_tag` FALSE skips the tag test. */
static void pool_free(const char *where, PVOID p, BOOLEAN check_tag, ULONG tag)
{
    if (p == NULL) {
        kmdfsim_verify_fail("POOL_FREE_NULL", where, NULL, "freeing a NULL pointer");
        return;
    }
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, where))
        return;

    /* What the record says, copied out: the record goes back to the free list at once. */
    unsigned char *user = NULL;
    void *raw = NULL;
    SIZE_T size = 0;
    ULONG block_tag = 0;
    kmdfsim_mutex_lock(pool_lock());
    pool_block *block = kmdfsim_ptr_table_find(&g_blocks, (uintptr_t)p, block_key);
    if (block != NULL) {
        user = block->user;
        raw = block->raw;
        size = block->size;
        block_tag = block->tag;
        block_unlink(block);
        record_put(block);
        stats_remove(&g_total, size);
        pool_tag *record = tag_record(block_tag);
        if (record != NULL)
            stats_remove(&record->stats, size);
    }
    kmdfsim_mutex_unlock(pool_lock());

    if (block == NULL) {
        kmdfsim_verify_fail("POOL_INVALID_FREE", where, p,
                            "%p is not a live pool allocation (freed twice, or never allocated)", p);
        return;
    }
    if (check_tag && tag != block_tag) {
        char want[5], got[5];
        kmdfsim_pool_tag_string(block_tag, want);
        kmdfsim_pool_tag_string(tag, got);
        kmdfsim_verify_fail("POOL_TAG_MISMATCH", where, p, "block allocated with tag '%s' freed with tag '%s'", want,
                            got);
    }
    long damaged = first_damaged_guard(user, size);
    if (damaged >= 0) {
        char name[5];
        kmdfsim_pool_tag_string(block_tag, name);
        kmdfsim_verify_fail("POOL_OVERRUN", where, p,
                            "a write ran past the end of a %llu-byte block with tag '%s' (guard byte %ld changed)",
                            (unsigned long long)size, name, damaged);
    }
    memset(user, FREED_BYTE, size);
    free(raw);
}

/* Decodes POOL_FLAGS: TRUE and *paged set when exactly one pool kind is requested. */
static BOOLEAN decode_pool_flags(POOL_FLAGS flags, BOOLEAN *paged)
{
    const POOL_FLAGS kinds = POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED;
    const POOL_FLAGS known_required = POOL_FLAG_USE_QUOTA | POOL_FLAG_UNINITIALIZED | POOL_FLAG_SESSION |
                                      POOL_FLAG_CACHE_ALIGNED | POOL_FLAG_RAISE_ON_FAILURE | kinds;
    POOL_FLAGS kind = flags & kinds;
    if (kind != POOL_FLAG_NON_PAGED && kind != POOL_FLAG_NON_PAGED_EXECUTE && kind != POOL_FLAG_PAGED)
        return FALSE;
    if ((flags & (POOL_FLAG_REQUIRED_END | (POOL_FLAG_REQUIRED_END - 1)) & ~known_required) != 0)
        return FALSE;
    *paged = kind == POOL_FLAG_PAGED;
    return TRUE;
}

PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    BOOLEAN paged;
    if (!decode_pool_flags(Flags, &paged)) {
        kmdfsim_verify_fail("POOL_INVALID_FLAGS", "ExAllocatePool2", NULL,
                            "flags 0x%llX must name exactly one of POOL_FLAG_NON_PAGED, POOL_FLAG_NON_PAGED_EXECUTE "
                            "or POOL_FLAG_PAGED and no unknown required flag",
                            (unsigned long long)Flags);
        return NULL;
    }
    return pool_allocate("ExAllocatePool2", paged, NumberOfBytes, Tag, (Flags & POOL_FLAG_UNINITIALIZED) == 0);
}

/* TRUE for the paged pool types (PagedPool and its session/cache-aligned forms). */
static BOOLEAN pool_type_is_paged(POOL_TYPE type) { return ((ULONG)type & 1u) != 0; }

PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return pool_allocate("ExAllocatePoolWithTag", pool_type_is_paged(PoolType), NumberOfBytes, Tag, FALSE);
}

PVOID NTAPI ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return pool_allocate("ExAllocatePoolZero", pool_type_is_paged(PoolType), NumberOfBytes, Tag, TRUE);
}

PVOID NTAPI ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return pool_allocate("ExAllocatePoolUninitialized", pool_type_is_paged(PoolType), NumberOfBytes, Tag, FALSE);
}

VOID NTAPI ExFreePool(PVOID P) { pool_free("ExFreePool", P, FALSE, 0); }

VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag) { pool_free("ExFreePoolWithTag", P, TRUE, Tag); }

BOOLEAN kmdfsim_pool_tag_stats(ULONG tag, kmdfsim_pool_stats *stats)
{
    pool_tag *record;
    kmdfsim_mutex_lock(pool_lock());
    HASH_FIND(hh, g_tags, &tag, sizeof(tag), record);
    if (record != NULL)
        *stats = record->stats;
    else
        memset(stats, 0, sizeof(*stats));
    kmdfsim_mutex_unlock(pool_lock());
    return record != NULL;
}

void kmdfsim_pool_total_stats(kmdfsim_pool_stats *stats)
{
    kmdfsim_mutex_lock(pool_lock());
    *stats = g_total;
    kmdfsim_mutex_unlock(pool_lock());
}

void kmdfsim_pool_fail_after(ULONG tag, ULONG countdown)
{
    kmdfsim_mutex_lock(pool_lock());
    g_inject_tag = tag;
    g_inject_countdown = countdown;
    kmdfsim_mutex_unlock(pool_lock());
}

/* Reports live blocks; all of them when `any_owner`, else those of `owner`. Returns the count. */
static ULONG report_leaks(BOOLEAN any_owner, const void *owner)
{
    /* Snapshot first: the verifier handler runs without the pool lock held. */
    typedef struct {
        void *user;
        SIZE_T size;
        ULONG tag;
    } leak;
    leak *leaks = NULL;
    ULONG count = 0;

    kmdfsim_mutex_lock(pool_lock());
    ULONG live = (ULONG)g_blocks.count;
    if (live > 0)
        leaks = malloc(live * sizeof(*leaks));
    if (leaks != NULL) {
        for (pool_block *block = g_first_block; block != NULL; block = block->next) {
            if (!any_owner && block->owner != owner)
                continue;
            /* Reported once: the owner goes away, and its address may be reused by the next driver. */
            if (!any_owner)
                block->owner = NULL;
            leaks[count].user = block->user;
            leaks[count].size = block->size;
            leaks[count].tag = block->tag;
            count++;
        }
    }
    kmdfsim_mutex_unlock(pool_lock());

    for (ULONG i = 0; i < count; i++) {
        char name[5];
        kmdfsim_pool_tag_string(leaks[i].tag, name);
        kmdfsim_verify_fail("POOL_LEAK", "pool", leaks[i].user, "%llu bytes with tag '%s' were never freed",
                            (unsigned long long)leaks[i].size, name);
    }
    free(leaks);
    return count;
}

ULONG kmdfsim_pool_report_leaks(void) { return report_leaks(TRUE, NULL); }

ULONG kmdfsim_pool_report_leaks_of_owner(const void *owner) { return report_leaks(FALSE, owner); }
