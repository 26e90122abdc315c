/* POSIX mutex behind kmdfsim_mutex. */
#include "platform.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(((kmdfsim_mutex *)0)->storage), "kmdfsim_mutex storage too small");

static pthread_mutex_t *native(kmdfsim_mutex *mutex) { return (pthread_mutex_t *)(void *)mutex->storage.bytes; }

/* A failing pthread call means corrupted state: stop loudly, never limp on. */
static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "kmdfsim: %s failed (error %d)\n", what, rc);
        abort();
    }
}

void kmdfsim_mutex_init(kmdfsim_mutex *mutex) { check(pthread_mutex_init(native(mutex), NULL), "pthread_mutex_init"); }
void kmdfsim_mutex_destroy(kmdfsim_mutex *mutex) { check(pthread_mutex_destroy(native(mutex)), "pthread_mutex_destroy"); }
void kmdfsim_mutex_lock(kmdfsim_mutex *mutex) { check(pthread_mutex_lock(native(mutex)), "pthread_mutex_lock"); }
int kmdfsim_mutex_trylock(kmdfsim_mutex *mutex) { return pthread_mutex_trylock(native(mutex)) == 0; }
void kmdfsim_mutex_unlock(kmdfsim_mutex *mutex) { check(pthread_mutex_unlock(native(mutex)), "pthread_mutex_unlock"); }
