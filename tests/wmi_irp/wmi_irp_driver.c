/*
 * wmi_irp_driver.c - a KMDF function driver with WMI data blocks, written
 * the way WDK samples are (role-type declarations, _Use_decl_annotations_,
 * PAGED_CODE, #pragma alloc_text). Its providers, instances and answers are
 * taken from WmiTest; its callbacks record what they were given there.
 */
#include "wmi_irp_driver.h"

WMI_TEST_CONTROL WmiTest;

EVT_WDF_DRIVER_DEVICE_ADD WmiTestEvtDeviceAdd;
EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE WmiTestEvtQueryInstance;
EVT_WDF_WMI_INSTANCE_SET_INSTANCE WmiTestEvtSetInstance;
EVT_WDF_WMI_INSTANCE_SET_ITEM WmiTestEvtSetItem;
EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD WmiTestEvtExecuteMethod;
EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL WmiTestEvtFunctionControl;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, WmiTestDriverEntry)
#pragma alloc_text(PAGE, WmiTestEvtDeviceAdd)
#pragma alloc_text(PAGE, WmiTestEvtQueryInstance)
#pragma alloc_text(PAGE, WmiTestEvtSetInstance)
#pragma alloc_text(PAGE, WmiTestEvtSetItem)
#pragma alloc_text(PAGE, WmiTestEvtExecuteMethod)
#pragma alloc_text(PAGE, WmiTestEvtFunctionControl)
#endif

#define WT_OVERRUN_BYTE 0xEE

static LONG InstanceSlot(WDFWMIINSTANCE Instance)
{
    for (LONG i = 0; i < WT_MAX_INSTANCES; i++) {
        if (WmiTest.InstanceHandles[i] == Instance && Instance != NULL)
            return i;
    }
    WmiTest.StrayCallbacks++;
    return -1;
}

static LONG ProviderSlot(WDFWMIPROVIDER Provider)
{
    for (LONG i = 0; i < WT_MAX_PROVIDERS; i++) {
        if (WmiTest.ProviderHandles[i] == Provider && Provider != NULL)
            return i;
    }
    WmiTest.StrayCallbacks++;
    return -1;
}

static VOID CopyRecord(PUCHAR Destination, PVOID Source, ULONG Size)
{
    RtlZeroMemory(Destination, WT_RECORD_BYTES);
    if (Source != NULL)
        RtlCopyMemory(Destination, Source, Size < WT_RECORD_BYTES ? Size : WT_RECORD_BYTES);
}

static VOID FillPattern(PUCHAR Buffer, ULONG Size, UCHAR Pattern)
{
    for (ULONG k = 0; k < Size; k++)
        Buffer[k] = (UCHAR)(Pattern + k);
}

_Use_decl_annotations_
NTSTATUS
WmiTestDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    USHORT length = RegistryPath->Length;

    if (length > sizeof(WmiTest.RegistryPath))
        length = sizeof(WmiTest.RegistryPath);
    RtlCopyMemory(WmiTest.RegistryPath, RegistryPath->Buffer, length);
    WmiTest.RegistryPathLength = length;

    WDF_DRIVER_CONFIG_INIT(&config, WmiTestEvtDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

static VOID AssignMofName(WDFDEVICE Device)
{
    static WCHAR nameBuffer[] = WT_MOF_NAME;
    UNICODE_STRING name;
    UNICODE_STRING odd;

    RtlInitUnicodeString(&name, nameBuffer);
    odd = name;

    odd.Length = 3; /* not a whole number of WCHARs */
    WmiTest.MofOddLengthStatus = WdfDeviceAssignMofResourceName(Device, &odd);
    WmiTest.MofStatus = WdfDeviceAssignMofResourceName(Device, &name);
    WmiTest.MofSecondStatus = WdfDeviceAssignMofResourceName(Device, &name);
}

static NTSTATUS CreateInstance(ULONG Index)
{
    const WT_INSTANCE_SPEC *spec = &WmiTest.Instances[Index];
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    PWDF_OBJECT_ATTRIBUTES attributesPointer = WDF_NO_OBJECT_ATTRIBUTES;
    WDFWMIINSTANCE instance = NULL;
    NTSTATUS status;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, WmiTest.ProviderHandles[spec->Provider]);
    config.Register = spec->Register;
    config.UseContextForQuery = spec->UseContextForQuery;
    if (spec->Callbacks & WT_CB_QUERY)
        config.EvtWmiInstanceQueryInstance = WmiTestEvtQueryInstance;
    if (spec->Callbacks & WT_CB_SET)
        config.EvtWmiInstanceSetInstance = WmiTestEvtSetInstance;
    if (spec->Callbacks & WT_CB_SET_ITEM)
        config.EvtWmiInstanceSetItem = WmiTestEvtSetItem;
    if (spec->Callbacks & WT_CB_EXECUTE)
        config.EvtWmiInstanceExecuteMethod = WmiTestEvtExecuteMethod;
    if (spec->UseContextForQuery) {
        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, WT_QUERY_CONTEXT);
        attributes.ContextSizeOverride = spec->ContextSizeOverride;
        attributesPointer = &attributes;
    }
    /*
     * The handle is known before the instance is registered only through the
     * out-pointer; a registration inside WdfWmiInstanceCreate may already
     * make WMI query it, so the slot is filled as soon as the call returns.
     */
    status = WdfWmiInstanceCreate(WmiTest.Device, &config, attributesPointer, &instance);
    WmiTest.InstanceCreateStatus[Index] = status;
    if (!NT_SUCCESS(status))
        return status;
    WmiTest.InstanceHandles[Index] = instance;
    if (spec->UseContextForQuery) {
        PUCHAR bytes = (PUCHAR)WtGetQueryContext(instance);
        size_t total = spec->ContextSizeOverride != 0 ? spec->ContextSizeOverride : sizeof(WT_QUERY_CONTEXT);
        FillPattern(bytes, sizeof(WT_QUERY_CONTEXT), WmiTest.Behaviour[Index].Pattern);
        for (size_t k = sizeof(WT_QUERY_CONTEXT); k < total; k++)
            bytes[k] = (UCHAR)(0xA0 + (k - sizeof(WT_QUERY_CONTEXT)));
    }
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
WmiTestEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    PAGED_CODE();

    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status))
        return status;
    WmiTest.Device = device;

    if (WmiTest.AssignMofName)
        AssignMofName(device);

    for (ULONG p = 0; p < WT_MAX_PROVIDERS; p++) {
        WDF_WMI_PROVIDER_CONFIG config;
        if (!WmiTest.Providers[p].Present)
            continue;
        WDF_WMI_PROVIDER_CONFIG_INIT(&config, &WmiTest.Providers[p].Guid);
        config.Flags = WmiTest.Providers[p].Flags;
        config.MinInstanceBufferSize = WmiTest.Providers[p].MinInstanceBufferSize;
        if (WmiTest.Providers[p].FunctionControl)
            config.EvtWmiProviderFunctionControl = WmiTestEvtFunctionControl;
        status = WdfWmiProviderCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &WmiTest.ProviderHandles[p]);
        WmiTest.ProviderCreateStatus[p] = status;
        if (!NT_SUCCESS(status))
            return status;
    }
    for (ULONG i = 0; i < WT_MAX_INSTANCES; i++) {
        if (!WmiTest.Instances[i].Present)
            continue;
        status = CreateInstance(i);
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}

static VOID Reenter(const WT_REENTRY *Reentry, WT_INSTANCE_RECORD *Record)
{
    static UCHAR eventData[4] = {0xF1, 0xF2, 0xF3, 0xF4};

    if (Reentry->Register != 0)
        Record->ReentryRegisterStatus = WdfWmiInstanceRegister(WmiTest.InstanceHandles[Reentry->Register - 1]);
    if (Reentry->Deregister != 0)
        WdfWmiInstanceDeregister(WmiTest.InstanceHandles[Reentry->Deregister - 1]);
    if (Reentry->Fire != 0)
        Record->ReentryFireStatus =
            WdfWmiInstanceFireEvent(WmiTest.InstanceHandles[Reentry->Fire - 1], sizeof(eventData), eventData);
}

_Use_decl_annotations_
NTSTATUS
WmiTestEvtQueryInstance(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    LONG slot = InstanceSlot(WmiInstance);
    const WT_INSTANCE_BEHAVIOUR *behaviour;
    WT_INSTANCE_RECORD *record;
    PUCHAR buffer = (PUCHAR)OutBuffer;
    NTSTATUS status;

    PAGED_CODE();
    if (slot < 0)
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    behaviour = &WmiTest.Behaviour[slot];
    record = &WmiTest.Records[slot];
    if (record->QueryCalls < WT_MAX_CALLS) {
        record->QueryOutSize[record->QueryCalls] = OutBufferSize;
        record->QueryBuffer[record->QueryCalls] = buffer;
        record->QueryUsedOnEntry[record->QueryCalls] = *BufferUsed;
    }
    record->QueryCalls++;
    RtlZeroMemory(record->QueryFirstBytes, sizeof(record->QueryFirstBytes));
    if (buffer != NULL)
        RtlCopyMemory(record->QueryFirstBytes, buffer, OutBufferSize < 4 ? OutBufferSize : 4);

    Reenter(&behaviour->Reentry, record);

    if (behaviour->ForceQuery) {
        FillPattern(buffer, behaviour->QueryWriteBytes, behaviour->Pattern);
        if (!behaviour->LeaveBufferUsed)
            *BufferUsed = behaviour->QueryUsed;
        status = behaviour->QueryStatus;
    } else if (OutBufferSize < behaviour->DataSize) {
        if (!behaviour->LeaveBufferUsed)
            *BufferUsed = behaviour->DataSize;
        status = STATUS_BUFFER_TOO_SMALL;
    } else {
        FillPattern(buffer, behaviour->DataSize, behaviour->Pattern);
        if (!behaviour->LeaveBufferUsed)
            *BufferUsed = behaviour->DataSize;
        status = STATUS_SUCCESS;
    }
    for (ULONG k = 0; k < behaviour->QueryOverrun; k++)
        buffer[OutBufferSize + k] = WT_OVERRUN_BYTE;
    return status;
}

_Use_decl_annotations_
NTSTATUS
WmiTestEvtSetInstance(WDFWMIINSTANCE WmiInstance, ULONG InBufferSize, PVOID InBuffer)
{
    LONG slot = InstanceSlot(WmiInstance);
    WT_INSTANCE_RECORD *record;

    PAGED_CODE();
    if (slot < 0)
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    record = &WmiTest.Records[slot];
    record->SetCalls++;
    record->SetSize = InBufferSize;
    record->SetBufferNull = InBuffer == NULL;
    CopyRecord(record->SetData, InBuffer, InBufferSize);
    return WmiTest.Behaviour[slot].SetStatus;
}

_Use_decl_annotations_
NTSTATUS
WmiTestEvtSetItem(WDFWMIINSTANCE WmiInstance, ULONG DataItemId, ULONG InBufferSize, PVOID InBuffer)
{
    LONG slot = InstanceSlot(WmiInstance);
    WT_INSTANCE_RECORD *record;

    PAGED_CODE();
    if (slot < 0)
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    record = &WmiTest.Records[slot];
    record->SetItemCalls++;
    record->ItemId = DataItemId;
    record->ItemSize = InBufferSize;
    record->ItemBufferNull = InBuffer == NULL;
    CopyRecord(record->ItemData, InBuffer, InBufferSize);
    return WmiTest.Behaviour[slot].SetItemStatus;
}

_Use_decl_annotations_
NTSTATUS
WmiTestEvtExecuteMethod(WDFWMIINSTANCE WmiInstance, ULONG MethodId, ULONG InBufferSize, ULONG OutBufferSize,
                        PVOID Buffer, PULONG BufferUsed)
{
    LONG slot = InstanceSlot(WmiInstance);
    const WT_INSTANCE_BEHAVIOUR *behaviour;
    WT_INSTANCE_RECORD *record;
    PUCHAR buffer = (PUCHAR)Buffer;
    ULONG size = InBufferSize > OutBufferSize ? InBufferSize : OutBufferSize;
    NTSTATUS status;

    PAGED_CODE();
    if (slot < 0)
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    behaviour = &WmiTest.Behaviour[slot];
    record = &WmiTest.Records[slot];
    record->ExecuteCalls++;
    record->MethodId = MethodId;
    record->ExecuteIn = InBufferSize;
    record->ExecuteOut = OutBufferSize;
    record->ExecuteBufferNull = Buffer == NULL;
    record->ExecuteUsedOnEntry = *BufferUsed;
    CopyRecord(record->ExecuteData, Buffer, InBufferSize);

    if (behaviour->ForceExecute) {
        *BufferUsed = behaviour->ExecuteUsed;
        status = behaviour->ExecuteStatus;
    } else if (OutBufferSize < behaviour->ExecuteOutSize) {
        *BufferUsed = behaviour->ExecuteOutSize;
        status = STATUS_BUFFER_TOO_SMALL;
    } else {
        FillPattern(buffer, behaviour->ExecuteOutSize, behaviour->Pattern);
        *BufferUsed = behaviour->ExecuteOutSize;
        status = STATUS_SUCCESS;
    }
    for (ULONG k = 0; k < behaviour->ExecuteOverrun; k++)
        buffer[size + k] = WT_OVERRUN_BYTE;
    return status;
}

_Use_decl_annotations_
NTSTATUS
WmiTestEvtFunctionControl(WDFWMIPROVIDER WmiProvider, WDF_WMI_PROVIDER_CONTROL Control, BOOLEAN Enable)
{
    LONG slot = ProviderSlot(WmiProvider);
    WT_PROVIDER_RECORD *record;

    PAGED_CODE();
    if (slot < 0)
        return STATUS_WMI_GUID_NOT_FOUND;
    record = &WmiTest.ProviderRecords[slot];
    record->ControlCalls++;
    record->LastControl = Control;
    record->LastEnable = Enable;
    record->EventEnabledSeen = WdfWmiProviderIsEnabled(WmiProvider, WdfWmiEventControl);
    record->CollectionEnabledSeen = WdfWmiProviderIsEnabled(WmiProvider, WdfWmiInstanceControl);
    record->TracingHandleSeen = WdfWmiProviderGetTracingHandle(WmiProvider);
    return WmiTest.ControlStatus[slot];
}
