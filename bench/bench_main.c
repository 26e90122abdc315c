/*
 * bench_main.c - kmdfsim_bench: how much time and memory kmdfsim adds to a
 * driver test suite, against a hand-written mock (the query callback called
 * directly) and against the machine's limit (memcpy).
 *
 *   kmdfsim_bench [--json] [--reps N] [--quick] [--quiet] [--cpu-time] [--only GROUP]
 *
 * Prints a table; with --json the last line is one JSON object with every
 * figure. A wrong answer from any timed operation stops the run with exit
 * status 2; a missed target does not (the table says which). Progress goes
 * to stderr. --only runs one group (single, scaling, alldata, fixture,
 * memory, events), for profiling; --cpu-time times with the thread's CPU
 * time, for a machine that other work is running on.
 */
#include "bench.h"

#include "kernel/memory.h"
#include "platform/platform.h"
#include "wmi/wmi_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef KMDFSIM_BENCH_BUILD_TYPE
#define KMDFSIM_BENCH_BUILD_TYPE "unknown"
#endif

const ULONG bench_instance_sizes[BENCH_INSTANCE_SIZES] = {1, 100, 10000, 100000};
const ULONG bench_guid_counts[BENCH_GUID_COUNTS] = {1, 100, 1000};

/* ---- Harness ------------------------------------------------------------ */

static int g_reps = 7;
static uint64_t g_target_ns = 25000000; /* per repetition */
static int g_quiet;
static char g_failure[512];
static const char *g_only; /* --only: run one group (for profiling) */

/* Does --only let the group `name` run (all groups run without it)? */
static int bench_selected(const char *name) { return g_only == NULL || strcmp(g_only, name) == 0; }

static int g_cpu_time; /* --cpu-time: this thread's CPU time instead of the monotonic clock */

uint64_t bench_now_ns(void)
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    if (g_cpu_time) {
        struct timespec ts;
        if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
            return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    }
#endif
    return kmdfsim_monotonic_ns();
}

int bench_fail(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(g_failure, sizeof(g_failure), format, args);
    va_end(args);
    return 0;
}

void bench_die(const char *format, ...)
{
    va_list args;
    fprintf(stderr, "kmdfsim_bench: FAILED: ");
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, "\n");
    exit(2);
}

void bench_progress(const char *format, ...)
{
    va_list args;
    if (g_quiet)
        return;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fflush(stderr);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

static void run_body(const char *what, bench_body body, void *context, uint64_t iters, uint64_t *elapsed)
{
    g_failure[0] = '\0';
    if (!body(context, iters, elapsed))
        bench_die("%s: wrong answer: %s", what, g_failure[0] != '\0' ? g_failure : "(no detail)");
}

void bench_case_init(bench_case *c, const char *what, bench_body body, void *context)
{
    memset(c, 0, sizeof(*c));
    c->what = what;
    c->body = body;
    c->context = context;
    c->median = NAN;
}

void bench_case_calibrate(bench_case *c)
{
    /* Warm-up (a first call pays for cold caches, page faults and lazy binding), then calibration:
       grow the count until one run lasts a quarter of the target. */
    uint64_t iters = 1, elapsed = 0;
    run_body(c->what, c->body, c->context, 1, &elapsed);
    for (;;) {
        run_body(c->what, c->body, c->context, iters, &elapsed);
        if (elapsed >= g_target_ns / 4 || iters >= ((uint64_t)1 << 40))
            break;
        uint64_t factor = elapsed == 0 ? 16 : (g_target_ns / 4) / elapsed + 1;
        if (factor < 2)
            factor = 2;
        if (factor > 16)
            factor = 16;
        iters *= factor;
    }
    double per_op = (double)elapsed / (double)iters;
    c->count = (uint64_t)((double)g_target_ns / (per_op > 0 ? per_op : 1));
    if (c->count < 1)
        c->count = 1;
}

void bench_case_warm_up(bench_case *c)
{
    uint64_t elapsed;
    run_body(c->what, c->body, c->context, c->count / 8 + 1, &elapsed);
}

void bench_case_run(bench_case *c, int repetition)
{
    uint64_t elapsed;
    run_body(c->what, c->body, c->context, c->count, &elapsed);
    c->samples[repetition] = (double)elapsed / (double)c->count;
}

void bench_case_finish(bench_case *c)
{
    double sorted[MAX_REPS];
    memcpy(sorted, c->samples, sizeof(double) * (size_t)g_reps);
    qsort(sorted, (size_t)g_reps, sizeof(sorted[0]), compare_doubles);
    c->median = sorted[g_reps / 2];
    bench_progress("  %-58s %12.1f ns/op  (%llu ops x %d, spread %.1f-%.1f)\n", c->what, c->median,
                   (unsigned long long)c->count, g_reps, sorted[0], sorted[g_reps - 1]);
}

int bench_repetitions(void) { return g_reps; }

void bench_measure_cases(bench_case *cases, int n)
{
    for (int i = 0; i < n; i++)
        bench_case_calibrate(&cases[i]);
    /* Round-robin: a change in the machine's load hits all cases alike, not one of a ratio's terms. */
    for (int r = 0; r < g_reps; r++)
        for (int i = 0; i < n; i++) {
            bench_case_warm_up(&cases[i]);
            bench_case_run(&cases[i], r);
        }
    for (int i = 0; i < n; i++)
        bench_case_finish(&cases[i]);
}

double bench_measure(const char *what, bench_body body, void *context)
{
    bench_case c;
    bench_case_init(&c, what, body, context);
    bench_measure_cases(&c, 1);
    return c.median;
}

/* ---- Fixtures ----------------------------------------------------------- */

void bench_guid(ULONG device, GUID *guid)
{
    static const GUID base = {0x6b6d6466, 0x0000, 0x4d42, {0x80, 0x17, 0x62, 0x65, 0x6e, 0x63, 0x68, 0x00}};
    *guid = base;
    guid->Data1 = base.Data1 + device;
}

void bench_instance_id(ULONG device, char *out, size_t size) { snprintf(out, size, "ROOT\\KMDFSIMBENCH\\%04lu", (unsigned long)device); }

void bench_fixture_setup(bench_fixture *fixture, ULONG devices, ULONG instances, ULONG block_size, BOOLEAN context)
{
    memset(fixture, 0, sizeof(*fixture));
    fixture->device_count = devices;
    fixture->instances_per_device = instances;
    fixture->devices = calloc(devices, sizeof(*fixture->devices));
    fixture->instances = calloc((size_t)devices * (instances > 0 ? instances : 1), sizeof(*fixture->instances));
    if (fixture->devices == NULL || fixture->instances == NULL)
        bench_die("out of memory for a fixture of %lu devices", (unsigned long)devices);

    NTSTATUS status = kmdfsim_driver_load(BenchDriverEntry, &fixture->driver);
    if (!NT_SUCCESS(status))
        bench_die("kmdfsim_driver_load: %s", kmdfsim_status_name(status));
    BenchConfig.BlockSize = block_size;
    BenchConfig.InstanceCount = instances;
    BenchConfig.InstanceContext = context;
    for (ULONG d = 0; d < devices; d++) {
        char id[64];
        bench_guid(d, &BenchConfig.Guid);
        bench_instance_id(d, id, sizeof(id));
        BenchConfig.Instances = fixture->instances + (size_t)d * instances;
        status = kmdfsim_device_add(fixture->driver, id, &fixture->devices[d]);
        if (!NT_SUCCESS(status))
            bench_die("kmdfsim_device_add(%s): %s", id, kmdfsim_status_name(status));
        status = kmdfsim_device_start(fixture->devices[d]);
        if (!NT_SUCCESS(status))
            bench_die("kmdfsim_device_start(%s): %s", id, kmdfsim_status_name(status));
    }
    BenchConfig.Instances = NULL;

    /* Targets: spread evenly, first and last included. */
    for (ULONG t = 0; t < BENCH_TARGETS; t++) {
        bench_target *target = &fixture->targets[t];
        ULONG device = 0, index = 0;
        if (devices > 1)
            device = (ULONG)(((uint64_t)(devices - 1) * t) / (BENCH_TARGETS - 1));
        else if (instances > 1)
            index = (ULONG)(((uint64_t)(instances - 1) * t) / (BENCH_TARGETS - 1));
        char id[40];
        target->device = fixture->devices[device];
        bench_guid(device, &target->guid);
        target->index = index;
        target->instance = instances > 0 ? fixture->instances[(size_t)device * instances + index] : NULL;
        bench_instance_id(device, id, sizeof(id));
        snprintf(target->name, sizeof(target->name), "%s_%lu", id, (unsigned long)index);
    }
}

void bench_fixture_teardown(bench_fixture *fixture)
{
    for (ULONG d = 0; d < fixture->device_count; d++) {
        NTSTATUS status = kmdfsim_device_remove(fixture->devices[d]);
        if (!NT_SUCCESS(status))
            bench_die("kmdfsim_device_remove: %s", kmdfsim_status_name(status));
    }
    kmdfsim_driver_unload(fixture->driver);
    free(fixture->devices);
    free(fixture->instances);
    memset(fixture, 0, sizeof(*fixture));
    if (kmdfsim_live_object_count() != 0)
        bench_die("%lu framework objects are left after unload", (unsigned long)kmdfsim_live_object_count());
}

/* ---- Metric bodies (no client needed) ----------------------------------- */

#define QUERY_WNODE_SIZE ((ULONG)sizeof(WNODE_SINGLE_INSTANCE) + BENCH_QUERY_BLOCK)

typedef union query_buffer {
    UCHAR bytes[QUERY_WNODE_SIZE];
    ULONGLONG align;
} query_buffer;

/* 2: the callback called directly with a buffer: what a hand-written mock costs. */
static int direct_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    const bench_target *targets = context;
    query_buffer buffer;
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        const bench_target *target = &targets[i & (BENCH_TARGETS - 1)];
        ULONG used = 0;
        ULONGLONG sequence = BenchConfig.Sequence;
        NTSTATUS status = BenchEvtQueryInstance(target->instance, BENCH_QUERY_BLOCK, buffer.bytes, &used);
        if (status != STATUS_SUCCESS || used != BENCH_QUERY_BLOCK ||
            !bench_block_ok(buffer.bytes, BENCH_QUERY_BLOCK, sequence, target->instance))
            return bench_fail("direct call %llu: status 0x%08lX, %lu bytes", (unsigned long long)i,
                              (unsigned long)status, (unsigned long)used);
    }
    *elapsed = bench_now_ns() - start;
    return 1;
}

/* 2/3: IRP_MN_QUERY_SINGLE_INSTANCE through the internal IRP handler: the WNODE built as WMI builds it. */
static int irp_single_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    bench_target *targets = context;
    query_buffer buffer;
    PWNODE_SINGLE_INSTANCE wnode = (PWNODE_SINGLE_INSTANCE)(void *)buffer.bytes;
    memset(&buffer, 0, sizeof(buffer));
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        bench_target *target = &targets[i & (BENCH_TARGETS - 1)];
        wnode->WnodeHeader.BufferSize = QUERY_WNODE_SIZE;
        wnode->WnodeHeader.Guid = target->guid;
        wnode->WnodeHeader.Flags = WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES;
        wnode->OffsetInstanceName = 0;
        wnode->InstanceIndex = target->index;
        wnode->DataBlockOffset = sizeof(WNODE_SINGLE_INSTANCE);
        wnode->SizeDataBlock = 0;
        kmdfsim_wmi_irp irp;
        irp.minor_function = IRP_MN_QUERY_SINGLE_INSTANCE;
        irp.provider_id = 0;
        irp.data_path = &target->guid;
        irp.buffer_size = QUERY_WNODE_SIZE;
        irp.buffer = buffer.bytes;
        irp.io_status.Status = STATUS_NOT_SUPPORTED;
        irp.io_status.Information = 0;
        irp.forwarded = FALSE;
        ULONGLONG sequence = BenchConfig.Sequence;
        NTSTATUS status = kmdfsim_wmi_send_irp(target->device, &irp);
        if (status != STATUS_SUCCESS || irp.io_status.Information != QUERY_WNODE_SIZE ||
            wnode->SizeDataBlock != BENCH_QUERY_BLOCK ||
            !bench_block_ok(buffer.bytes + sizeof(WNODE_SINGLE_INSTANCE), BENCH_QUERY_BLOCK, sequence,
                            target->instance))
            return bench_fail("IRP %llu to %s: status %s, Information %lu, SizeDataBlock %lu", (unsigned long long)i,
                              target->name, kmdfsim_status_name(status), (unsigned long)irp.io_status.Information,
                              (unsigned long)wnode->SizeDataBlock);
    }
    *elapsed = bench_now_ns() - start;
    return 1;
}

/* What callbacks typically do first: WdfObjectGetTypedContext on their instance. */
static int get_context_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    bench_target *targets = context;
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        bench_target *target = &targets[i & (BENCH_TARGETS - 1)];
        PBENCH_INSTANCE_CONTEXT ctx =
            (PBENCH_INSTANCE_CONTEXT)WdfObjectGetTypedContext(target->instance, BENCH_INSTANCE_CONTEXT);
        if (ctx == NULL || ctx->Index != target->index)
            return bench_fail("WdfObjectGetTypedContext on %s gave %p", target->name, (void *)ctx);
    }
    *elapsed = bench_now_ns() - start;
    return 1;
}

/* 7 (where the time goes): an event nobody subscribed to; WMI accepts and drops it. */
static int fire_unheard_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    bench_target *targets = context;
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NTSTATUS status = BenchFireEvent(targets[0].instance, i, BENCH_EVENT_SIZE);
        if (status != STATUS_SUCCESS)
            return bench_fail("WdfWmiInstanceFireEvent: %s", kmdfsim_status_name(status));
    }
    *elapsed = bench_now_ns() - start;
    return 1;
}

/* 4 (where the time goes): IRP_MN_QUERY_ALL_DATA straight to the device. */
typedef struct alldata_irp_context {
    bench_fixture *fixture;
    UCHAR *buffer; /* size bytes, and KMDFSIM_WMI_GUARD_SIZE more for the in-place variant */
    ULONG size;
    ULONG data_offset;
    BOOLEAN in_place; /* kmdfsim_wmi_send_irp_in_place: what the WMI kernel can use for its own buffers */
} alldata_irp_context;

int bench_check_all_data(const UCHAR *wnode_bytes, ULONG available, ULONGLONG first_sequence,
                         const WDFWMIINSTANCE *instances, ULONG count, ULONG block)
{
    const WNODE_ALL_DATA *wnode = (const WNODE_ALL_DATA *)(const void *)wnode_bytes;
    if (wnode->InstanceCount != count)
        return bench_fail("WNODE_ALL_DATA with %lu instances, expected %lu", (unsigned long)wnode->InstanceCount,
                          (unsigned long)count);
    if (wnode->WnodeHeader.Flags & WNODE_FLAG_FIXED_INSTANCE_SIZE)
        return bench_fail("fixed instance size: KMDF always answers with offsets");
    for (ULONG i = 0; i < count; i++) {
        ULONG offset = wnode->OffsetInstanceDataAndLength[i].OffsetInstanceData;
        ULONG length = wnode->OffsetInstanceDataAndLength[i].LengthInstanceData;
        if (length != block || offset > available || available - offset < block)
            return bench_fail("instance %lu: offset %lu, length %lu", (unsigned long)i, (unsigned long)offset,
                              (unsigned long)length);
        if (!bench_block_ok(wnode_bytes + offset, block, first_sequence + i, instances[i]))
            return bench_fail("instance %lu: wrong data", (unsigned long)i);
    }
    return 1;
}

static int alldata_irp_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    alldata_irp_context *c = context;
    bench_target *target = &c->fixture->targets[0];
    PWNODE_ALL_DATA wnode = (PWNODE_ALL_DATA)(void *)c->buffer;
    uint64_t total = 0;
    for (uint64_t i = 0; i < iters; i++) {
        uint64_t start = bench_now_ns();
        memset(wnode, 0, sizeof(WNODE_ALL_DATA));
        wnode->WnodeHeader.BufferSize = c->size;
        wnode->WnodeHeader.Guid = target->guid;
        wnode->WnodeHeader.Flags = WNODE_FLAG_ALL_DATA;
        kmdfsim_wmi_irp irp;
        irp.minor_function = IRP_MN_QUERY_ALL_DATA;
        irp.provider_id = 0;
        irp.data_path = &target->guid;
        irp.buffer_size = c->size;
        irp.buffer = c->buffer;
        irp.io_status.Status = STATUS_NOT_SUPPORTED;
        irp.io_status.Information = 0;
        irp.forwarded = FALSE;
        ULONGLONG sequence = BenchConfig.Sequence;
        NTSTATUS status = c->in_place ? kmdfsim_wmi_send_irp_in_place(target->device, &irp)
                                      : kmdfsim_wmi_send_irp(target->device, &irp);
        total += bench_now_ns() - start;
        if (status != STATUS_SUCCESS || irp.io_status.Information != c->size)
            return bench_fail("QUERY_ALL_DATA: status %s, Information %lu (expected %lu)", kmdfsim_status_name(status),
                              (unsigned long)irp.io_status.Information, (unsigned long)c->size);
        if (!bench_check_all_data(c->buffer, c->size, sequence, c->fixture->instances, BENCH_ALLDATA_INSTANCES,
                                  BENCH_ALLDATA_BLOCK))
            return 0;
    }
    *elapsed = total;
    return 1;
}

typedef struct memcpy_context {
    UCHAR *source;
    UCHAR *destination;
    size_t size;
} memcpy_context;

/* 4: the machine's limit: memcpy of the bytes QueryAllData returns. */
static int memcpy_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    memcpy_context *c = context;
    uint64_t total = 0;
    for (uint64_t i = 0; i < iters; i++) {
        c->source[0] = (UCHAR)i;
        uint64_t start = bench_now_ns();
        memcpy(c->destination, c->source, c->size);
        total += bench_now_ns() - start;
        if (memcmp(c->destination, c->source, c->size) != 0)
            return bench_fail("memcpy copied wrong bytes");
    }
    *elapsed = total;
    return 1;
}

/*
 * 4 (the floor): the driver's query callback called directly for every
 * instance, each into the next MEMORY_ALLOCATION_ALIGNMENT-aligned place of
 * one buffer, as KMDF lays them out. No emulator can be faster than the
 * driver's own work.
 */
static int alldata_callbacks_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    alldata_irp_context *c = context;
    uint64_t total = 0;
    for (uint64_t i = 0; i < iters; i++) {
        ULONGLONG sequence = BenchConfig.Sequence;
        uint64_t start = bench_now_ns();
        ULONG at = c->data_offset;
        for (ULONG k = 0; k < BENCH_ALLDATA_INSTANCES; k++) {
            ULONG used = 0;
            NTSTATUS status = BenchEvtQueryInstance(c->fixture->instances[k], c->size - at, c->buffer + at, &used);
            if (status != STATUS_SUCCESS || used != BENCH_ALLDATA_BLOCK)
                return bench_fail("direct callback %lu: status 0x%08lX, %lu bytes", (unsigned long)k,
                                  (unsigned long)status, (unsigned long)used);
            at += (used + MEMORY_ALLOCATION_ALIGNMENT - 1) & ~(ULONG)(MEMORY_ALLOCATION_ALIGNMENT - 1);
        }
        total += bench_now_ns() - start;
        for (ULONG k = 0; k < BENCH_ALLDATA_INSTANCES; k++)
            if (!bench_block_ok(c->buffer + c->data_offset + (size_t)k * BENCH_ALLDATA_BLOCK, BENCH_ALLDATA_BLOCK,
                                sequence + k, c->fixture->instances[k]))
                return bench_fail("direct callback %lu: wrong data", (unsigned long)k);
    }
    *elapsed = total;
    return 1;
}

/* 5: one whole fixture cycle, as a test's setup and teardown do it. */
static int fixture_body(void *context, uint64_t iters, uint64_t *elapsed)
{
    (void)context;
    WDFWMIINSTANCE instance = NULL;
    BenchConfig.InstanceCount = 1;
    BenchConfig.InstanceContext = TRUE;
    BenchConfig.BlockSize = BENCH_QUERY_BLOCK;
    BenchConfig.Instances = &instance;
    bench_guid(0, &BenchConfig.Guid);
    uint64_t start = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        kmdfsim_driver *driver;
        kmdfsim_device *device;
        NTSTATUS status = kmdfsim_driver_load(BenchDriverEntry, &driver);
        if (!NT_SUCCESS(status))
            return bench_fail("load: %s", kmdfsim_status_name(status));
        status = kmdfsim_device_add(driver, "ROOT\\KMDFSIMBENCH\\0000", &device);
        if (!NT_SUCCESS(status))
            return bench_fail("add: %s", kmdfsim_status_name(status));
        status = kmdfsim_device_start(device);
        if (!NT_SUCCESS(status) || instance == NULL)
            return bench_fail("start: %s", kmdfsim_status_name(status));
        status = kmdfsim_device_remove(device);
        if (!NT_SUCCESS(status))
            return bench_fail("remove: %s", kmdfsim_status_name(status));
        kmdfsim_driver_unload(driver);
        if (kmdfsim_live_object_count() != 0)
            return bench_fail("cycle %llu left %lu objects", (unsigned long long)i,
                              (unsigned long)kmdfsim_live_object_count());
        instance = NULL;
    }
    *elapsed = bench_now_ns() - start;
    BenchConfig.Instances = NULL;
    return 1;
}

/* 6: the library's live bytes with `count` registered instances on one started device. */
static uint64_t live_bytes_with(ULONG count, BOOLEAN context)
{
    bench_fixture fixture;
    kmdfsim_mem_stats before, after;
    kmdfsim_mem_get_stats(&before);
    bench_fixture_setup(&fixture, 1, count, BENCH_QUERY_BLOCK, context);
    kmdfsim_mem_get_stats(&after);
    bench_fixture_teardown(&fixture);
    return after.live_bytes - before.live_bytes;
}

static double bytes_per_instance(BOOLEAN context)
{
    const ULONG count = 10000;
    uint64_t empty = live_bytes_with(0, context);
    uint64_t full = live_bytes_with(count, context);
    double per = ((double)full - (double)empty) / count;
    if (context)
        per -= sizeof(BENCH_INSTANCE_CONTEXT); /* the driver's own context bytes */
    return per;
}

/* ---- The measurements ---------------------------------------------------- */

/* 1, 2: one instance with a 64-byte block; every path measured round-robin on the same fixture. */
static void measure_single(bench_results *r, int client)
{
    bench_fixture fixture;
    bench_case cases[5];
    int n = 0;
    bench_progress("single-instance query, %u bytes\n", BENCH_QUERY_BLOCK);
    bench_fixture_setup(&fixture, 1, 1, BENCH_QUERY_BLOCK, TRUE);
    bench_case_init(&cases[n++], "direct callback call", direct_body, fixture.targets);
    bench_case_init(&cases[n++], "kmdfsim_wmi_send_irp(QUERY_SINGLE_INSTANCE)", irp_single_body, fixture.targets);
    bench_case_init(&cases[n++], "WdfObjectGetTypedContext", get_context_body, fixture.targets);
    bench_case_init(&cases[n++], "WdfWmiInstanceFireEvent, no subscriber", fire_unheard_body, fixture.targets);
    if (client) {
        bench_client_open(&fixture);
        bench_case_init(&cases[n++], "WmiQuerySingleInstanceA", bench_client_query_body, fixture.targets);
    }
    bench_measure_cases(cases, n);
    r->direct_ns = cases[0].median;
    r->irp_ns = cases[1].median;
    r->get_context_ns = cases[2].median;
    r->event_unheard_ns = cases[3].median;
    if (client) {
        r->query_ns = cases[4].median;
        bench_client_close(&fixture);
    }
    bench_fixture_teardown(&fixture);
}

/*
 * 3: the round trip over `n` sizes (instances on one provider, or GUIDs on
 * as many devices). Each repetition sets every size up afresh, one after the
 * other, so that the sizes' samples are taken at the same times.
 */
static void measure_scaling(BOOLEAN guids, const ULONG *sizes, int n, double *irp_ns, double *client_ns, int client)
{
    bench_case irp[BENCH_INSTANCE_SIZES], query[BENCH_INSTANCE_SIZES];
    char labels[2][BENCH_INSTANCE_SIZES][96];
    bench_progress("scaling: 1 .. %lu %s\n", (unsigned long)sizes[n - 1], guids ? "GUIDs" : "instances");
    for (int i = 0; i < n; i++) {
        const char *unit = guids ? "GUIDs" : "instances";
        snprintf(labels[0][i], sizeof(labels[0][i]), "IRP, %lu %s", (unsigned long)sizes[i], unit);
        snprintf(labels[1][i], sizeof(labels[1][i]), "WmiQuerySingleInstanceA, %lu %s", (unsigned long)sizes[i], unit);
        bench_case_init(&irp[i], labels[0][i], irp_single_body, NULL);
        bench_case_init(&query[i], labels[1][i], bench_client_query_body, NULL);
    }
    for (int rep = 0; rep < bench_repetitions(); rep++) {
        for (int i = 0; i < n; i++) {
            bench_fixture fixture;
            bench_fixture_setup(&fixture, guids ? sizes[i] : 1, guids ? 1 : sizes[i], BENCH_QUERY_BLOCK, TRUE);
            irp[i].context = fixture.targets;
            query[i].context = fixture.targets;
            if (client)
                bench_client_open(&fixture);
            if (rep == 0) {
                bench_case_calibrate(&irp[i]);
                if (client)
                    bench_case_calibrate(&query[i]);
            }
            bench_case_warm_up(&irp[i]);
            bench_case_run(&irp[i], rep);
            if (client) {
                bench_case_warm_up(&query[i]);
                bench_case_run(&query[i], rep);
                bench_client_close(&fixture);
            }
            bench_fixture_teardown(&fixture);
        }
    }
    for (int i = 0; i < n; i++) {
        bench_case_finish(&irp[i]);
        irp_ns[i] = irp[i].median;
        if (client) {
            bench_case_finish(&query[i]);
            client_ns[i] = query[i].median;
        }
    }
}

/* 4: QueryAllData of 10 000 x 256 bytes, against memcpy of the same bytes, round-robin. */
static void measure_alldata(bench_results *r, int client)
{
    bench_fixture fixture;
    memcpy_context m;
    alldata_irp_context copied, in_place;
    void *client_context = NULL;
    bench_case cases[5];
    int n = 0;

    bench_progress("QueryAllData, %u x %u bytes\n", BENCH_ALLDATA_INSTANCES, BENCH_ALLDATA_BLOCK);
    m.size = (size_t)BENCH_ALLDATA_INSTANCES * BENCH_ALLDATA_BLOCK;
    m.source = malloc(m.size);
    m.destination = malloc(m.size);
    if (m.source == NULL || m.destination == NULL)
        bench_die("out of memory");
    for (size_t k = 0; k < m.size; k++)
        m.source[k] = BENCH_PATTERN(k);
    memset(m.destination, 0, m.size);

    bench_fixture_setup(&fixture, 1, BENCH_ALLDATA_INSTANCES, BENCH_ALLDATA_BLOCK, TRUE);
    copied.fixture = &fixture;
    copied.data_offset = (ULONG)((FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength) +
                                  8u * BENCH_ALLDATA_INSTANCES + MEMORY_ALLOCATION_ALIGNMENT - 1) &
                                 ~(size_t)(MEMORY_ALLOCATION_ALIGNMENT - 1));
    copied.size = copied.data_offset + BENCH_ALLDATA_INSTANCES * BENCH_ALLDATA_BLOCK;
    copied.buffer = calloc(1, (size_t)copied.size + KMDFSIM_WMI_GUARD_SIZE);
    if (copied.buffer == NULL)
        bench_die("out of memory");
    copied.in_place = FALSE;
    in_place = copied;
    in_place.in_place = TRUE;

    bench_case_init(&cases[n++], "memcpy", memcpy_body, &m);
    bench_case_init(&cases[n++], "kmdfsim_wmi_send_irp(QUERY_ALL_DATA)", alldata_irp_body, &copied);
    bench_case_init(&cases[n++], "kmdfsim_wmi_send_irp_in_place(QUERY_ALL_DATA)", alldata_irp_body, &in_place);
    bench_case_init(&cases[n++], "the driver's callbacks called directly", alldata_callbacks_body, &copied);
    if (client) {
        bench_client_open(&fixture);
        client_context = bench_client_alldata_prepare(&fixture);
        bench_case_init(&cases[n++], "WmiQueryAllDataA", bench_client_alldata_body, client_context);
    }
    bench_measure_cases(cases, n);
    r->memcpy_ns = cases[0].median;
    r->alldata_irp_ns = cases[1].median;
    r->alldata_in_place_ns = cases[2].median;
    r->alldata_callbacks_ns = cases[3].median;
    if (client) {
        r->alldata_ns = cases[4].median;
        bench_client_alldata_release(client_context);
        bench_client_close(&fixture);
    }
    free(copied.buffer);
    free(m.source);
    free(m.destination);
    bench_fixture_teardown(&fixture);
}

/* ---- Report ------------------------------------------------------------- */

static void describe_machine(char *cpu, size_t cpu_size, int *cpus)
{
    snprintf(cpu, cpu_size, "unknown CPU");
    *cpus = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "processor", 9) == 0)
            (*cpus)++;
        else if (strncmp(line, "model name", 10) == 0 && strcmp(cpu, "unknown CPU") == 0) {
            const char *value = strchr(line, ':');
            if (value != NULL) {
                value++;
                while (*value == ' ')
                    value++;
                snprintf(cpu, cpu_size, "%s", value);
                cpu[strcspn(cpu, "\n")] = '\0';
            }
        }
    }
    fclose(f);
}

/* The 1-minute load average when the run started (Linux), or -1. */
static double load_average(void)
{
    double load = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f != NULL) {
        if (fscanf(f, "%lf", &load) != 1)
            load = -1;
        fclose(f);
    }
    return load;
}

static double g_load_at_start = -1;

static const char *compiler_name(void)
{
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#elif defined(_MSC_VER)
    return "MSVC";
#else
    return "unknown compiler";
#endif
}

static double ratio(double a, double b) { return (isnan(a) || isnan(b) || b == 0) ? NAN : a / b; }

static const char *verdict(double value, double limit, int at_most)
{
    if (isnan(value))
        return "not measured";
    return (at_most ? value <= limit : value >= limit) ? "met" : "NOT MET";
}

static void row(const char *label, double value, const char *unit, const char *target, const char *state)
{
    char number[32];
    if (isnan(value))
        snprintf(number, sizeof(number), "-");
    else if (value >= 1000000)
        snprintf(number, sizeof(number), "%.0f", value);
    else
        snprintf(number, sizeof(number), "%.2f", value);
    printf("  %-50s %14s %-9s %-10s %s\n", label, number, unit, target != NULL ? target : "",
           state != NULL ? state : "");
}

static void json_number(const char *key, double value, int *first)
{
    printf("%s\"%s\":", *first ? "" : ",", key);
    *first = 0;
    if (isnan(value))
        printf("null");
    else
        printf("%.3f", value);
}

typedef struct summary {
    double query_ratio, irp_ratio, scaling_instances, scaling_guids, alldata_ratio, fixture_per_s, events_per_s;
    const char *scaling_path;
} summary;

static void summarize(const bench_results *r, summary *s)
{
    s->query_ratio = ratio(r->query_ns, r->direct_ns);
    s->irp_ratio = ratio(r->irp_ns, r->direct_ns);
    if (!isnan(r->scale_instances_query_ns[0])) {
        s->scaling_path = "client";
        s->scaling_instances = ratio(r->scale_instances_query_ns[BENCH_INSTANCE_SIZES - 1], r->scale_instances_query_ns[0]);
        s->scaling_guids = ratio(r->scale_guids_query_ns[BENCH_GUID_COUNTS - 1], r->scale_guids_query_ns[0]);
    } else {
        s->scaling_path = "irp";
        s->scaling_instances = ratio(r->scale_instances_irp_ns[BENCH_INSTANCE_SIZES - 1], r->scale_instances_irp_ns[0]);
        s->scaling_guids = ratio(r->scale_guids_irp_ns[BENCH_GUID_COUNTS - 1], r->scale_guids_irp_ns[0]);
    }
    s->alldata_ratio = ratio(r->memcpy_ns, r->alldata_ns);
    s->fixture_per_s = isnan(r->fixture_ns) ? NAN : 1e9 / r->fixture_ns;
    s->events_per_s = isnan(r->event_ns) ? NAN : 1e9 / r->event_ns;
}

static void print_table(const bench_results *r, const summary *s, const char *cpu, int cpus)
{
    char label[96];
    printf("\nkmdfsim benchmark: %s build, %s, %d CPU(s) %s, medians of %d repetitions, %s\n",
           KMDFSIM_BENCH_BUILD_TYPE, compiler_name(), cpus, cpu, g_reps,
           g_cpu_time ? "thread CPU time" : "wall-clock time");
    if (g_load_at_start >= 0)
        printf("load average when the run started: %.2f%s\n", g_load_at_start,
               g_load_at_start > 0.75 * (cpus > 0 ? cpus : 1) ? " (other work was running: figures are noisy)" : "");
    if (!r->client_available)
        printf("(client not measured: %s)\n", r->client_note != NULL ? r->client_note : "not linked");
    printf("\n  %-50s %14s %-9s %-10s %s\n", "metric", "value", "unit", "target", "");
    printf("1 Single-instance query, %u-byte block\n", BENCH_QUERY_BLOCK);
    row("callback called directly (hand-written mock)", r->direct_ns, "ns/op", NULL, NULL);
    row("WmiQuerySingleInstanceA round trip", r->query_ns, "ns/op", NULL, NULL);
    row("ratio query / direct", s->query_ratio, "x", "<= 25", verdict(s->query_ratio, 25, 1));
    printf("2 The same request through the internal IRP handler\n");
    row("kmdfsim_wmi_send_irp(QUERY_SINGLE_INSTANCE)", r->irp_ns, "ns/op", NULL, NULL);
    row("ratio IRP / direct", s->irp_ratio, "x", NULL, NULL);
    row("WdfObjectGetTypedContext (what callbacks call)", r->get_context_ns, "ns/op", NULL, NULL);
    printf("3 Scaling of the round trip (8 targets spread over the range)\n");
    for (int i = 0; i < BENCH_INSTANCE_SIZES; i++) {
        snprintf(label, sizeof(label), "%lu instance(s), one provider: client", (unsigned long)bench_instance_sizes[i]);
        row(label, r->scale_instances_query_ns[i], "ns/op", NULL, NULL);
        snprintf(label, sizeof(label), "%lu instance(s), one provider: IRP", (unsigned long)bench_instance_sizes[i]);
        row(label, r->scale_instances_irp_ns[i], "ns/op", NULL, NULL);
    }
    snprintf(label, sizeof(label), "ratio 100000 / 1 instances (%s)", s->scaling_path);
    row(label, s->scaling_instances, "x", "<= 1.3", verdict(s->scaling_instances, 1.3, 1));
    for (int i = 0; i < BENCH_GUID_COUNTS; i++) {
        snprintf(label, sizeof(label), "%lu GUID(s), one per device: client", (unsigned long)bench_guid_counts[i]);
        row(label, r->scale_guids_query_ns[i], "ns/op", NULL, NULL);
        snprintf(label, sizeof(label), "%lu GUID(s), one per device: IRP", (unsigned long)bench_guid_counts[i]);
        row(label, r->scale_guids_irp_ns[i], "ns/op", NULL, NULL);
    }
    snprintf(label, sizeof(label), "ratio 1000 / 1 GUIDs (%s)", s->scaling_path);
    row(label, s->scaling_guids, "x", "<= 1.3", verdict(s->scaling_guids, 1.3, 1));
    printf("4 QueryAllData, %u instances x %u bytes\n", BENCH_ALLDATA_INSTANCES, BENCH_ALLDATA_BLOCK);
    row("memcpy of the same bytes", r->memcpy_ns, "ns/op", NULL, NULL);
    row("WmiQueryAllDataA", r->alldata_ns, "ns/op", NULL, NULL);
    row("kmdfsim_wmi_send_irp(QUERY_ALL_DATA)", r->alldata_irp_ns, "ns/op", NULL, NULL);
    row("throughput WmiQueryAllDataA / memcpy", s->alldata_ratio, "x", ">= 0.5", verdict(s->alldata_ratio, 0.5, 0));
    row("throughput IRP / memcpy", ratio(r->memcpy_ns, r->alldata_irp_ns), "x", NULL, NULL);
    row("IRP in place (no private copy)", r->alldata_in_place_ns, "ns/op", NULL, NULL);
    row("throughput IRP in place / memcpy", ratio(r->memcpy_ns, r->alldata_in_place_ns), "x", NULL, NULL);
    row("the driver's 10 000 callbacks called directly", r->alldata_callbacks_ns, "ns/op", NULL, NULL);
    row("throughput of the callbacks alone / memcpy", ratio(r->memcpy_ns, r->alldata_callbacks_ns), "x", NULL, NULL);
    printf("5 Fixture: load + add + start + remove + unload\n");
    row("one cycle", r->fixture_ns, "ns", NULL, NULL);
    row("cycles per second", s->fixture_per_s, "1/s", ">= 100000", verdict(s->fixture_per_s, 100000, 0));
    printf("6 Emulator memory per registered instance (library allocations)\n");
    row("with a driver context (its bytes excluded)", r->bytes_per_instance, "bytes", "<= 256",
        verdict(r->bytes_per_instance, 256, 1));
    row("without a context", r->bytes_per_instance_no_context, "bytes", NULL, NULL);
    printf("7 Events: WdfWmiInstanceFireEvent to a subscriber callback\n");
    row("one event", r->event_ns, "ns", NULL, NULL);
    row("one event nobody subscribed to (the driver side)", r->event_unheard_ns, "ns", NULL, NULL);
    row("events per second", s->events_per_s, "1/s", ">= 5000000", verdict(s->events_per_s, 5000000, 0));
    printf("\n");
}

static void print_json(const bench_results *r, const summary *s, const char *cpu, int cpus)
{
    int first = 1;
    char key[64];
    printf("{");
    json_number("query_ratio_vs_direct", s->query_ratio, &first);
    json_number("irp_ratio_vs_direct", s->irp_ratio, &first);
    json_number("scaling_ratio_instances", s->scaling_instances, &first);
    json_number("scaling_ratio_guids", s->scaling_guids, &first);
    json_number("alldata_ratio_vs_memcpy", s->alldata_ratio, &first);
    json_number("fixture_cycles_per_s", s->fixture_per_s, &first);
    json_number("bytes_per_instance", r->bytes_per_instance, &first);
    json_number("events_per_s", s->events_per_s, &first);
    json_number("direct_ns", r->direct_ns, &first);
    json_number("query_ns", r->query_ns, &first);
    json_number("irp_ns", r->irp_ns, &first);
    json_number("get_context_ns", r->get_context_ns, &first);
    for (int i = 0; i < BENCH_INSTANCE_SIZES; i++) {
        snprintf(key, sizeof(key), "query_ns_instances_%lu", (unsigned long)bench_instance_sizes[i]);
        json_number(key, r->scale_instances_query_ns[i], &first);
        snprintf(key, sizeof(key), "irp_ns_instances_%lu", (unsigned long)bench_instance_sizes[i]);
        json_number(key, r->scale_instances_irp_ns[i], &first);
    }
    for (int i = 0; i < BENCH_GUID_COUNTS; i++) {
        snprintf(key, sizeof(key), "query_ns_guids_%lu", (unsigned long)bench_guid_counts[i]);
        json_number(key, r->scale_guids_query_ns[i], &first);
        snprintf(key, sizeof(key), "irp_ns_guids_%lu", (unsigned long)bench_guid_counts[i]);
        json_number(key, r->scale_guids_irp_ns[i], &first);
    }
    json_number("alldata_ns", r->alldata_ns, &first);
    json_number("alldata_irp_ns", r->alldata_irp_ns, &first);
    json_number("alldata_in_place_ns", r->alldata_in_place_ns, &first);
    json_number("memcpy_ns", r->memcpy_ns, &first);
    json_number("alldata_callbacks_ns", r->alldata_callbacks_ns, &first);
    json_number("fixture_ns", r->fixture_ns, &first);
    json_number("bytes_per_instance_no_context", r->bytes_per_instance_no_context, &first);
    json_number("event_ns", r->event_ns, &first);
    json_number("event_unheard_ns", r->event_unheard_ns, &first);
    printf(",\"scaling_path\":\"%s\",\"client_measured\":%s,\"repetitions\":%d,\"cpus\":%d,\"cpu\":\"", s->scaling_path,
           r->client_available ? "true" : "false", g_reps, cpus);
    for (const char *p = cpu; *p != '\0'; p++)
        if (*p != '"' && *p != '\\')
            putchar(*p);
    printf("\",\"compiler\":\"%s\",\"build_type\":\"%s\",\"clock\":\"%s\",\"load_average\":%.2f}\n", compiler_name(),
           KMDFSIM_BENCH_BUILD_TYPE, g_cpu_time ? "thread_cpu" : "monotonic", g_load_at_start);
}

/* ---- Main --------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: kmdfsim_bench [--json] [--reps N (>= 5)] [--quick] [--quiet] [--cpu-time] [--only GROUP]\n"
                    "--cpu-time: time with this thread's CPU time (for a machine other work is running on)\n"
                    "GROUP (to profile one part): single, scaling, alldata, fixture, memory, events\n");
    exit(1);
}

int main(int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--quick") == 0)
            g_target_ns = 2000000;
        else if (strcmp(argv[i], "--quiet") == 0)
            g_quiet = 1;
        else if (strcmp(argv[i], "--cpu-time") == 0)
            g_cpu_time = 1;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            g_only = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
            g_reps = atoi(argv[++i]);
            if (g_reps < 5 || g_reps > MAX_REPS)
                usage();
        } else
            usage();
    }
#ifndef NDEBUG
    fprintf(stderr, "kmdfsim_bench: warning: this is not a release build; figures are not representative\n");
#endif
    g_load_at_start = load_average();

    bench_results r;
    r.direct_ns = r.query_ns = r.irp_ns = r.get_context_ns = NAN;
    for (int i = 0; i < BENCH_INSTANCE_SIZES; i++)
        r.scale_instances_irp_ns[i] = r.scale_instances_query_ns[i] = NAN;
    for (int i = 0; i < BENCH_GUID_COUNTS; i++)
        r.scale_guids_irp_ns[i] = r.scale_guids_query_ns[i] = NAN;
    r.alldata_ns = r.alldata_irp_ns = r.alldata_in_place_ns = r.memcpy_ns = r.alldata_callbacks_ns = r.fixture_ns = NAN;
    r.bytes_per_instance = r.bytes_per_instance_no_context = r.event_ns = r.event_unheard_ns = NAN;

    int client = bench_client_available(&r.client_note);
    r.client_available = client;
    if (!client)
        bench_progress("client metrics not measured: %s\n", r.client_note);

    if (bench_selected("single"))
        measure_single(&r, client);
    if (bench_selected("scaling")) {
        measure_scaling(FALSE, bench_instance_sizes, BENCH_INSTANCE_SIZES, r.scale_instances_irp_ns,
                        r.scale_instances_query_ns, client);
        measure_scaling(TRUE, bench_guid_counts, BENCH_GUID_COUNTS, r.scale_guids_irp_ns, r.scale_guids_query_ns,
                        client);
    }
    if (bench_selected("alldata"))
        measure_alldata(&r, client);
    if (bench_selected("fixture")) {
        bench_progress("fixture cycles\n");
        r.fixture_ns = bench_measure("load + add + start + remove + unload", fixture_body, NULL);
    }
    if (bench_selected("memory")) {
        bench_progress("memory per instance\n");
        r.bytes_per_instance = bytes_per_instance(TRUE);
        r.bytes_per_instance_no_context = bytes_per_instance(FALSE);
    }
    if (bench_selected("events") && client) {
        bench_progress("events\n");
        r.event_ns = bench_client_events();
    }

    summary s;
    char cpu[128];
    int cpus;
    summarize(&r, &s);
    describe_machine(cpu, sizeof(cpu), &cpus);
    print_table(&r, &s, cpu, cpus);
    if (json)
        print_json(&r, &s, cpu, cpus);
    return 0;
}
