/*
 * Driver.c - DriverEntry and EvtDeviceAdd of the Firefly porting test driver.
 * Written as for the WDK: its includes use the wrong case ("FireFly.h",
 * "driver.tmh" for Driver.tmh) and MSVC-only pragmas.
 */
#include "FireFly.h"

#if defined(EVENT_TRACING)
#include "driver.tmh"
#endif

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, FireflyEvtDeviceAdd)
#endif

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    NTSTATUS status;

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! Entry, version %x", FIREFLY_VERSION);

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = FireflyEvtDriverContextCleanup;
    WDF_DRIVER_CONFIG_INIT(&config, FireflyEvtDeviceAdd);
    status = WdfDriverCreate(DriverObject, RegistryPath, &attributes, &config, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "WdfDriverCreate failed %!STATUS!", status);
        WPP_CLEANUP(DriverObject);
    }
    return status;
}

_Use_decl_annotations_
VOID
FireflyEvtDriverContextCleanup(WDFOBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC!");
    WPP_CLEANUP(WdfDriverWdmGetDriverObject((WDFDRIVER)DriverObject));
}

_Use_decl_annotations_
NTSTATUS
FireflyEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PFIREFLY_DEVICE_CONTEXT context;
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    PAGED_CODE();

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FIREFLY_DEVICE_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;

    context = FireflyGetDeviceContext(device);
    context->TailLit = FIREFLY_DEFAULT_COLOR;
    context->Blinks = 3;
    context->Uptime = 0x0000000100000002ull;

    status = FireflyWmiRegistration(device);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DEVICE, "%!FUNC! WMI registration %!STATUS!", status);
    return status;
}
