/*
 * wmi.c - the Firefly driver's WMI data block and method, using the header
 * generated from firefly.mof. Includes the shared header with a
 * forward-slash path whose directory has the wrong case.
 */
#include <initguid.h>

#include "FireFly.h"
#include "../Inc/public.h"

#if defined(EVENT_TRACING)
#include "wmi.tmh"
#endif

EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE FireflyEvtWmiInstanceQueryInstance;
EVT_WDF_WMI_INSTANCE_SET_INSTANCE FireflyEvtWmiInstanceSetInstance;
EVT_WDF_WMI_INSTANCE_SET_ITEM FireflyEvtWmiInstanceSetItem;
EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD FireflyEvtWmiInstanceExecuteMethod;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FireflyWmiRegistration)
#endif

#pragma code_seg("PAGE")
#pragma warning(push)
#pragma warning(disable : 4201)
#pragma warning(pop)

static const GUID FireflyControlGuidValue = FireflyControlGuid;

/* Bytes of the data block: the fixed part, then the counted UTF-16 model name. */
static ULONG ModelOffset(VOID)
{
    return (FIELD_OFFSET(FireflyDeviceInformation, VariableData) + 1u) & ~1u;
}

static ULONG DataBlockSize(VOID)
{
    return ModelOffset() + sizeof(USHORT) + sizeof(FIREFLY_MODEL_NAME) - sizeof(WCHAR);
}

static NTSTATUS ValidateColor(ULONG Color)
{
    return Color <= FIREFLY_MAX_COLOR ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

_Use_decl_annotations_
NTSTATUS
FireflyWmiRegistration(WDFDEVICE Device)
{
    WDF_WMI_PROVIDER_CONFIG providerConfig;
    WDF_WMI_INSTANCE_CONFIG instanceConfig;
    NTSTATUS status;

    PAGED_CODE();

    WDF_WMI_PROVIDER_CONFIG_INIT(&providerConfig, &FireflyDeviceInformation_GUID);
    providerConfig.MinInstanceBufferSize = FireflyDeviceInformation_TailLit_SIZE;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&instanceConfig, &providerConfig);
    instanceConfig.Register = TRUE;
    instanceConfig.EvtWmiInstanceQueryInstance = FireflyEvtWmiInstanceQueryInstance;
    instanceConfig.EvtWmiInstanceSetInstance = FireflyEvtWmiInstanceSetInstance;
    instanceConfig.EvtWmiInstanceSetItem = FireflyEvtWmiInstanceSetItem;
    status = WdfWmiInstanceCreate(Device, &instanceConfig, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    RETURN_IF_FAILED(status, "creating the data block instance");

    WDF_WMI_PROVIDER_CONFIG_INIT(&providerConfig, &FireflyControlGuidValue);
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&instanceConfig, &providerConfig);
    instanceConfig.Register = TRUE;
    instanceConfig.EvtWmiInstanceExecuteMethod = FireflyEvtWmiInstanceExecuteMethod;
    status = WdfWmiInstanceCreate(Device, &instanceConfig, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    RETURN_IF_FAILED(status, "creating the method instance");
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
FireflyEvtWmiInstanceQueryInstance(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer,
                                   PULONG BufferUsed)
{
    PFIREFLY_DEVICE_CONTEXT context = FireflyGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    ULONG size = DataBlockSize();
    PFireflyDeviceInformation info = (PFireflyDeviceInformation)OutBuffer;
    PUCHAR model;
    USHORT modelBytes = (USHORT)(sizeof(FIREFLY_MODEL_NAME) - sizeof(WCHAR));

    if (OutBufferSize < size) {
        *BufferUsed = size;
        return STATUS_BUFFER_TOO_SMALL;
    }
    RtlZeroMemory(OutBuffer, size);
    info->TailLit = context->TailLit;
    info->Blinks = context->Blinks;
    info->Uptime = context->Uptime;
    model = (PUCHAR)OutBuffer + ModelOffset();
    RtlCopyMemory(model, &modelBytes, sizeof(USHORT));
    RtlCopyMemory(model + sizeof(USHORT), FIREFLY_MODEL_NAME, modelBytes);
    *BufferUsed = size;
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_WMI, "%!FUNC! color %06X", context->TailLit);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
FireflyEvtWmiInstanceSetInstance(WDFWMIINSTANCE WmiInstance, ULONG InBufferSize, PVOID InBuffer)
{
    PFIREFLY_DEVICE_CONTEXT context = FireflyGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    ULONG color;

    if (InBufferSize < FireflyDeviceInformation_TailLit_SIZE)
        return STATUS_BUFFER_TOO_SMALL;
    color = ((PFireflyDeviceInformation)InBuffer)->TailLit;
    RETURN_IF_FAILED(ValidateColor(color), "color %08X", color);
    context->TailLit = color;
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
FireflyEvtWmiInstanceSetItem(WDFWMIINSTANCE WmiInstance, ULONG DataItemId, ULONG InBufferSize, PVOID InBuffer)
{
    PFIREFLY_DEVICE_CONTEXT context = FireflyGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    ULONG color;

    if (DataItemId != FireflyDeviceInformation_TailLit_ID)
        return STATUS_WMI_READ_ONLY;
    if (InBufferSize < FireflyDeviceInformation_TailLit_SIZE)
        return STATUS_BUFFER_TOO_SMALL;
    RtlCopyMemory(&color, InBuffer, sizeof(color));
    RETURN_IF_FAILED(ValidateColor(color), "item color %08X", color);
    context->TailLit = color;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_WMI, "%!FUNC! item %u set to %06X", DataItemId, color);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
FireflyEvtWmiInstanceExecuteMethod(WDFWMIINSTANCE WmiInstance, ULONG MethodId, ULONG InBufferSize,
                                   ULONG OutBufferSize, PVOID Buffer, PULONG BufferUsed)
{
    PFIREFLY_DEVICE_CONTEXT context = FireflyGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    SetTailLight_IN in;
    SetTailLight_OUT out;

    if (MethodId != SetTailLight)
        return STATUS_WMI_ITEMID_NOT_FOUND;
    if (InBufferSize < SetTailLight_IN_SIZE)
        return STATUS_INVALID_PARAMETER;
    if (OutBufferSize < SetTailLight_OUT_SIZE) {
        *BufferUsed = SetTailLight_OUT_SIZE;
        return STATUS_BUFFER_TOO_SMALL;
    }
    RtlCopyMemory(&in, Buffer, SetTailLight_IN_SIZE);
    RETURN_IF_FAILED(ValidateColor(in.Color), "method color %08X", in.Color);
    out.OldColor = context->TailLit;
    context->TailLit = in.Color;
    RtlCopyMemory(Buffer, &out, SetTailLight_OUT_SIZE);
    *BufferUsed = SetTailLight_OUT_SIZE;
    return STATUS_SUCCESS;
}
#pragma code_seg()
