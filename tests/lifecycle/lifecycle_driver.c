/*
 * lifecycle_driver.c - a small KMDF function driver written the way the WDK
 * samples are: role-type declarations, _Use_decl_annotations_, PAGED_CODE,
 * #pragma alloc_text under ALLOC_PRAGMA, a typed device context. It records
 * every PnP/power and object callback in LifecycleTrace.
 */
#include "lifecycle_driver.h"

#include <stdio.h>
#include <string.h>

#define LIFECYCLE_TAG 'fcyL'
#define LIFECYCLE_SIGNATURE 0x4C494645

LIFECYCLE_TRACE LifecycleTrace;
LIFECYCLE_FAULTS LifecycleFaults;

EVT_WDF_DRIVER_DEVICE_ADD LifecycleEvtDeviceAdd;
EVT_WDF_DRIVER_UNLOAD LifecycleEvtDriverUnload;
EVT_WDF_OBJECT_CONTEXT_CLEANUP LifecycleEvtDriverCleanup;
EVT_WDF_OBJECT_CONTEXT_CLEANUP LifecycleEvtDeviceCleanup;
EVT_WDF_OBJECT_CONTEXT_DESTROY LifecycleEvtDeviceDestroy;
EVT_WDF_OBJECT_CONTEXT_CLEANUP LifecycleEvtChildCleanup;
EVT_WDF_DEVICE_PREPARE_HARDWARE LifecycleEvtPrepareHardware;
EVT_WDF_DEVICE_RELEASE_HARDWARE LifecycleEvtReleaseHardware;
EVT_WDF_DEVICE_D0_ENTRY LifecycleEvtD0Entry;
EVT_WDF_DEVICE_D0_EXIT LifecycleEvtD0Exit;
EVT_WDF_DEVICE_SELF_MANAGED_IO_INIT LifecycleEvtSelfManagedIoInit;
EVT_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP LifecycleEvtSelfManagedIoCleanup;
EVT_WDF_DEVICE_SURPRISE_REMOVAL LifecycleEvtSurpriseRemoval;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, LifecycleDriverEntry)
#pragma alloc_text(PAGE, LifecycleEvtDeviceAdd)
#pragma alloc_text(PAGE, LifecycleEvtPrepareHardware)
#endif

static VOID Trace(PCSTR Text)
{
    if (LifecycleTrace.Count < LIFECYCLE_LOG_MAX) {
        snprintf(LifecycleTrace.Entries[LifecycleTrace.Count], sizeof(LifecycleTrace.Entries[0]), "%s", Text);
        LifecycleTrace.Count++;
    }
}

static PCSTR PowerStateName(WDF_POWER_DEVICE_STATE State)
{
    return State == WdfPowerDeviceD3Final ? "D3Final" : State == WdfPowerDeviceD0 ? "D0" : "other";
}

_Use_decl_annotations_
NTSTATUS
LifecycleDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    NTSTATUS status;

    Trace("DriverEntry");
    WDF_DRIVER_CONFIG_INIT(&config, LifecycleEvtDeviceAdd);
    config.EvtDriverUnload = LifecycleEvtDriverUnload;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = LifecycleEvtDriverCleanup;

    status = WdfDriverCreate(DriverObject, RegistryPath, &attributes, &config, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    return LifecycleFaults.DriverEntry;
}

_Use_decl_annotations_
NTSTATUS
LifecycleEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnpCallbacks;
    WDF_OBJECT_ATTRIBUTES attributes;
    PLIFECYCLE_DEVICE_CONTEXT context;
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    PAGED_CODE();
    Trace("DeviceAdd");
    if (!NT_SUCCESS(LifecycleFaults.DeviceAdd))
        return LifecycleFaults.DeviceAdd;

    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnpCallbacks);
    pnpCallbacks.EvtDevicePrepareHardware = LifecycleEvtPrepareHardware;
    pnpCallbacks.EvtDeviceReleaseHardware = LifecycleEvtReleaseHardware;
    pnpCallbacks.EvtDeviceD0Entry = LifecycleEvtD0Entry;
    pnpCallbacks.EvtDeviceD0Exit = LifecycleEvtD0Exit;
    pnpCallbacks.EvtDeviceSelfManagedIoInit = LifecycleEvtSelfManagedIoInit;
    pnpCallbacks.EvtDeviceSelfManagedIoCleanup = LifecycleEvtSelfManagedIoCleanup;
    pnpCallbacks.EvtDeviceSurpriseRemoval = LifecycleEvtSurpriseRemoval;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnpCallbacks);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, LIFECYCLE_DEVICE_CONTEXT);
    attributes.EvtCleanupCallback = LifecycleEvtDeviceCleanup;
    attributes.EvtDestroyCallback = LifecycleEvtDeviceDestroy;
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;

    context = LifecycleGetDeviceContext(device);
    context->Signature = LIFECYCLE_SIGNATURE;

    if (LifecycleFaults.CreateChildren) {
        WDF_OBJECT_ATTRIBUTES childAttributes;
        WDF_OBJECT_ATTRIBUTES_INIT(&childAttributes);
        childAttributes.ParentObject = device;
        childAttributes.EvtCleanupCallback = LifecycleEvtChildCleanup;
        status = WdfMemoryCreate(&childAttributes, NonPagedPoolNx, LIFECYCLE_TAG, 32, &context->Scratch, NULL);
        if (!NT_SUCCESS(status))
            return status;
        status = WdfSpinLockCreate(&childAttributes, &context->Lock);
        if (!NT_SUCCESS(status))
            return status;
    }
    if (LifecycleFaults.LeakPool)
        (void)ExAllocatePool2(POOL_FLAG_NON_PAGED, 24, LIFECYCLE_TAG);
    return LifecycleFaults.DeviceAddAfterCreate;
}

_Use_decl_annotations_
VOID
LifecycleEvtDriverUnload(WDFDRIVER Driver)
{
    UNREFERENCED_PARAMETER(Driver);
    Trace("DriverUnload");
}

_Use_decl_annotations_
VOID
LifecycleEvtDriverCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    Trace("DriverCleanup");
}

_Use_decl_annotations_
VOID
LifecycleEvtDeviceCleanup(WDFOBJECT Object)
{
    PLIFECYCLE_DEVICE_CONTEXT context = LifecycleGetDeviceContext(Object);
    Trace(context != NULL && context->Signature == LIFECYCLE_SIGNATURE ? "DeviceCleanup" : "DeviceCleanup(bad context)");
}

_Use_decl_annotations_
VOID
LifecycleEvtDeviceDestroy(WDFOBJECT Object)
{
    /* The context is still reachable while the destroy callback runs. */
    PLIFECYCLE_DEVICE_CONTEXT context = LifecycleGetDeviceContext(Object);
    Trace(context != NULL && context->Signature == LIFECYCLE_SIGNATURE ? "DeviceDestroy" : "DeviceDestroy(bad context)");
}

_Use_decl_annotations_
VOID
LifecycleEvtChildCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    Trace("ChildCleanup");
}

_Use_decl_annotations_
NTSTATUS
LifecycleEvtPrepareHardware(WDFDEVICE Device, WDFCMRESLIST ResourcesRaw, WDFCMRESLIST ResourcesTranslated)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesRaw);
    PAGED_CODE();
    Trace(WdfCmResourceListGetCount(ResourcesTranslated) == 0 ? "PrepareHardware" : "PrepareHardware(resources?)");
    return LifecycleFaults.PrepareHardware;
}

_Use_decl_annotations_
NTSTATUS
LifecycleEvtReleaseHardware(WDFDEVICE Device, WDFCMRESLIST ResourcesTranslated)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    Trace("ReleaseHardware");
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
LifecycleEvtD0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    CHAR text[48];
    PLIFECYCLE_DEVICE_CONTEXT context = LifecycleGetDeviceContext(Device);
    context->StartCount++;
    snprintf(text, sizeof(text), "D0Entry(%s)", PowerStateName(PreviousState));
    Trace(text);
    return LifecycleFaults.D0Entry;
}

_Use_decl_annotations_
NTSTATUS
LifecycleEvtD0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    CHAR text[48];
    UNREFERENCED_PARAMETER(Device);
    snprintf(text, sizeof(text), "D0Exit(%s)", PowerStateName(TargetState));
    Trace(text);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
LifecycleEvtSelfManagedIoInit(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Trace("SelfManagedIoInit");
    return LifecycleFaults.SelfManagedIoInit;
}

_Use_decl_annotations_
VOID
LifecycleEvtSelfManagedIoCleanup(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Trace("SelfManagedIoCleanup");
}

_Use_decl_annotations_
VOID
LifecycleEvtSurpriseRemoval(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Trace("SurpriseRemoval");
}
