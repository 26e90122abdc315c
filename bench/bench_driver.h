/*
 * bench_driver.h - the driver the benchmark runs: an ordinary KMDF function
 * driver with one WMI provider per device and N instances on it, written
 * like WDK sample code (bench_driver.c is compiled with driver-code flags).
 *
 * What each device gets is read from BenchConfig when EvtDriverDeviceAdd
 * runs. Every query answers a block that proves which call produced it:
 *
 *     bytes 0..7   the driver's query sequence number (one more per call)
 *     bytes 8..15  the WDFWMIINSTANCE handle the callback was called for
 *     bytes 16..   BENCH_PATTERN(k) for byte k
 *
 * so the benchmark can check, per timed operation, that the callback ran
 * anew, for the instance asked for, and wrote the whole block.
 */
#ifndef KMDFSIM_BENCH_DRIVER_H_
#define KMDFSIM_BENCH_DRIVER_H_

#include <ntddk.h>
#include <wdf.h>

#define BENCH_PATTERN(k) ((UCHAR)(0x5Au ^ (UCHAR)((k) * 7u)))
#define BENCH_MAX_BLOCK 4096u

/* The instance context every benchmark instance carries (a driver's per-instance state). */
typedef struct _BENCH_INSTANCE_CONTEXT {
    ULONG Index;
    ULONG Flags;
} BENCH_INSTANCE_CONTEXT, *PBENCH_INSTANCE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(BENCH_INSTANCE_CONTEXT, BenchGetInstanceContext)

typedef struct _BENCH_CONFIG {
    /* Read by EvtDriverDeviceAdd. */
    GUID Guid;                    /* the provider's data block */
    ULONG InstanceCount;          /* instances created (and registered) on it */
    BOOLEAN InstanceContext;      /* give each instance a BENCH_INSTANCE_CONTEXT */
    WDFWMIINSTANCE *Instances;    /* out: the handles, InstanceCount entries (may be NULL) */
    WDFWMIPROVIDER Provider;      /* out */
    WDFDEVICE Device;             /* out */
    NTSTATUS AddStatus;           /* out: the first failure in EvtDriverDeviceAdd */

    /* Read by every query callback. */
    ULONG BlockSize;              /* bytes a query answers (at least 16, at most BENCH_MAX_BLOCK) */
    ULONGLONG Sequence;           /* incremented by every query */
} BENCH_CONFIG;

extern BENCH_CONFIG BenchConfig;

DRIVER_INITIALIZE BenchDriverEntry;
EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE BenchEvtQueryInstance;

/* Fires one event with `Size` bytes (the first 8 are `Sequence`) for `Instance`, as driver code would. */
NTSTATUS BenchFireEvent(WDFWMIINSTANCE Instance, ULONGLONG Sequence, ULONG Size);

#endif /* KMDFSIM_BENCH_DRIVER_H_ */
