/*
 * device.c - EvtDriverDeviceAdd: the device object, its context and its
 * WMI blocks.
 */
#include "thermal.h"
#include "device.tmh"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, ThermalEvtDeviceAdd)
#endif

/* Reads where the sensor is mounted from the bus; "unknown" when the bus does not say. */
static VOID ThermalReadLocation(_In_ WDFDEVICE Device, _Inout_ PDEVICE_CONTEXT Context)
{
    WDFMEMORY memory;
    size_t size;
    PWCHAR text;
    DECLARE_CONST_UNICODE_STRING(unknown, L"unknown");
    NTSTATUS status = WdfDeviceAllocAndQueryProperty(Device, DevicePropertyLocationInformation, NonPagedPoolNx,
                                                     WDF_NO_OBJECT_ATTRIBUTES, &memory);
    if (!NT_SUCCESS(status)) {
        RtlCopyMemory(Context->Location, unknown.Buffer, unknown.Length);
        Context->LocationLength = unknown.Length;
        return;
    }
    text = (PWCHAR)WdfMemoryGetBuffer(memory, &size);
    size = (size / sizeof(WCHAR)) * sizeof(WCHAR);
    while (size >= sizeof(WCHAR) && text[size / sizeof(WCHAR) - 1] == UNICODE_NULL)
        size -= sizeof(WCHAR);
    if (size > sizeof(Context->Location))
        size = sizeof(Context->Location);
    RtlCopyMemory(Context->Location, text, size);
    Context->LocationLength = (USHORT)size;
    WdfObjectDelete(memory);
}

_Use_decl_annotations_
NTSTATUS
ThermalEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PDEVICE_CONTEXT context;
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    PAGED_CODE();
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DEVICE, "%!FUNC! Entry");

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "WdfDeviceCreate failed %!STATUS!", status);
        return status;
    }

    context = ThermalGetDeviceContext(device);
    context->Device = device;
    context->HighThreshold = THERMAL_DEFAULT_HIGH;
    context->LowThreshold = THERMAL_DEFAULT_LOW;
    context->CurrentTemperature = 2150;
    context->PeakTemperature = context->CurrentTemperature;
    context->AlarmEnabled = TRUE;
    context->Statistics.Minimum = MAXLONG;
    context->Statistics.Maximum = MINLONG;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfSpinLockCreate(&attributes, &context->Lock);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    ThermalReadLocation(device, context);

    status = ThermalWmiRegistration(device);
    KdPrint(("Thermal: device added, status 0x%08X\n", status));
    return status;
}
