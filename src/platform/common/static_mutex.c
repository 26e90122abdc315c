/* Lazily initialized static mutexes, built on the platform mutex and atomics. */
#include "platform.h"

kmdfsim_mutex *kmdfsim_static_mutex_setup(kmdfsim_static_mutex *m)
{
    if (kmdfsim_atomic_load32(&m->state) != 2) {
        if (kmdfsim_atomic_cas32(&m->state, 0, 1)) {
            kmdfsim_mutex_init(&m->mutex);
            kmdfsim_atomic_store32(&m->state, 2);
        } else {
            /* Another thread is initializing; it takes microseconds. */
            while (kmdfsim_atomic_load32(&m->state) != 2)
                kmdfsim_sleep_ms(0);
        }
    }
    return &m->mutex;
}
