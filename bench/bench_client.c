/*
 * bench_client.c - the metrics that go through kmdfsim's user-mode WMI
 * client (wmium.h), as a test suite's WMI consumer code would:
 *   1  WmiQuerySingleInstanceA round trip on a 64-byte block
 *   3  the same with 1 .. 100 000 instances and 1 .. 1 000 GUIDs
 *   4  WmiQueryAllDataA of 10 000 instances x 256 bytes
 *   7  WdfWmiInstanceFireEvent to a WmiNotificationRegistrationA callback
 */
#include "bench.h"

#include <wmium.h>

#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bench_client_available(const char **note)
{
    *note = NULL;
    return 1;
}

/* ---- Opening the targets' blocks ---------------------------------------- */

void bench_client_open(bench_fixture *fixture)
{
    for (ULONG t = 0; t < BENCH_TARGETS; t++) {
        bench_target *target = &fixture->targets[t];
        WMIHANDLE handle = NULL;
        ULONG rc = WmiOpenBlock(&target->guid, WMIGUID_QUERY, &handle);
        if (rc != ERROR_SUCCESS)
            bench_die("WmiOpenBlock(%s): error %lu", target->name, (unsigned long)rc);
        target->block = handle;
    }
}

void bench_client_close(bench_fixture *fixture)
{
    for (ULONG t = 0; t < BENCH_TARGETS; t++) {
        ULONG rc = WmiCloseBlock(fixture->targets[t].block);
        if (rc != ERROR_SUCCESS)
            bench_die("WmiCloseBlock: error %lu", (unsigned long)rc);
        fixture->targets[t].block = NULL;
    }
}

/* ---- 1 and 3: WmiQuerySingleInstanceA ------------------------------------ */

typedef union reply_buffer {
    UCHAR bytes[512];
    ULONGLONG align;
} reply_buffer;

int bench_client_query_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    bench_target *targets = context;
    reply_buffer reply;
    const WNODE_SINGLE_INSTANCE *wnode = (const WNODE_SINGLE_INSTANCE *)(const void *)reply.bytes;
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        bench_target *target = &targets[i & (BENCH_TARGETS - 1)];
        ULONG size = sizeof(reply.bytes);
        ULONGLONG sequence = BenchConfig.Sequence;
        ULONG rc = WmiQuerySingleInstanceA(target->block, target->name, &size, reply.bytes);
        if (rc != ERROR_SUCCESS)
            return bench_fail("WmiQuerySingleInstanceA(%s) %llu: error %lu", target->name, (unsigned long long)i,
                              (unsigned long)rc);
        ULONG offset = wnode->DataBlockOffset;
        if (wnode->SizeDataBlock != BENCH_QUERY_BLOCK || offset > size || size - offset < BENCH_QUERY_BLOCK ||
            !bench_block_ok(reply.bytes + offset, BENCH_QUERY_BLOCK, sequence, target->instance))
            return bench_fail("WmiQuerySingleInstanceA(%s) %llu: wrong answer (%lu bytes at %lu of %lu)", target->name,
                              (unsigned long long)i, (unsigned long)wnode->SizeDataBlock, (unsigned long)offset,
                              (unsigned long)size);
    }
    *elapsed = bench_now_ns() - start;
    return 1;
}

/* ---- 4: WmiQueryAllDataA ----------------------------------------------- */

typedef struct alldata_context {
    bench_fixture *fixture;
    UCHAR *buffer;
    ULONG size;
} alldata_context;

int bench_client_alldata_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    alldata_context *c = context;
    uint64_t total = 0;
    for (uint64_t i = 0; i < iters; i++) {
        ULONG size = c->size;
        ULONGLONG sequence = BenchConfig.Sequence;
        uint64_t start = bench_now_ns();
        ULONG rc = WmiQueryAllDataA(c->fixture->targets[0].block, &size, c->buffer);
        total += bench_now_ns() - start;
        if (rc != ERROR_SUCCESS)
            return bench_fail("WmiQueryAllDataA: error %lu (size %lu)", (unsigned long)rc, (unsigned long)size);
        const WNODE_ALL_DATA *wnode = (const WNODE_ALL_DATA *)(const void *)c->buffer;
        if (wnode->WnodeHeader.Linkage != 0 || wnode->WnodeHeader.BufferSize > size)
            return bench_fail("WmiQueryAllDataA: one WNODE_ALL_DATA expected (Linkage %lu, BufferSize %lu of %lu)",
                              (unsigned long)wnode->WnodeHeader.Linkage, (unsigned long)wnode->WnodeHeader.BufferSize,
                              (unsigned long)size);
        if (!bench_check_all_data(c->buffer, wnode->WnodeHeader.BufferSize, sequence, c->fixture->instances,
                                  BENCH_ALLDATA_INSTANCES, BENCH_ALLDATA_BLOCK))
            return 0;
    }
    *elapsed = total;
    return 1;
}

/* ---- 7: events ------------------------------------------------------------ */

typedef struct event_sink {
    GUID guid;
    volatile int64_t delivered;
    ULONGLONG expected;   /* sequence number of the next event */
    ULONG errors;
    char first_error[160];
} event_sink;

static event_sink g_sink;

static VOID WMIAPI event_callback(PWNODE_HEADER wnode, UINT_PTR context)
{
    event_sink *sink = (event_sink *)context;
    const WNODE_SINGLE_INSTANCE *event = (const WNODE_SINGLE_INSTANCE *)(const void *)wnode;
    ULONGLONG sequence = 0;
    const char *problem = NULL;
    if (memcmp(&wnode->Guid, &sink->guid, sizeof(GUID)) != 0)
        problem = "wrong GUID";
    else if ((wnode->Flags & WNODE_FLAG_EVENT_ITEM) == 0 || (wnode->Flags & WNODE_FLAG_SINGLE_INSTANCE) == 0)
        problem = "not a single-instance event";
    else if (event->SizeDataBlock != BENCH_EVENT_SIZE || event->DataBlockOffset > wnode->BufferSize ||
             wnode->BufferSize - event->DataBlockOffset < BENCH_EVENT_SIZE)
        problem = "wrong data size";
    else {
        const UCHAR *data = (const UCHAR *)wnode + event->DataBlockOffset;
        memcpy(&sequence, data, sizeof(sequence));
        if (sequence != sink->expected)
            problem = "out of order or lost";
        else if (data[BENCH_EVENT_SIZE - 1] != BENCH_PATTERN(BENCH_EVENT_SIZE - 1))
            problem = "wrong payload";
    }
    if (problem != NULL && sink->errors++ == 0)
        snprintf(sink->first_error, sizeof(sink->first_error), "event %llu: %s", (unsigned long long)sink->expected,
                 problem);
    sink->expected++;
    kmdfsim_atomic_add64(&sink->delivered, 1);
}

typedef struct event_context {
    WDFWMIINSTANCE instance;
    ULONGLONG next;
} event_context;

static int event_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    event_context *c = context;
    int64_t before = kmdfsim_atomic_load64(&g_sink.delivered);
    g_sink.expected = c->next;
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NTSTATUS status = BenchFireEvent(c->instance, c->next++, BENCH_EVENT_SIZE);
        if (status != STATUS_SUCCESS)
            return bench_fail("WdfWmiInstanceFireEvent %llu: %s", (unsigned long long)i, kmdfsim_status_name(status));
    }
    /* Delivery may be asynchronous: the time runs until the last event reached the callback. */
    uint64_t waited = 0;
    while ((uint64_t)(kmdfsim_atomic_load64(&g_sink.delivered) - before) < iters && waited < 5000) {
        kmdfsim_sleep_ms(1);
        waited++;
    }
    *elapsed = bench_now_ns() - start;
    if (g_sink.errors != 0)
        return bench_fail("%lu wrong event(s); first: %s", (unsigned long)g_sink.errors, g_sink.first_error);
    if ((uint64_t)(kmdfsim_atomic_load64(&g_sink.delivered) - before) != iters)
        return bench_fail("%llu events fired, %lld delivered", (unsigned long long)iters,
                          (long long)(kmdfsim_atomic_load64(&g_sink.delivered) - before));
    return 1;
}

/* ---- Preparing the measurements ------------------------------------------ */

void *bench_client_alldata_prepare(bench_fixture *fixture)
{
    alldata_context *a = calloc(1, sizeof(*a));
    ULONG needed = 0;
    if (a == NULL)
        bench_die("out of memory");
    ULONG rc = WmiQueryAllDataA(fixture->targets[0].block, &needed, NULL);
    if (rc != ERROR_INSUFFICIENT_BUFFER || needed == 0)
        bench_die("WmiQueryAllDataA size probe: error %lu, size %lu", (unsigned long)rc, (unsigned long)needed);
    a->fixture = fixture;
    a->size = needed;
    a->buffer = calloc(1, needed);
    if (a->buffer == NULL)
        bench_die("out of memory");
    return a;
}

void bench_client_alldata_release(void *context)
{
    alldata_context *a = context;
    free(a->buffer);
    free(a);
}

double bench_client_events(void)
{
    bench_fixture fixture;
    event_context e;
    NOTIFICATIONCALLBACK callback = event_callback;
    PVOID delivery;
    memcpy(&delivery, &callback, sizeof(delivery));

    bench_fixture_setup(&fixture, 1, 1, BENCH_QUERY_BLOCK, TRUE);
    memset(&g_sink, 0, sizeof(g_sink));
    g_sink.guid = fixture.targets[0].guid;
    ULONG rc = WmiNotificationRegistrationA(&g_sink.guid, TRUE, delivery, (ULONG_PTR)&g_sink,
                                            NOTIFICATION_CALLBACK_DIRECT);
    if (rc != ERROR_SUCCESS)
        bench_die("WmiNotificationRegistrationA: error %lu", (unsigned long)rc);
    e.instance = fixture.targets[0].instance;
    e.next = 1;
    double ns = bench_measure("WdfWmiInstanceFireEvent -> callback", event_body, &e);
    rc = WmiNotificationRegistrationA(&g_sink.guid, FALSE, delivery, (ULONG_PTR)&g_sink, NOTIFICATION_CALLBACK_DIRECT);
    if (rc != ERROR_SUCCESS)
        bench_die("WmiNotificationRegistrationA(disable): error %lu", (unsigned long)rc);
    bench_fixture_teardown(&fixture);
    return ns;
}
