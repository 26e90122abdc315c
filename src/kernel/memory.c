/*
 * memory.c - the counted heap behind kernel/memory.h.
 *
 * Four process-wide counters updated with atomic adds; no lock, no header
 * per block. peak_bytes is raised with a compare-and-swap loop that only
 * runs when a new peak is reached.
 */
#include "kernel/memory.h"

#include "platform/platform.h"

#include <stdlib.h>

static volatile int64_t g_live_bytes;
static volatile int64_t g_live_blocks;
static volatile int64_t g_peak_bytes;
static volatile int64_t g_allocations;

static void raise_peak(int64_t live)
{
    int64_t peak = kmdfsim_atomic_load64(&g_peak_bytes);
    while (live > peak) {
#if defined(__GNUC__) || defined(__clang__)
        if (__atomic_compare_exchange_n(&g_peak_bytes, &peak, live, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
#else
        kmdfsim_atomic_store64(&g_peak_bytes, live); /* approximate without a 64-bit CAS */
        return;
#endif
    }
}

static void count_alloc(size_t size)
{
    int64_t live = kmdfsim_atomic_add64(&g_live_bytes, (int64_t)size);
    kmdfsim_atomic_add64(&g_live_blocks, 1);
    kmdfsim_atomic_add64(&g_allocations, 1);
    if (live > kmdfsim_atomic_load64(&g_peak_bytes))
        raise_peak(live);
}

static void count_free(size_t size)
{
    kmdfsim_atomic_add64(&g_live_bytes, -(int64_t)size);
    kmdfsim_atomic_add64(&g_live_blocks, -1);
}

void *kmdfsim_mem_alloc(size_t size)
{
    void *block = malloc(size);
    if (block != NULL)
        count_alloc(size);
    return block;
}

void *kmdfsim_mem_calloc(size_t count, size_t size)
{
    void *block = calloc(count, size);
    if (block != NULL)
        count_alloc(count * size); /* calloc checked the product */
    return block;
}

void *kmdfsim_mem_realloc(void *block, size_t old_size, size_t new_size)
{
    void *grown = realloc(block, new_size);
    if (grown == NULL && new_size != 0)
        return NULL;
    if (block != NULL)
        count_free(old_size);
    if (grown != NULL)
        count_alloc(new_size);
    return grown;
}

void kmdfsim_mem_free(void *block, size_t size)
{
    if (block == NULL)
        return;
    count_free(size);
    free(block);
}

void kmdfsim_mem_get_stats(kmdfsim_mem_stats *stats)
{
    stats->live_bytes = (uint64_t)kmdfsim_atomic_load64(&g_live_bytes);
    stats->live_blocks = (uint64_t)kmdfsim_atomic_load64(&g_live_blocks);
    stats->peak_bytes = (uint64_t)kmdfsim_atomic_load64(&g_peak_bytes);
    stats->allocations = (uint64_t)kmdfsim_atomic_load64(&g_allocations);
}

void *kmdfsim_spare_get(kmdfsim_spare_buffer *spare, size_t size, size_t *allocated)
{
    void *buffer = NULL;
    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&spare->lock);
    kmdfsim_mutex_lock(lock);
    if (spare->buffer != NULL && spare->size >= size) {
        buffer = spare->buffer;
        *allocated = spare->size;
        spare->buffer = NULL;
        spare->size = 0;
    }
    kmdfsim_mutex_unlock(lock);
    if (buffer == NULL) {
        buffer = kmdfsim_mem_alloc(size);
        *allocated = size;
    }
    return buffer;
}

void kmdfsim_spare_put(kmdfsim_spare_buffer *spare, void *buffer, size_t allocated)
{
    if (buffer == NULL)
        return;
    if (allocated <= KMDFSIM_SPARE_LIMIT) {
        kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&spare->lock);
        kmdfsim_mutex_lock(lock);
        if (spare->buffer == NULL || spare->size < allocated) {
            void *old = spare->buffer;
            size_t old_size = spare->size;
            spare->buffer = buffer;
            spare->size = allocated;
            buffer = old;
            allocated = old_size;
        }
        kmdfsim_mutex_unlock(lock);
    }
    kmdfsim_mem_free(buffer, allocated);
}
