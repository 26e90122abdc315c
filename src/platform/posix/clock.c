/* POSIX clocks: monotonic for timeouts, realtime for KeQuerySystemTime. */
#include "platform.h"

#include <time.h>

/* Seconds between 1601-01-01 (the Windows epoch) and 1970-01-01. */
#define EPOCH_DIFFERENCE_SECONDS 11644473600LL

uint64_t kmdfsim_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t kmdfsim_system_time_100ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((int64_t)ts.tv_sec + EPOCH_DIFFERENCE_SECONDS) * 10000000 + ts.tv_nsec / 100;
}

int64_t kmdfsim_system_time_coarse_100ns(void)
{
#ifdef CLOCK_REALTIME_COARSE
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME_COARSE, &ts) == 0)
        return ((int64_t)ts.tv_sec + EPOCH_DIFFERENCE_SECONDS) * 10000000 + ts.tv_nsec / 100;
#endif
    return kmdfsim_system_time_100ns();
}
