/*
 * wdfwmi.h - KMDF WMI providers and instances (kmdfsim WDK surface,
 * modelled on KMDF 1.33; the types, fields and DDIs are the same from 1.15
 * on). kmdfsim implements the DDIs and the WMI IRP dispatch behind them.
 */
#ifndef _WDFWMI_H_
#define _WDFWMI_H_

#include <wdftypes.h>
#include <wdfobject.h>
#include <wdfcore.h>

EXTERN_C_START

/* What an EvtWmiProviderFunctionControl call switches. */
typedef enum _WDF_WMI_PROVIDER_CONTROL {
    WdfWmiControlInvalid = 0,
    WdfWmiEventControl = 1,    /* event delivery (IRP_MN_ENABLE/DISABLE_EVENTS) */
    WdfWmiInstanceControl = 2  /* data collection (IRP_MN_ENABLE/DISABLE_COLLECTION) */
} WDF_WMI_PROVIDER_CONTROL;

typedef enum _WDF_WMI_PROVIDER_FLAGS {
    WdfWmiProviderEventOnly = 0x0001, /* fires events; no query/set/execute callbacks */
    WdfWmiProviderExpensive = 0x0002, /* collection is switched on and off by function control */
    WdfWmiProviderTracing = 0x0004,
    WdfWmiProviderValidFlags = WdfWmiProviderEventOnly | WdfWmiProviderExpensive | WdfWmiProviderTracing
} WDF_WMI_PROVIDER_FLAGS;

/*
 * Fill OutBuffer (OutBufferSize bytes available) and report the bytes used,
 * or return STATUS_BUFFER_TOO_SMALL with the size needed in *BufferUsed.
 */
typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE(
    _In_ WDFWMIINSTANCE WmiInstance, _In_ ULONG OutBufferSize,
    _Out_writes_bytes_to_(OutBufferSize, *BufferUsed) PVOID OutBuffer, _Out_ PULONG BufferUsed);
typedef EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE *PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE;

typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_WMI_INSTANCE_SET_INSTANCE(
    _In_ WDFWMIINSTANCE WmiInstance, _In_ ULONG InBufferSize, _In_reads_bytes_(InBufferSize) PVOID InBuffer);
typedef EVT_WDF_WMI_INSTANCE_SET_INSTANCE *PFN_WDF_WMI_INSTANCE_SET_INSTANCE;

typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_WMI_INSTANCE_SET_ITEM(_In_ WDFWMIINSTANCE WmiInstance,
                                                                     _In_ ULONG DataItemId, _In_ ULONG InBufferSize,
                                                                     _In_reads_bytes_(InBufferSize) PVOID InBuffer);
typedef EVT_WDF_WMI_INSTANCE_SET_ITEM *PFN_WDF_WMI_INSTANCE_SET_ITEM;

/* Buffer holds the input and receives the output: max(InBufferSize, OutBufferSize) bytes. */
typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD(
    _In_ WDFWMIINSTANCE WmiInstance, _In_ ULONG MethodId, _In_ ULONG InBufferSize, _In_ ULONG OutBufferSize,
    _When_(InBufferSize >= OutBufferSize, _Inout_updates_bytes_(InBufferSize))
        _When_(InBufferSize < OutBufferSize, _Inout_updates_bytes_(OutBufferSize)) PVOID Buffer,
    _Out_ PULONG BufferUsed);
typedef EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD *PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD;

typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL(_In_ WDFWMIPROVIDER WmiProvider,
                                                                             _In_ WDF_WMI_PROVIDER_CONTROL Control,
                                                                             _In_ BOOLEAN Enable);
typedef EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL *PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL;

typedef struct _WDF_WMI_PROVIDER_CONFIG {
    ULONG Size;
    GUID Guid;   /* the data block */
    ULONG Flags; /* WDF_WMI_PROVIDER_FLAGS */
    /*
     * Smallest buffer a query or set must offer; smaller requests fail in the
     * framework before any callback. (Applied to EventOnly providers too.)
     */
    ULONG MinInstanceBufferSize;
    PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL EvtWmiProviderFunctionControl; /* Expensive or Tracing only */
} WDF_WMI_PROVIDER_CONFIG, *PWDF_WMI_PROVIDER_CONFIG;

FORCEINLINE VOID WDF_WMI_PROVIDER_CONFIG_INIT(_Out_ PWDF_WMI_PROVIDER_CONFIG Config, _In_ CONST GUID *Guid)
{
    RtlZeroMemory(Config, sizeof(WDF_WMI_PROVIDER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_WMI_PROVIDER_CONFIG);
    RtlCopyMemory(&Config->Guid, Guid, sizeof(GUID));
}

typedef struct _WDF_WMI_INSTANCE_CONFIG {
    ULONG Size;
    /* Exactly one of Provider and ProviderConfig; the latter creates a provider implicitly. */
    WDFWMIPROVIDER Provider;
    PWDF_WMI_PROVIDER_CONFIG ProviderConfig;
    /* Answer queries with a copy of the instance's context; EvtWmiInstanceQueryInstance is then ignored. */
    BOOLEAN UseContextForQuery;
    BOOLEAN Register; /* register with WMI at create (INIT leaves it FALSE) */
    PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE EvtWmiInstanceQueryInstance;
    PFN_WDF_WMI_INSTANCE_SET_INSTANCE EvtWmiInstanceSetInstance;
    PFN_WDF_WMI_INSTANCE_SET_ITEM EvtWmiInstanceSetItem;
    PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD EvtWmiInstanceExecuteMethod;
} WDF_WMI_INSTANCE_CONFIG, *PWDF_WMI_INSTANCE_CONFIG;

FORCEINLINE VOID WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(_Out_ PWDF_WMI_INSTANCE_CONFIG Config,
                                                       _In_ WDFWMIPROVIDER Provider)
{
    RtlZeroMemory(Config, sizeof(WDF_WMI_INSTANCE_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_WMI_INSTANCE_CONFIG);
    Config->Provider = Provider;
}

FORCEINLINE VOID WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(_Out_ PWDF_WMI_INSTANCE_CONFIG Config,
                                                              _In_ PWDF_WMI_PROVIDER_CONFIG ProviderConfig)
{
    RtlZeroMemory(Config, sizeof(WDF_WMI_INSTANCE_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_WMI_INSTANCE_CONFIG);
    Config->ProviderConfig = ProviderConfig;
}

/*
 * Appends String in the MOF counted-string form: a USHORT byte length, then
 * the characters, with no terminator and no padding. *RequiredSize is always
 * String->Length + 2; when BufferLength is smaller nothing is written and
 * the result is STATUS_BUFFER_TOO_SMALL.
 */
FORCEINLINE NTSTATUS WDF_WMI_BUFFER_APPEND_STRING(_Out_writes_bytes_(BufferLength) PVOID Buffer,
                                                  _In_ ULONG BufferLength, _In_ PCUNICODE_STRING String,
                                                  _Out_ PULONG RequiredSize)
{
    USHORT length = String->Length;

    *RequiredSize = (ULONG)length + (ULONG)sizeof(USHORT);
    if (BufferLength < (ULONG)length + (ULONG)sizeof(USHORT)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    /* The buffer need not be USHORT-aligned (ALL_DATA packs strings anywhere). */
    RtlCopyMemory(Buffer, &length, sizeof(USHORT));
    if (length != 0) { /* an empty string may have a NULL Buffer */
        RtlCopyMemory(WDF_PTR_ADD_OFFSET(Buffer, sizeof(USHORT)), String->Buffer, length);
    }
    return STATUS_SUCCESS;
}

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfWmiProviderCreate(_In_ WDFDEVICE Device, _In_ PWDF_WMI_PROVIDER_CONFIG WmiProviderConfig,
                                     _In_opt_ PWDF_OBJECT_ATTRIBUTES ProviderAttributes,
                                     _Out_ WDFWMIPROVIDER *WmiProvider);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFDEVICE WdfWmiProviderGetDevice(_In_ WDFWMIPROVIDER WmiProvider);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI BOOLEAN WdfWmiProviderIsEnabled(_In_ WDFWMIPROVIDER WmiProvider,
                                       _In_ WDF_WMI_PROVIDER_CONTROL ProviderControl);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI ULONGLONG WdfWmiProviderGetTracingHandle(_In_ WDFWMIPROVIDER WmiProvider);

/* Device is unused when InstanceConfig->Provider is set; Instance may be NULL. */
_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfWmiInstanceCreate(_In_ WDFDEVICE Device, _In_ PWDF_WMI_INSTANCE_CONFIG InstanceConfig,
                                     _In_opt_ PWDF_OBJECT_ATTRIBUTES InstanceAttributes,
                                     _Out_opt_ WDFWMIINSTANCE *Instance);

/* The header says PASSIVE_LEVEL; KMDF accepts up to DISPATCH_LEVEL and defers the WMI update. */
_Must_inspect_result_
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI NTSTATUS WdfWmiInstanceRegister(_In_ WDFWMIINSTANCE WmiInstance);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfWmiInstanceDeregister(_In_ WDFWMIINSTANCE WmiInstance);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFDEVICE WdfWmiInstanceGetDevice(_In_ WDFWMIINSTANCE WmiInstance);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFWMIPROVIDER WdfWmiInstanceGetProvider(_In_ WDFWMIINSTANCE WmiInstance);

_Must_inspect_result_
_IRQL_requires_max_(APC_LEVEL)
WDFAPI NTSTATUS WdfWmiInstanceFireEvent(_In_ WDFWMIINSTANCE WmiInstance, _In_opt_ ULONG EventDataSize,
                                        _In_reads_bytes_opt_(EventDataSize) PVOID EventData);

/* ---- Layout checks (x64 on 64-bit hosts, x86 on 32-bit) ----------------- */
#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
C_ASSERT(sizeof(WDF_WMI_PROVIDER_CONFIG) == 40);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, Size) == 0);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, Guid) == 4);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, Flags) == 20);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, MinInstanceBufferSize) == 24);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, EvtWmiProviderFunctionControl) == 32);
C_ASSERT(sizeof(WDF_WMI_INSTANCE_CONFIG) == 64);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, Size) == 0);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, Provider) == 8);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, ProviderConfig) == 16);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, UseContextForQuery) == 24);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, Register) == 25);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceQueryInstance) == 32);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceSetInstance) == 40);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceSetItem) == 48);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceExecuteMethod) == 56);
#else
C_ASSERT(sizeof(WDF_WMI_PROVIDER_CONFIG) == 32);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, Size) == 0);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, Guid) == 4);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, Flags) == 20);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, MinInstanceBufferSize) == 24);
C_ASSERT(offsetof(WDF_WMI_PROVIDER_CONFIG, EvtWmiProviderFunctionControl) == 28);
C_ASSERT(sizeof(WDF_WMI_INSTANCE_CONFIG) == 32);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, Size) == 0);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, Provider) == 4);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, ProviderConfig) == 8);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, UseContextForQuery) == 12);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, Register) == 13);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceQueryInstance) == 16);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceSetInstance) == 20);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceSetItem) == 24);
C_ASSERT(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceExecuteMethod) == 28);
#endif

EXTERN_C_END

#endif /* _WDFWMI_H_ */
