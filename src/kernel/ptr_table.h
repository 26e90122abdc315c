/*
 * kernel/ptr_table.h - a set of entry pointers found by a key, for
 * kmdfsim's internal lookup tables (object handles, context pointers, pool
 * blocks). Header-only: the key function is a constant at every call site,
 * so the compiler inlines it.
 *
 * Open addressing with linear probing over an array of entry pointers (one
 * pointer a slot, at most 3/4 full, shrunk below 1/8), keyed by a value the
 * key function reads from (or computes for) the entry. Keys are spread with
 * Fibonacci hashing, which keeps consecutive handles and neighbouring
 * addresses apart; removal shifts the following entries back, so there are
 * no tombstones. An entry must leave the table before it is freed. The
 * caller serializes all calls; the slot array comes from kernel/memory.h.
 */
#ifndef KMDFSIM_KERNEL_PTR_TABLE_H_
#define KMDFSIM_KERNEL_PTR_TABLE_H_

#include "kernel/memory.h"

#include <stddef.h>
#include <stdint.h>

typedef struct kmdfsim_ptr_table {
    void **slots;    /* NULL = empty */
    size_t capacity; /* 0, or a power of two */
    unsigned shift;  /* 64 - log2(capacity) */
    size_t count;
} kmdfsim_ptr_table;

typedef uintptr_t (*kmdfsim_ptr_table_key)(const void *entry);

#define KMDFSIM_PTR_TABLE_MIN_CAPACITY 64u

static inline size_t kmdfsim_ptr_table_home(const kmdfsim_ptr_table *t, uintptr_t key)
{
    /* Keys are handles and addresses: their low 4 bits carry no information. */
    return (size_t)(((uint64_t)(key >> 4) * UINT64_C(0x9E3779B97F4A7C15)) >> t->shift);
}

/* The entry with `key`, or NULL. */
static inline void *kmdfsim_ptr_table_find(const kmdfsim_ptr_table *t, uintptr_t key, kmdfsim_ptr_table_key key_of)
{
    if (t->capacity == 0)
        return NULL;
    size_t mask = t->capacity - 1;
    for (size_t i = kmdfsim_ptr_table_home(t, key);; i = (i + 1) & mask) {
        void *entry = t->slots[i];
        if (entry == NULL || key_of(entry) == key)
            return entry;
    }
}

/* Stores an entry whose key is absent; there must be room (kmdfsim_ptr_table_reserve). */
static inline void kmdfsim_ptr_table_put(kmdfsim_ptr_table *t, void *entry, uintptr_t key)
{
    size_t mask = t->capacity - 1;
    size_t i = kmdfsim_ptr_table_home(t, key);
    while (t->slots[i] != NULL)
        i = (i + 1) & mask;
    t->slots[i] = entry;
    t->count++;
}

static inline int kmdfsim_ptr_table_resize(kmdfsim_ptr_table *t, size_t capacity, kmdfsim_ptr_table_key key_of)
{
    kmdfsim_ptr_table fresh;
    fresh.slots = (void **)kmdfsim_mem_calloc(capacity, sizeof(void *));
    if (fresh.slots == NULL)
        return 0;
    fresh.capacity = capacity;
    fresh.shift = 64;
    for (size_t c = capacity; c > 1; c >>= 1)
        fresh.shift--;
    fresh.count = 0;
    for (size_t i = 0; i < t->capacity; i++)
        if (t->slots[i] != NULL)
            kmdfsim_ptr_table_put(&fresh, t->slots[i], key_of(t->slots[i]));
    kmdfsim_mem_free(t->slots, t->capacity * sizeof(void *));
    *t = fresh;
    return 1;
}

/* Makes room for `extra` more entries. 0 only when the host is out of memory and the table is full. */
static inline int kmdfsim_ptr_table_reserve(kmdfsim_ptr_table *t, size_t extra, kmdfsim_ptr_table_key key_of)
{
    size_t needed = t->count + extra;
    if (t->capacity != 0 && needed <= t->capacity / 4 * 3)
        return 1;
    size_t capacity = t->capacity != 0 ? t->capacity : KMDFSIM_PTR_TABLE_MIN_CAPACITY;
    while (needed > capacity / 4 * 3) {
        if (capacity > SIZE_MAX / 2 / sizeof(void *))
            return 0;
        capacity *= 2;
    }
    if (kmdfsim_ptr_table_resize(t, capacity, key_of))
        return 1;
    return needed < t->capacity; /* denser than planned, but probing still ends */
}

/* Removes the entry with `key`, if any. */
static inline void kmdfsim_ptr_table_remove(kmdfsim_ptr_table *t, uintptr_t key, kmdfsim_ptr_table_key key_of)
{
    if (t->capacity == 0)
        return;
    size_t mask = t->capacity - 1;
    size_t hole = kmdfsim_ptr_table_home(t, key);
    for (;; hole = (hole + 1) & mask) {
        if (t->slots[hole] == NULL)
            return;
        if (key_of(t->slots[hole]) == key)
            break;
    }
    for (size_t j = (hole + 1) & mask; t->slots[j] != NULL; j = (j + 1) & mask) {
        size_t home = kmdfsim_ptr_table_home(t, key_of(t->slots[j]));
        if (((j - home) & mask) >= ((j - hole) & mask)) { /* the hole lies on this entry's probe path */
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole] = NULL;
    t->count--;
    if (t->capacity > KMDFSIM_PTR_TABLE_MIN_CAPACITY && t->count < t->capacity / 8)
        (void)kmdfsim_ptr_table_resize(t, t->capacity / 2, key_of); /* keeping the bigger table is fine too */
}

#endif /* KMDFSIM_KERNEL_PTR_TABLE_H_ */
