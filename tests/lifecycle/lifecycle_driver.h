/*
 * lifecycle_driver.h - what the lifecycle test driver exposes to its tests:
 * a log of the callbacks it received, and switches to make a callback fail.
 * (A real driver has neither; they stand in for the hardware's behaviour.)
 */
#ifndef LIFECYCLE_DRIVER_H
#define LIFECYCLE_DRIVER_H

#include <ntddk.h>
#include <wdf.h>

#define LIFECYCLE_LOG_MAX 64

typedef struct _LIFECYCLE_TRACE {
    ULONG Count;
    CHAR Entries[LIFECYCLE_LOG_MAX][48];
} LIFECYCLE_TRACE;

/* Which callback should fail, and with what status (STATUS_SUCCESS: none). */
typedef struct _LIFECYCLE_FAULTS {
    NTSTATUS DriverEntry;
    NTSTATUS DeviceAdd;
    NTSTATUS DeviceAddAfterCreate; /* fail after WdfDeviceCreate succeeded */
    NTSTATUS PrepareHardware;
    NTSTATUS D0Entry;
    NTSTATUS SelfManagedIoInit;
    BOOLEAN LeakPool;              /* allocate in DeviceAdd and never free */
    BOOLEAN CreateChildren;        /* create a memory object and a spin lock under the device */
} LIFECYCLE_FAULTS;

typedef struct _LIFECYCLE_DEVICE_CONTEXT {
    ULONG Signature;
    ULONG StartCount;
    WDFMEMORY Scratch;
    WDFSPINLOCK Lock;
    UCHAR Padding[40];
} LIFECYCLE_DEVICE_CONTEXT, *PLIFECYCLE_DEVICE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(LIFECYCLE_DEVICE_CONTEXT, LifecycleGetDeviceContext)

extern LIFECYCLE_TRACE LifecycleTrace;
extern LIFECYCLE_FAULTS LifecycleFaults;

DRIVER_INITIALIZE LifecycleDriverEntry;

#endif
