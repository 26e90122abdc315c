/*
 * bench.h - what the benchmark's files share: the timing harness, the
 * fixtures (a loaded bench driver with its devices) and the results.
 *
 * Timing: every figure is the median of at least five repetitions, each
 * running enough operations to last about bench_target_ns, after a warm-up
 * run that also calibrates the operation count. A body runs `iters`
 * operations, checks every result, and returns 0 (after bench_fail) on the
 * first wrong one: a wrong answer ends the run with exit status 2.
 */
#ifndef KMDFSIM_BENCH_BENCH_H_
#define KMDFSIM_BENCH_BENCH_H_

#include <kmdfsim/kmdfsim.h>

#include "bench_driver.h"

#include <stddef.h>
#include <stdint.h>

/* ---- Harness ------------------------------------------------------------ */

/* Runs `iters` operations; stores the time they took (checks may be left out of it). 1 = all correct. */
typedef int (*bench_body)(void *context, uint64_t iters, uint64_t *elapsed_ns);

#define MAX_REPS 51

/* One measured operation: its body, the calibrated count, one sample (ns/op) per repetition. */
typedef struct bench_case {
    const char *what;
    bench_body body;
    void *context;
    uint64_t count; /* operations per repetition */
    double samples[MAX_REPS];
    double median;  /* ns/op, after bench_case_finish */
} bench_case;

void bench_case_init(bench_case *c, const char *what, bench_body body, void *context);
/* Warm-up, then finds the count of operations that lasts about the target time. */
void bench_case_calibrate(bench_case *c);
/* A short warm-up run (after a fixture was set up again, or before each repetition). */
void bench_case_warm_up(bench_case *c);
/* Repetition `repetition`: `count` operations, timed. */
void bench_case_run(bench_case *c, int repetition);
/* The median of the repetitions; prints a progress line. */
void bench_case_finish(bench_case *c);
int bench_repetitions(void);

/*
 * Calibrates every case, then runs the repetitions round-robin over the
 * cases (so that load changes on the machine hit both terms of a ratio
 * alike), and takes each case's median. A body that reports a wrong answer
 * ends the process (status 2).
 */
void bench_measure_cases(bench_case *cases, int n);
/* bench_measure_cases for one case; returns its median ns per operation. */
double bench_measure(const char *what, bench_body body, void *context);
/* Records why a body failed (printf format); the body then returns 0. Always returns 0. */
int bench_fail(const char *format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Stops the run for a setup failure outside a timed body. */
void bench_die(const char *format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;
uint64_t bench_now_ns(void);

/* Prints a progress line to stderr (not with --quiet). */
void bench_progress(const char *format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- Checks ------------------------------------------------------------- */

/* Is `data` the block BenchEvtQueryInstance writes for call `sequence` on `instance`? */
static inline int bench_block_ok(const UCHAR *data, ULONG size, ULONGLONG sequence, WDFWMIINSTANCE instance)
{
    ULONGLONG seq, handle;
    RtlCopyMemory(&seq, data, sizeof(seq));
    RtlCopyMemory(&handle, data + 8, sizeof(handle));
    return seq == sequence && handle == (ULONGLONG)(ULONG_PTR)instance && data[size - 1] == BENCH_PATTERN(size - 1);
}

/*
 * Checks a WNODE_ALL_DATA answer of `count` instances of `block` bytes whose
 * callbacks ran with sequence numbers first_sequence, first_sequence + 1, ...
 * `available` is the number of bytes of `wnode` that may be read.
 */
int bench_check_all_data(const UCHAR *wnode, ULONG available, ULONGLONG first_sequence, const WDFWMIINSTANCE *instances,
                         ULONG count, ULONG block);

/* ---- Fixtures ----------------------------------------------------------- */

/* Queries cycle over this many targets (spread over the instances or devices). */
#define BENCH_TARGETS 8u

typedef struct bench_target {
    kmdfsim_device *device;
    GUID guid;
    ULONG index;              /* instance index on its provider */
    WDFWMIINSTANCE instance;
    char name[64];            /* the WMI instance name, "<instance id>_<index>" */
    void *block;              /* the client's WMIHANDLE for the GUID (bench_client.c) */
} bench_target;

typedef struct bench_fixture {
    kmdfsim_driver *driver;
    kmdfsim_device **devices;
    ULONG device_count;
    ULONG instances_per_device;
    WDFWMIINSTANCE *instances; /* device d's instance i at [d * instances_per_device + i] */
    bench_target targets[BENCH_TARGETS];
} bench_fixture;

/* The GUID of device d's provider. */
void bench_guid(ULONG device, GUID *guid);
/* The instance ID of device d. */
void bench_instance_id(ULONG device, char *out, size_t size);

/*
 * Loads the bench driver and adds and starts `devices` devices, each with
 * one provider (its own GUID) and `instances` registered instances that
 * answer `block_size` bytes. Targets spread over the instances (one device)
 * or over the devices (one instance each).
 */
void bench_fixture_setup(bench_fixture *fixture, ULONG devices, ULONG instances, ULONG block_size, BOOLEAN context);
void bench_fixture_teardown(bench_fixture *fixture);

/* ---- Results ------------------------------------------------------------ */

#define BENCH_INSTANCE_SIZES 4
#define BENCH_GUID_COUNTS 3
extern const ULONG bench_instance_sizes[BENCH_INSTANCE_SIZES]; /* 1, 100, 10 000, 100 000 */
extern const ULONG bench_guid_counts[BENCH_GUID_COUNTS];       /* 1, 100, 1 000 */

#define BENCH_QUERY_BLOCK 64u
#define BENCH_ALLDATA_INSTANCES 10000u
#define BENCH_ALLDATA_BLOCK 256u
#define BENCH_EVENT_SIZE 16u

/* Every figure; NaN = not measured. */
typedef struct bench_results {
    double direct_ns;          /* the query callback called directly */
    double query_ns;           /* WmiQuerySingleInstanceA round trip */
    double irp_ns;             /* kmdfsim_wmi_send_irp(IRP_MN_QUERY_SINGLE_INSTANCE) */
    double get_context_ns;     /* WdfObjectGetTypedContext on an instance (what callbacks call) */
    double scale_instances_irp_ns[BENCH_INSTANCE_SIZES];
    double scale_instances_query_ns[BENCH_INSTANCE_SIZES];
    double scale_guids_irp_ns[BENCH_GUID_COUNTS];
    double scale_guids_query_ns[BENCH_GUID_COUNTS];
    double alldata_ns;         /* WmiQueryAllDataA, 10 000 x 256 bytes */
    double alldata_irp_ns;     /* the same through kmdfsim_wmi_send_irp(IRP_MN_QUERY_ALL_DATA) */
    double alldata_in_place_ns; /* ... and kmdfsim_wmi_send_irp_in_place (no private copy) */
    double memcpy_ns;          /* memcpy of the same 2 560 000 bytes */
    double alldata_callbacks_ns; /* the driver's 10 000 query callbacks called directly: the floor for any emulator */
    double fixture_ns;         /* one load + add + start + remove + unload cycle */
    double bytes_per_instance; /* with a driver context (its bytes excluded) */
    double bytes_per_instance_no_context;
    double event_ns;           /* WdfWmiInstanceFireEvent to a WmiNotificationRegistrationA callback */
    double event_unheard_ns;   /* WdfWmiInstanceFireEvent with no subscriber (framework and pool only) */
    int client_available;      /* the wmium.h client was linked in */
    const char *client_note;   /* why not */
} bench_results;

/* ---- The client (bench_client.c; bench_client_none.c when it is not built) -- */

/* 1 when kmdfsim's wmium.h client is built in; otherwise 0 and *note says why. */
int bench_client_available(const char **note);
/* Opens (closes) a WMIHANDLE for the GUID of every target of the fixture. */
void bench_client_open(bench_fixture *fixture);
void bench_client_close(bench_fixture *fixture);
/* 1, 3: WmiQuerySingleInstanceA cycling over the targets (context: fixture->targets). */
int bench_client_query_body(void *context, uint64_t iters, uint64_t *elapsed);
/* 4: WmiQueryAllDataA of the first target's block, all instances of the fixture's one device. */
void *bench_client_alldata_prepare(bench_fixture *fixture);
int bench_client_alldata_body(void *context, uint64_t iters, uint64_t *elapsed);
void bench_client_alldata_release(void *context);
/* 7: ns per WdfWmiInstanceFireEvent delivered to a WmiNotificationRegistrationA callback. */
double bench_client_events(void);

#endif /* KMDFSIM_BENCH_BENCH_H_ */
