/* POSIX threads behind kmdfsim_thread. */
#include "platform.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

_Static_assert(sizeof(pthread_t) <= sizeof(((kmdfsim_thread *)0)->storage), "kmdfsim_thread storage too small");

struct start_block {
    kmdfsim_thread_fn fn;
    void *arg;
};

static void *trampoline(void *p)
{
    struct start_block block = *(struct start_block *)p;
    free(p);
    block.fn(block.arg);
    return NULL;
}

int kmdfsim_thread_create(kmdfsim_thread *thread, kmdfsim_thread_fn fn, void *arg)
{
    struct start_block *block = malloc(sizeof(*block));
    if (block == NULL)
        return -1;
    block->fn = fn;
    block->arg = arg;
    if (pthread_create((pthread_t *)(void *)thread->storage.bytes, NULL, trampoline, block) != 0) {
        free(block);
        return -1;
    }
    return 0;
}

void kmdfsim_thread_join(kmdfsim_thread *thread) { pthread_join(*(pthread_t *)(void *)thread->storage.bytes, NULL); }

/* Thread ids are handed out on first use, so they stay small and readable. */
uint64_t kmdfsim_thread_self_id(void)
{
    static uint64_t next_id;
    static KMDFSIM_THREAD_LOCAL uint64_t self_id;
    if (self_id == 0)
        self_id = __atomic_add_fetch(&next_id, 1, __ATOMIC_SEQ_CST);
    return self_id;
}

void kmdfsim_sleep_ms(uint32_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}
