/*
 * client_driver.c - the WDK-style driver behind the WMI client tests (see
 * client_driver.h). Written like a real KMDF driver: role types, PAGED_CODE,
 * a spin lock around the data the callbacks share (WMI callbacks are not
 * synchronized with each other).
 */
#include <initguid.h>

#include "client_driver.h"

CD_OPTIONS CdOptions;

EVT_WDF_DRIVER_DEVICE_ADD CdEvtDeviceAdd;
EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE CdEvtQueryData;
EVT_WDF_WMI_INSTANCE_SET_INSTANCE CdEvtSetData;
EVT_WDF_WMI_INSTANCE_SET_ITEM CdEvtSetItem;
EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE CdEvtQueryTag;
EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD CdEvtExecuteMethod;
EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL CdEvtFunctionControl;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, CdDriverEntry)
#pragma alloc_text(PAGE, CdEvtDeviceAdd)
#endif

static PCD_DEVICE DeviceOf(WDFWMIINSTANCE Instance) { return CdGetDevice(WdfWmiInstanceGetDevice(Instance)); }

/* ---- CD_DATA_GUID --------------------------------------------------------- */

NTSTATUS CdEvtQueryData(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    PCD_DEVICE device = DeviceOf(WmiInstance);
    PCD_INSTANCE instance = CdGetInstance(WmiInstance);
    NTSTATUS status = STATUS_SUCCESS;
    WdfSpinLockAcquire(device->Lock);
    instance->QueryCalls++;
    instance->LastOutBufferSize = OutBufferSize;
    if (instance->NeverFits) {
        *BufferUsed = OutBufferSize + 1;
        WdfSpinLockRelease(device->Lock);
        return STATUS_BUFFER_TOO_SMALL;
    }
    if (OutBufferSize < instance->Size) {
        status = STATUS_BUFFER_TOO_SMALL;
    } else {
        RtlCopyMemory(OutBuffer, instance->Bytes, instance->Size);
    }
    *BufferUsed = instance->Size;
    WdfSpinLockRelease(device->Lock);
    return status;
}

NTSTATUS CdEvtSetData(WDFWMIINSTANCE WmiInstance, ULONG InBufferSize, PVOID InBuffer)
{
    PCD_DEVICE device = DeviceOf(WmiInstance);
    PCD_INSTANCE instance = CdGetInstance(WmiInstance);
    if (InBufferSize == 0)
        return STATUS_BUFFER_TOO_SMALL;
    if (InBufferSize > CD_MAX_DATA)
        return STATUS_INVALID_BUFFER_SIZE;
    WdfSpinLockAcquire(device->Lock);
    instance->SetCalls++;
    RtlCopyMemory(instance->Bytes, InBuffer, InBufferSize);
    instance->Size = InBufferSize;
    WdfSpinLockRelease(device->Lock);
    return STATUS_SUCCESS;
}

NTSTATUS CdEvtSetItem(WDFWMIINSTANCE WmiInstance, ULONG DataItemId, ULONG InBufferSize, PVOID InBuffer)
{
    PCD_DEVICE device = DeviceOf(WmiInstance);
    PCD_INSTANCE instance = CdGetInstance(WmiInstance);
    if (DataItemId != 1)
        return STATUS_WMI_ITEMID_NOT_FOUND;
    if (InBufferSize != 1)
        return STATUS_BUFFER_TOO_SMALL;
    WdfSpinLockAcquire(device->Lock);
    instance->SetCalls++;
    instance->Bytes[0] = *(PUCHAR)InBuffer;
    WdfSpinLockRelease(device->Lock);
    return STATUS_SUCCESS;
}

static NTSTATUS CreateDataInstance(WDFDEVICE Device, ULONG Size, UCHAR Fill, BOOLEAN Register, WDFWMIINSTANCE *Out)
{
    PCD_DEVICE device = CdGetDevice(Device);
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, device->Data);
    config.Register = Register;
    config.EvtWmiInstanceQueryInstance = CdEvtQueryData;
    config.EvtWmiInstanceSetInstance = CdEvtSetData;
    config.EvtWmiInstanceSetItem = CdEvtSetItem;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, CD_INSTANCE);
    WDFWMIINSTANCE instance;
    NTSTATUS status = WdfWmiInstanceCreate(Device, &config, &attributes, &instance);
    if (!NT_SUCCESS(status))
        return status;
    PCD_INSTANCE context = CdGetInstance(instance);
    context->Size = Size;
    for (ULONG i = 0; i < Size && i < CD_MAX_DATA; i++)
        context->Bytes[i] = (UCHAR)(Fill + i);
    WdfSpinLockAcquire(device->Lock);
    if (device->DataInstanceCount < CD_MAX_INSTANCES)
        device->DataInstance[device->DataInstanceCount++] = instance;
    WdfSpinLockRelease(device->Lock);
    if (Out != NULL)
        *Out = instance;
    return STATUS_SUCCESS;
}

NTSTATUS CdAddDataInstance(WDFDEVICE Device, ULONG Size, UCHAR Fill, WDFWMIINSTANCE *Instance)
{
    return CreateDataInstance(Device, Size, Fill, TRUE, Instance);
}

/* ---- Read-only, expensive, method: a 4-byte tag ------------------------- */

NTSTATUS CdEvtQueryTag(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    PCD_INSTANCE instance = CdGetInstance(WmiInstance);
    *BufferUsed = 4;
    if (OutBufferSize < 4)
        return STATUS_BUFFER_TOO_SMALL;
    RtlCopyMemory(OutBuffer, instance->Bytes, 4);
    return STATUS_SUCCESS;
}

NTSTATUS CdEvtExecuteMethod(WDFWMIINSTANCE WmiInstance, ULONG MethodId, ULONG InBufferSize, ULONG OutBufferSize,
                            PVOID Buffer, PULONG BufferUsed)
{
    PCD_DEVICE device = DeviceOf(WmiInstance);
    InterlockedIncrement(&device->MethodCalls);
    PUCHAR bytes = Buffer;
    switch (MethodId) {
    case 1: /* reverse the input in place */
        *BufferUsed = InBufferSize;
        if (OutBufferSize < InBufferSize)
            return STATUS_BUFFER_TOO_SMALL;
        for (ULONG i = 0; i < InBufferSize / 2; i++) {
            UCHAR t = bytes[i];
            bytes[i] = bytes[InBufferSize - 1 - i];
            bytes[InBufferSize - 1 - i] = t;
        }
        return STATUS_SUCCESS;
    case 2:
        *BufferUsed = 12;
        if (OutBufferSize < 12)
            return STATUS_BUFFER_TOO_SMALL;
        for (ULONG i = 0; i < 12; i++)
            bytes[i] = (UCHAR)(0xA0 + i);
        return STATUS_SUCCESS;
    default:
        return STATUS_WMI_ITEMID_NOT_FOUND;
    }
}

NTSTATUS CdEvtFunctionControl(WDFWMIPROVIDER WmiProvider, WDF_WMI_PROVIDER_CONTROL Control, BOOLEAN Enable)
{
    PCD_DEVICE device = CdGetDevice(WdfWmiProviderGetDevice(WmiProvider));
    WdfSpinLockAcquire(device->Lock);
    if (device->ControlCount < CD_MAX_CONTROLS) {
        device->Controls[device->ControlCount].Control = Control;
        device->Controls[device->ControlCount].Enable = Enable;
        device->ControlCount++;
    }
    NTSTATUS status = device->ControlStatus;
    WdfSpinLockRelease(device->Lock);
    return status;
}

ULONG CdControls(WDFDEVICE Device, CD_CONTROL *Out, ULONG Max)
{
    PCD_DEVICE device = CdGetDevice(Device);
    WdfSpinLockAcquire(device->Lock);
    ULONG n = device->ControlCount;
    for (ULONG i = 0; i < n && i < Max; i++)
        Out[i] = device->Controls[i];
    WdfSpinLockRelease(device->Lock);
    return n;
}

/* ---- Device add -------------------------------------------------------------- */

static NTSTATUS CreateProvider(WDFDEVICE Device, const GUID *Guid, ULONG Flags, WDFWMIPROVIDER *Provider)
{
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, Guid);
    config.Flags = Flags;
    if (Flags & WdfWmiProviderExpensive)
        config.EvtWmiProviderFunctionControl = CdEvtFunctionControl;
    return WdfWmiProviderCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, Provider);
}

static NTSTATUS CreateTagInstance(WDFDEVICE Device, WDFWMIPROVIDER Provider, const char *Tag, BOOLEAN Query,
                                  BOOLEAN Method, WDFWMIINSTANCE *Out)
{
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, Provider);
    config.Register = TRUE;
    if (Query)
        config.EvtWmiInstanceQueryInstance = CdEvtQueryTag;
    else
        config.EvtWmiInstanceSetInstance = CdEvtSetData;
    if (Method)
        config.EvtWmiInstanceExecuteMethod = CdEvtExecuteMethod;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, CD_INSTANCE);
    NTSTATUS status = WdfWmiInstanceCreate(Device, &config, &attributes, Out);
    if (NT_SUCCESS(status)) {
        PCD_INSTANCE context = CdGetInstance(*Out);
        context->Size = 4;
        RtlCopyMemory(context->Bytes, Tag, 4);
    }
    return status;
}

NTSTATUS CdEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    UNREFERENCED_PARAMETER(Driver);
    PAGED_CODE();
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, CD_DEVICE);
    WDFDEVICE device;
    NTSTATUS status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    PCD_DEVICE context = CdGetDevice(device);
    status = WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &context->Lock);
    if (!NT_SUCCESS(status))
        return status;

    WDFWMIPROVIDER readonly, noquery, method;
    if (!NT_SUCCESS(status = CreateProvider(device, &CD_DATA_GUID, 0, &context->Data)) ||
        !NT_SUCCESS(status = CreateProvider(device, &CD_READONLY_GUID, 0, &readonly)) ||
        !NT_SUCCESS(status = CreateProvider(device, &CD_NOQUERY_GUID, 0, &noquery)) ||
        !NT_SUCCESS(status = CreateProvider(device, &CD_EVENT_GUID, WdfWmiProviderEventOnly, &context->Events)) ||
        !NT_SUCCESS(status = CreateProvider(device, &CD_EXPENSIVE_GUID, WdfWmiProviderExpensive, &context->Expensive)) ||
        !NT_SUCCESS(status = CreateProvider(device, &CD_METHOD_GUID, 0, &method)))
        return status;

    ULONG count = CdOptions.DataInstances != 0 ? CdOptions.DataInstances : 2;
    for (ULONG k = 0; k < count; k++) {
        status = CreateDataInstance(device, 6 + 4 * (k % 15), (UCHAR)(0x10 * (k + 1)), TRUE, NULL);
        if (!NT_SUCCESS(status))
            return status;
    }
    if (!NT_SUCCESS(status = CreateTagInstance(device, readonly, "RDON", TRUE, FALSE, &context->ReadOnlyInstance)) ||
        !NT_SUCCESS(status = CreateTagInstance(device, noquery, "NOQY", FALSE, FALSE, &context->NoQueryInstance)) ||
        !NT_SUCCESS(status = CreateTagInstance(device, context->Expensive, "EXPN", TRUE, FALSE,
                                               &context->ExpensiveInstance)) ||
        !NT_SUCCESS(status = CreateTagInstance(device, method, "METH", TRUE, TRUE, &context->MethodInstance)))
        return status;
    for (ULONG k = 0; k < 2; k++) {
        WDF_WMI_INSTANCE_CONFIG config;
        WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, context->Events);
        config.Register = TRUE;
        status = WdfWmiInstanceCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &context->EventInstance[k]);
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}

NTSTATUS CdDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, CdEvtDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}
