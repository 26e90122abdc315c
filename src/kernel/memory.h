/*
 * kernel/memory.h - kmdfsim's own heap allocations, counted.
 *
 * The framework's allocations for its objects go through these wrappers
 * instead of plain malloc/calloc/realloc/free: framework objects and their
 * contexts, the handle and context tables, the pool's block records and
 * table, the WMI handlers, providers' instance arrays, large request
 * copies and the reused buffers below. So kmdfsim can say how much memory it keeps per object: the live
 * byte count is what the benchmark reports as the emulator's memory per
 * registered instance. Not counted: driver memory (the pool's blocks
 * themselves, kmdfsim/pool.h), and the harness's per-device records and
 * the simulated WMI kernel's (src/device, src/client), which do not grow
 * with the number of instances.
 *
 * Frees are sized: the caller passes the size it allocated, so counting
 * costs no header per block. The figures are bytes requested; the host
 * allocator's own per-block overhead is not included.
 */
#ifndef KMDFSIM_KERNEL_MEMORY_H_
#define KMDFSIM_KERNEL_MEMORY_H_

#include <stddef.h>
#include <stdint.h>

#include "platform/platform.h"

/* malloc/calloc/realloc with the same results and alignment; NULL when memory runs out. */
void *kmdfsim_mem_alloc(size_t size);
void *kmdfsim_mem_calloc(size_t count, size_t size);
/* `old_size` is what `block` was allocated with (0 for NULL). On failure `block` is untouched. */
void *kmdfsim_mem_realloc(void *block, size_t old_size, size_t new_size);
/* `size` is what `block` was allocated with; NULL is ignored. */
void kmdfsim_mem_free(void *block, size_t size);

typedef struct kmdfsim_mem_stats {
    uint64_t live_bytes;  /* bytes allocated and not yet freed */
    uint64_t live_blocks; /* blocks allocated and not yet freed */
    uint64_t peak_bytes;  /* highest live_bytes seen (approximate under concurrency) */
    uint64_t allocations; /* successful allocations so far (a realloc counts as one) */
} kmdfsim_mem_stats;

/* A snapshot of the counters (process-wide, all threads). */
void kmdfsim_mem_get_stats(kmdfsim_mem_stats *stats);

/*
 * A large buffer kept for reuse: the largest one given back (up to
 * KMDFSIM_SPARE_LIMIT bytes) is handed out again to the next request that
 * fits in it, so that a test querying big blocks over and over does not have
 * the host map and fault in fresh pages every time. Zero-initialised static
 * storage is ready to use; any thread may get and put.
 */
#define KMDFSIM_SPARE_LIMIT ((size_t)64 << 20)

typedef struct kmdfsim_spare_buffer {
    kmdfsim_static_mutex lock;
    void *buffer;
    size_t size;
} kmdfsim_spare_buffer;

/* A buffer of at least `size` bytes (the spare, or a new one); *allocated receives its real size. NULL without memory. */
void *kmdfsim_spare_get(kmdfsim_spare_buffer *spare, size_t size, size_t *allocated);
/* Gives `buffer` (`allocated` bytes; NULL: nothing) back: kept when larger than the spare held, else freed. */
void kmdfsim_spare_put(kmdfsim_spare_buffer *spare, void *buffer, size_t allocated);

#endif /* KMDFSIM_KERNEL_MEMORY_H_ */
