/* Win32 condition variable behind kmdfsim_cond, paired with the SRW-lock mutex. */
#include "platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

_Static_assert(sizeof(CONDITION_VARIABLE) <= sizeof(((kmdfsim_cond *)0)->storage), "kmdfsim_cond storage too small");

static CONDITION_VARIABLE *native(kmdfsim_cond *cond) { return (CONDITION_VARIABLE *)(void *)cond->storage.bytes; }
static SRWLOCK *native_mutex(kmdfsim_mutex *mutex) { return (SRWLOCK *)(void *)mutex->storage.bytes; }

void kmdfsim_cond_init(kmdfsim_cond *cond) { InitializeConditionVariable(native(cond)); }
void kmdfsim_cond_destroy(kmdfsim_cond *cond) { (void)cond; }

void kmdfsim_cond_wait(kmdfsim_cond *cond, kmdfsim_mutex *mutex)
{
    if (!SleepConditionVariableSRW(native(cond), native_mutex(mutex), INFINITE, 0)) {
        fprintf(stderr, "kmdfsim: SleepConditionVariableSRW failed (error %lu)\n", GetLastError());
        abort();
    }
}

int kmdfsim_cond_timedwait(kmdfsim_cond *cond, kmdfsim_mutex *mutex, uint64_t timeout_ns)
{
    /* Round up so a short timeout never becomes a zero-length poll. */
    uint64_t ms = (timeout_ns + 999999u) / 1000000u;
    if (ms >= INFINITE)
        ms = INFINITE - 1;
    if (SleepConditionVariableSRW(native(cond), native_mutex(mutex), (DWORD)ms, 0))
        return 1;
    if (GetLastError() == ERROR_TIMEOUT)
        return 0;
    fprintf(stderr, "kmdfsim: SleepConditionVariableSRW failed (error %lu)\n", GetLastError());
    abort();
}

void kmdfsim_cond_signal(kmdfsim_cond *cond) { WakeConditionVariable(native(cond)); }
void kmdfsim_cond_broadcast(kmdfsim_cond *cond) { WakeAllConditionVariable(native(cond)); }
