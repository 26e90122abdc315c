/*
 * kmdfsim/pool.h - observing the simulated kernel pool.
 *
 * Every ExAllocatePool* allocation is tracked with its tag, size and pool
 * type. Tests query the counters to assert that a code path freed what it
 * allocated, and can make allocations fail on purpose to drive a driver's
 * STATUS_INSUFFICIENT_RESOURCES paths.
 */
#ifndef KMDFSIM_POOL_H_
#define KMDFSIM_POOL_H_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kmdfsim_pool_stats {
    ULONGLONG allocations;      /* successful allocations so far */
    ULONGLONG frees;            /* frees so far */
    ULONGLONG failed;           /* allocations that returned NULL (injected or invalid) */
    ULONGLONG live_allocations; /* allocations not yet freed */
    ULONGLONG live_bytes;       /* bytes in those allocations */
    ULONGLONG peak_bytes;       /* highest live_bytes seen */
} kmdfsim_pool_stats;

/* Counters for one tag (the ULONG a driver writes as 'gaTx'). Returns FALSE for a tag never used. */
BOOLEAN kmdfsim_pool_tag_stats(ULONG tag, kmdfsim_pool_stats *stats);

/* Counters over all tags. */
void kmdfsim_pool_total_stats(kmdfsim_pool_stats *stats);

/*
 * Reports every live allocation through the verifier (rule "POOL_LEAK", one
 * report per allocation, with tag and size) and returns how many there were.
 * The allocations stay live.
 */
ULONG kmdfsim_pool_report_leaks(void);

/*
 * Makes an allocation fail: after `countdown` more successful allocations
 * with `tag` (0 means any tag), the next one returns NULL. A countdown of
 * (ULONG)-1 disarms the injection.
 */
void kmdfsim_pool_fail_after(ULONG tag, ULONG countdown);

/* Formats a tag as its four characters, the way the kernel debugger prints it ("Txag" for 'gaxT'). */
void kmdfsim_pool_tag_string(ULONG tag, char out[5]);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_POOL_H_ */
