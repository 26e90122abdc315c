/* Win32 clocks: QueryPerformanceCounter for timeouts, FILETIME for system time. */
#include "platform.h"

#include <windows.h>

uint64_t kmdfsim_monotonic_ns(void)
{
    static LARGE_INTEGER frequency;
    LARGE_INTEGER now;
    if (frequency.QuadPart == 0)
        QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&now);
    uint64_t ticks = (uint64_t)now.QuadPart;
    uint64_t freq = (uint64_t)frequency.QuadPart;
    /* Split to avoid overflowing ticks * 1e9. */
    return ticks / freq * 1000000000u + ticks % freq * 1000000000u / freq;
}

int64_t kmdfsim_system_time_100ns(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft); /* already 100-ns units since 1601 */
    return (int64_t)(((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime);
}

/* GetSystemTimeAsFileTime is already tick-based and cheap. */
int64_t kmdfsim_system_time_coarse_100ns(void) { return kmdfsim_system_time_100ns(); }
