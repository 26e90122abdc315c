/*
 * wdfdriver.h - the framework driver object (kmdfsim WDK surface).
 */
#ifndef _WDFDRIVER_H_
#define _WDFDRIVER_H_

#include <wdftypes.h>
#include <wdfobject.h>

EXTERN_C_START

typedef enum _WDF_DRIVER_INIT_FLAGS {
    WdfDriverInitNonPnpDriver = 0x00000001,       /* no EvtDriverDeviceAdd */
    WdfDriverInitNoDispatchOverride = 0x00000002, /* miniports keep their dispatch table */
    WdfVerifyOn = 0x00000004,                     /* WDFVERIFY is live */
    WdfVerifierOn = 0x00000008,
    WdfDriverInitCompanion = 0x00000010
} WDF_DRIVER_INIT_FLAGS;

#define WDF_TRACE_ID ('TRAC')

typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_DRIVER_DEVICE_ADD(_In_ WDFDRIVER Driver,
                                                                 _Inout_ PWDFDEVICE_INIT DeviceInit);
typedef EVT_WDF_DRIVER_DEVICE_ADD *PFN_WDF_DRIVER_DEVICE_ADD;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_DRIVER_UNLOAD(_In_ WDFDRIVER Driver);
typedef EVT_WDF_DRIVER_UNLOAD *PFN_WDF_DRIVER_UNLOAD;

/* WPP's trace registration callback, handed over by WdfDriverRegisterTraceInfo. */
typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_TRACE_CALLBACK(_In_ UCHAR minorFunction, _In_opt_ PVOID dataPath,
                                                              _In_ ULONG bufferLength,
                                                              _Inout_updates_bytes_(bufferLength) PVOID buffer,
                                                              _In_ PVOID context, _Out_ PULONG size);
typedef EVT_WDF_TRACE_CALLBACK *PFN_WDF_TRACE_CALLBACK;

typedef struct _WDF_DRIVER_CONFIG {
    ULONG Size;
    PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd;
    PFN_WDF_DRIVER_UNLOAD EvtDriverUnload;
    ULONG DriverInitFlags; /* WDF_DRIVER_INIT_FLAGS */
    ULONG DriverPoolTag;   /* 0: the framework picks one */
} WDF_DRIVER_CONFIG, *PWDF_DRIVER_CONFIG;

FORCEINLINE VOID WDF_DRIVER_CONFIG_INIT(_Out_ PWDF_DRIVER_CONFIG Config,
                                        _In_opt_ PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd)
{
    RtlZeroMemory(Config, sizeof(WDF_DRIVER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_DRIVER_CONFIG);
    Config->EvtDriverDeviceAdd = EvtDriverDeviceAdd;
}

typedef struct _WDF_DRIVER_VERSION_AVAILABLE_PARAMS {
    ULONG Size;
    ULONG MajorVersion;
    ULONG MinorVersion;
} WDF_DRIVER_VERSION_AVAILABLE_PARAMS, *PWDF_DRIVER_VERSION_AVAILABLE_PARAMS;

FORCEINLINE VOID WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(_Out_ PWDF_DRIVER_VERSION_AVAILABLE_PARAMS Params,
                                                          _In_ ULONG MajorVersion, _In_ ULONG MinorVersion)
{
    RtlZeroMemory(Params, sizeof(WDF_DRIVER_VERSION_AVAILABLE_PARAMS));
    Params->Size = WDF_STRUCTURE_SIZE(WDF_DRIVER_VERSION_AVAILABLE_PARAMS);
    Params->MajorVersion = MajorVersion;
    Params->MinorVersion = MinorVersion;
}

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

_Must_inspect_result_
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI NTSTATUS WdfDriverCreate(_In_ PDRIVER_OBJECT DriverObject, _In_ PCUNICODE_STRING RegistryPath,
                                _In_opt_ PWDF_OBJECT_ATTRIBUTES DriverAttributes, _In_ PWDF_DRIVER_CONFIG DriverConfig,
                                _Out_opt_ WDFDRIVER *Driver);

/* The WDK reads WdfDriverGlobals->Driver inline; kmdfsim answers from the framework. */
WDFAPI WDFDRIVER WdfGetDriver(VOID);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI PWSTR WdfDriverGetRegistryPath(_In_ WDFDRIVER Driver);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI PDRIVER_OBJECT WdfDriverWdmGetDriverObject(_In_ WDFDRIVER Driver);

_Must_inspect_result_
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI NTSTATUS WdfDriverOpenParametersRegistryKey(_In_ WDFDRIVER Driver, _In_ ACCESS_MASK DesiredAccess,
                                                   _In_opt_ PWDF_OBJECT_ATTRIBUTES KeyAttributes, _Out_ WDFKEY *Key);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFDRIVER WdfWdmDriverGetWdfDriverHandle(_In_ PDRIVER_OBJECT DriverObject);

_Must_inspect_result_
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI NTSTATUS WdfDriverRegisterTraceInfo(_In_ PDRIVER_OBJECT DriverObject,
                                           _In_ PFN_WDF_TRACE_CALLBACK EvtTraceCallback, _In_ PVOID ControlBlock);

_Must_inspect_result_
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI NTSTATUS WdfDriverRetrieveVersionString(_In_ WDFDRIVER Driver, _In_ WDFSTRING String);

_Must_inspect_result_
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI BOOLEAN WdfDriverIsVersionAvailable(_In_ WDFDRIVER Driver,
                                           _In_ PWDF_DRIVER_VERSION_AVAILABLE_PARAMS VersionAvailableParams);

EXTERN_C_END

#endif /* _WDFDRIVER_H_ */
