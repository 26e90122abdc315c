/*
 * bench_client_none.c - stands in for bench_client.c when kmdfsim's wmium.h
 * client is not implemented (see bench/CMakeLists.txt): the client metrics
 * are reported as not measured, and the target still builds.
 */
#include "bench.h"

#include <math.h>

int bench_client_available(const char **note)
{
    *note = "kmdfsim's wmium.h client (WmiOpenBlock, WmiQuerySingleInstanceA, WmiQueryAllDataA, "
            "WmiNotificationRegistrationA) was not built into this library";
    return 0;
}

void bench_client_open(bench_fixture *fixture) { (void)fixture; }

void bench_client_close(bench_fixture *fixture) { (void)fixture; }

int bench_client_query_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    (void)context;
    (void)iters;
    (void)elapsed;
    return bench_fail("the client is not built in");
}

void *bench_client_alldata_prepare(bench_fixture *fixture)
{
    (void)fixture;
    return NULL;
}

int bench_client_alldata_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    return bench_client_query_body(context, iters, elapsed);
}

void bench_client_alldata_release(void *context) { (void)context; }

double bench_client_events(void) { return NAN; }
