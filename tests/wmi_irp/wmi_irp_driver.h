/*
 * wmi_irp_driver.h - the WMI test driver seen from its tests.
 *
 * The driver is an ordinary KMDF function driver: EvtDriverDeviceAdd creates
 * WMI providers and instances with the WDF_WMI_* configuration helpers. What
 * it creates, and how each callback answers, comes from WmiTest (the
 * stand-in for hardware a real driver would talk to); every callback
 * records the arguments it received there, so the tests can check exactly
 * what KMDF hands a driver.
 */
#ifndef WMI_IRP_DRIVER_H
#define WMI_IRP_DRIVER_H

#include <ntddk.h>
#include <wdf.h>

#define WT_MAX_PROVIDERS 4
#define WT_MAX_INSTANCES 8
#define WT_MAX_CALLS 8
#define WT_RECORD_BYTES 32

/* Which instance callbacks an instance has. */
#define WT_CB_QUERY 0x1u
#define WT_CB_SET 0x2u
#define WT_CB_SET_ITEM 0x4u
#define WT_CB_EXECUTE 0x8u

/* The context UseContextForQuery instances answer queries with. */
typedef struct _WT_QUERY_CONTEXT {
    UCHAR Bytes[12];
} WT_QUERY_CONTEXT, *PWT_QUERY_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(WT_QUERY_CONTEXT, WtGetQueryContext)

typedef struct _WT_PROVIDER_SPEC {
    BOOLEAN Present;
    GUID Guid;
    ULONG Flags; /* WDF_WMI_PROVIDER_FLAGS */
    ULONG MinInstanceBufferSize;
    BOOLEAN FunctionControl; /* install EvtWmiProviderFunctionControl */
} WT_PROVIDER_SPEC;

typedef struct _WT_INSTANCE_SPEC {
    BOOLEAN Present;
    ULONG Provider;  /* index into WmiTest.Providers */
    ULONG Callbacks; /* WT_CB_* */
    BOOLEAN UseContextForQuery;
    size_t ContextSizeOverride; /* with UseContextForQuery */
    BOOLEAN Register;           /* WDF_WMI_INSTANCE_CONFIG.Register */
} WT_INSTANCE_SPEC;

/* What WdfWmiInstance* DDI a query callback calls on another instance before it answers. */
typedef struct _WT_REENTRY {
    ULONG Register;   /* 1 + index of an instance to WdfWmiInstanceRegister, 0 for none */
    ULONG Deregister; /* 1 + index of an instance to WdfWmiInstanceDeregister */
    ULONG Fire;       /* 1 + index of an instance to WdfWmiInstanceFireEvent(4 bytes) */
} WT_REENTRY;

typedef struct _WT_INSTANCE_BEHAVIOUR {
    /*
     * The natural query answer: DataSize bytes, byte k = Pattern + k, or
     * STATUS_BUFFER_TOO_SMALL with *BufferUsed = DataSize when they do not fit.
     */
    ULONG DataSize;
    UCHAR Pattern;
    /* Instead: write WriteBytes bytes (Pattern + k), set *BufferUsed = Used, return Status. */
    BOOLEAN ForceQuery;
    NTSTATUS QueryStatus;
    ULONG QueryUsed;
    ULONG QueryWriteBytes;
    BOOLEAN LeaveBufferUsed; /* never write *BufferUsed */
    ULONG QueryOverrun;      /* then write this many 0xEE bytes from OutBuffer + OutBufferSize on */
    WT_REENTRY Reentry;

    NTSTATUS SetStatus;     /* EvtWmiInstanceSetInstance returns this */
    NTSTATUS SetItemStatus; /* EvtWmiInstanceSetItem returns this */

    /*
     * Execute: the natural answer writes ExecuteOutSize bytes (Pattern + k)
     * or returns STATUS_BUFFER_TOO_SMALL with *BufferUsed = ExecuteOutSize.
     */
    ULONG ExecuteOutSize;
    BOOLEAN ForceExecute; /* instead: *BufferUsed = ExecuteUsed, return ExecuteStatus */
    NTSTATUS ExecuteStatus;
    ULONG ExecuteUsed;
    ULONG ExecuteOverrun; /* write this many 0xEE bytes from Buffer + max(In, Out) on */
} WT_INSTANCE_BEHAVIOUR;

typedef struct _WT_INSTANCE_RECORD {
    ULONG QueryCalls;
    ULONG QueryOutSize[WT_MAX_CALLS];
    PUCHAR QueryBuffer[WT_MAX_CALLS];
    ULONG QueryUsedOnEntry[WT_MAX_CALLS];
    UCHAR QueryFirstBytes[4]; /* what the buffer held when the last query started */
    NTSTATUS ReentryRegisterStatus;
    NTSTATUS ReentryFireStatus;

    ULONG SetCalls;
    ULONG SetSize;
    BOOLEAN SetBufferNull;
    UCHAR SetData[WT_RECORD_BYTES];

    ULONG SetItemCalls;
    ULONG ItemId;
    ULONG ItemSize;
    BOOLEAN ItemBufferNull;
    UCHAR ItemData[WT_RECORD_BYTES];

    ULONG ExecuteCalls;
    ULONG MethodId;
    ULONG ExecuteIn;
    ULONG ExecuteOut;
    BOOLEAN ExecuteBufferNull;
    ULONG ExecuteUsedOnEntry;
    UCHAR ExecuteData[WT_RECORD_BYTES];
} WT_INSTANCE_RECORD;

typedef struct _WT_PROVIDER_RECORD {
    ULONG ControlCalls;
    WDF_WMI_PROVIDER_CONTROL LastControl;
    BOOLEAN LastEnable;
    BOOLEAN EventEnabledSeen;      /* WdfWmiProviderIsEnabled(.., WdfWmiEventControl) inside the callback */
    BOOLEAN CollectionEnabledSeen; /* WdfWmiProviderIsEnabled(.., WdfWmiInstanceControl) inside the callback */
    ULONGLONG TracingHandleSeen;   /* WdfWmiProviderGetTracingHandle inside the callback */
} WT_PROVIDER_RECORD;

typedef struct _WMI_TEST_CONTROL {
    /* Set by the test before kmdfsim_device_add. */
    WT_PROVIDER_SPEC Providers[WT_MAX_PROVIDERS];
    WT_INSTANCE_SPEC Instances[WT_MAX_INSTANCES];
    BOOLEAN AssignMofName; /* WdfDeviceAssignMofResourceName: odd length, then L"WmiTestMof", then again */

    /* Steered at any time. */
    WT_INSTANCE_BEHAVIOUR Behaviour[WT_MAX_INSTANCES];
    NTSTATUS ControlStatus[WT_MAX_PROVIDERS]; /* EvtWmiProviderFunctionControl returns this */

    /* Written by the driver. */
    WDFDEVICE Device;
    WDFWMIPROVIDER ProviderHandles[WT_MAX_PROVIDERS];
    WDFWMIINSTANCE InstanceHandles[WT_MAX_INSTANCES];
    NTSTATUS ProviderCreateStatus[WT_MAX_PROVIDERS];
    NTSTATUS InstanceCreateStatus[WT_MAX_INSTANCES];
    NTSTATUS MofOddLengthStatus;
    NTSTATUS MofStatus;
    NTSTATUS MofSecondStatus;
    WT_INSTANCE_RECORD Records[WT_MAX_INSTANCES];
    WT_PROVIDER_RECORD ProviderRecords[WT_MAX_PROVIDERS];
    ULONG StrayCallbacks; /* callbacks for a handle the driver did not create */
    WCHAR RegistryPath[256];
    USHORT RegistryPathLength; /* bytes */
} WMI_TEST_CONTROL;

extern WMI_TEST_CONTROL WmiTest;

/* The MOF resource name the driver assigns when AssignMofName is set. */
#define WT_MOF_NAME L"WmiTestMof"

DRIVER_INITIALIZE WmiTestDriverEntry;

#endif
