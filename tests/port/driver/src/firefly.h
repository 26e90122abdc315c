/*
 * firefly.h - the Firefly driver's common header. Its sources include it as
 * "FireFly.h"; it includes its own headers the way MSVC lets it.
 */
#ifndef FIREFLY_H
#define FIREFLY_H

#include <ntddk.h>
#include <wdf.h>
#include <WdmGuid.h>

#include "..\inc\Public.h"
#include "FireflyMof.h"
#include "trace.h"

#define FIREFLY_POOL_TAG 'ylfF'

typedef struct _FIREFLY_DEVICE_CONTEXT {
    ULONG TailLit;
    UCHAR Blinks;
    ULONGLONG Uptime;
} FIREFLY_DEVICE_CONTEXT, *PFIREFLY_DEVICE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FIREFLY_DEVICE_CONTEXT, FireflyGetDeviceContext)

DRIVER_INITIALIZE DriverEntry;
EVT_WDF_DRIVER_DEVICE_ADD FireflyEvtDeviceAdd;
EVT_WDF_OBJECT_CONTEXT_CLEANUP FireflyEvtDriverContextCleanup;

NTSTATUS FireflyWmiRegistration(_In_ WDFDEVICE Device);

#endif
