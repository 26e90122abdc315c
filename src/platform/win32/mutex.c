/* Win32 mutex behind kmdfsim_mutex: a slim reader/writer lock used exclusively. */
#include "platform.h"

#include <windows.h>

_Static_assert(sizeof(SRWLOCK) <= sizeof(((kmdfsim_mutex *)0)->storage), "kmdfsim_mutex storage too small");

static SRWLOCK *native(kmdfsim_mutex *mutex) { return (SRWLOCK *)(void *)mutex->storage.bytes; }

void kmdfsim_mutex_init(kmdfsim_mutex *mutex) { InitializeSRWLock(native(mutex)); }
void kmdfsim_mutex_destroy(kmdfsim_mutex *mutex) { (void)mutex; /* SRW locks need no teardown */ }
void kmdfsim_mutex_lock(kmdfsim_mutex *mutex) { AcquireSRWLockExclusive(native(mutex)); }
int kmdfsim_mutex_trylock(kmdfsim_mutex *mutex) { return TryAcquireSRWLockExclusive(native(mutex)) != 0; }
void kmdfsim_mutex_unlock(kmdfsim_mutex *mutex) { ReleaseSRWLockExclusive(native(mutex)); }
