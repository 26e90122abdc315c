/*
 * clock.c - KeQuerySystemTime and friends.
 *
 * System time comes from the host's wall clock unless a test froze it
 * (kmdfsim/clock.h): byte-exact WNODE comparisons need a fixed TimeStamp.
 * Interrupt time and the performance counter come from the monotonic clock.
 */
#include <kmdfsim/clock.h>
#include <ntddk.h>

#include "platform/platform.h"

/* Windows' usual clock tick, 15.625 ms, in 100-ns units. */
#define TIME_INCREMENT_100NS 156250u

static volatile int32_t g_frozen;
static volatile int64_t g_frozen_time;

void kmdfsim_clock_freeze(LONGLONG system_time)
{
    kmdfsim_atomic_store64(&g_frozen_time, system_time);
    kmdfsim_atomic_store32(&g_frozen, 1);
}

void kmdfsim_clock_unfreeze(void) { kmdfsim_atomic_store32(&g_frozen, 0); }

/* The frozen time if a test set one, else `now`. */
static LONGLONG system_time_or_frozen(int64_t (*now)(void))
{
    if (kmdfsim_atomic_load32(&g_frozen))
        return kmdfsim_atomic_load64(&g_frozen_time);
    return now();
}

/* Tick resolution, as on Windows (and much cheaper to read on virtual machines). */
VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = system_time_or_frozen(kmdfsim_system_time_coarse_100ns);
}

VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = system_time_or_frozen(kmdfsim_system_time_100ns);
}

ULONGLONG NTAPI KeQueryInterruptTime(VOID) { return kmdfsim_monotonic_ns() / 100u; }

LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
    LARGE_INTEGER now;
    if (PerformanceFrequency != NULL)
        PerformanceFrequency->QuadPart = 10000000; /* 100-ns ticks */
    now.QuadPart = (LONGLONG)(kmdfsim_monotonic_ns() / 100u);
    return now;
}

ULONG NTAPI KeQueryTimeIncrement(VOID) { return TIME_INCREMENT_100NS; }

VOID NTAPI KeQueryTickCount(PLARGE_INTEGER CurrentCount)
{
    CurrentCount->QuadPart = (LONGLONG)(KeQueryInterruptTime() / TIME_INCREMENT_100NS);
}
