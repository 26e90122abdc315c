/* POSIX condition variable behind kmdfsim_cond, timed on CLOCK_MONOTONIC. */
#include "platform.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

_Static_assert(sizeof(pthread_cond_t) <= sizeof(((kmdfsim_cond *)0)->storage), "kmdfsim_cond storage too small");

static pthread_cond_t *native(kmdfsim_cond *cond) { return (pthread_cond_t *)(void *)cond->storage.bytes; }
static pthread_mutex_t *native_mutex(kmdfsim_mutex *mutex) { return (pthread_mutex_t *)(void *)mutex->storage.bytes; }

static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "kmdfsim: %s failed (error %d)\n", what, rc);
        abort();
    }
}

void kmdfsim_cond_init(kmdfsim_cond *cond)
{
    pthread_condattr_t attr;
    check(pthread_condattr_init(&attr), "pthread_condattr_init");
    /* Timeouts are relative; a wall-clock jump must not stretch them. */
    check(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), "pthread_condattr_setclock");
    check(pthread_cond_init(native(cond), &attr), "pthread_cond_init");
    pthread_condattr_destroy(&attr);
}

void kmdfsim_cond_destroy(kmdfsim_cond *cond) { check(pthread_cond_destroy(native(cond)), "pthread_cond_destroy"); }
void kmdfsim_cond_wait(kmdfsim_cond *cond, kmdfsim_mutex *mutex)
{
    check(pthread_cond_wait(native(cond), native_mutex(mutex)), "pthread_cond_wait");
}

int kmdfsim_cond_timedwait(kmdfsim_cond *cond, kmdfsim_mutex *mutex, uint64_t timeout_ns)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    uint64_t nsec = (uint64_t)deadline.tv_nsec + timeout_ns % 1000000000u;
    deadline.tv_sec += (time_t)(timeout_ns / 1000000000u + nsec / 1000000000u);
    deadline.tv_nsec = (long)(nsec % 1000000000u);
    int rc = pthread_cond_timedwait(native(cond), native_mutex(mutex), &deadline);
    if (rc == ETIMEDOUT)
        return 0;
    check(rc, "pthread_cond_timedwait");
    return 1;
}

void kmdfsim_cond_signal(kmdfsim_cond *cond) { check(pthread_cond_signal(native(cond)), "pthread_cond_signal"); }
void kmdfsim_cond_broadcast(kmdfsim_cond *cond) { check(pthread_cond_broadcast(native(cond)), "pthread_cond_broadcast"); }
