/*
 * wmi.c - the WMI blocks of the Contoso virtual thermal sensor.
 *
 *   Contoso_ThermalInfo        read-only, variable size (a counted string)
 *   Contoso_ThermalSettings    read/write, item by item or whole
 *   Contoso_ThermalControl     methods only
 *   Contoso_ThermalStatistics  expensive: collected only while enabled
 *   Contoso_ThermalAlarmEvent  event, fired through WdfWmiInstanceFireEvent
 *   Contoso_ThermalShutdownEvent event, fired the older way through IoWMIWriteEvent
 */
#include "thermal.h"
#include "wmi.tmh"

static const GUID ThermalInfoGuid = Contoso_ThermalInfoGuid;
static const GUID ThermalSettingsGuid = Contoso_ThermalSettingsGuid;
static const GUID ThermalControlGuid = Contoso_ThermalControlGuid;
static const GUID ThermalStatisticsGuid = Contoso_ThermalStatisticsGuid;
static const GUID ThermalAlarmEventGuid = Contoso_ThermalAlarmEventGuid;
static const GUID ThermalShutdownEventGuid = Contoso_ThermalShutdownEventGuid;

EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE ThermalEvtInfoQuery;
EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE ThermalEvtSettingsQuery;
EVT_WDF_WMI_INSTANCE_SET_INSTANCE ThermalEvtSettingsSet;
EVT_WDF_WMI_INSTANCE_SET_ITEM ThermalEvtSettingsSetItem;
EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD ThermalEvtControlExecute;
EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE ThermalEvtStatisticsQuery;
EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL ThermalEvtStatisticsControl;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, ThermalWmiRegistration)
#pragma alloc_text(PAGE, ThermalEvtInfoQuery)
#pragma alloc_text(PAGE, ThermalEvtSettingsSet)
#pragma alloc_text(PAGE, ThermalEvtSettingsSetItem)
#pragma alloc_text(PAGE, ThermalEvtControlExecute)
#pragma alloc_text(PAGE, ThermalEvtStatisticsControl)
#endif

/* Creates one registered instance on a new provider for `Guid`. */
static NTSTATUS ThermalCreateBlock(_In_ WDFDEVICE Device, _In_ const GUID *Guid, _In_ ULONG Flags, _In_ ULONG MinSize,
                                   _In_opt_ PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL Control,
                                   _Inout_ PWDF_WMI_INSTANCE_CONFIG InstanceConfig, _Out_opt_ WDFWMIINSTANCE *Instance)
{
    WDF_WMI_PROVIDER_CONFIG providerConfig;
    WDFWMIPROVIDER provider;
    NTSTATUS status;

    WDF_WMI_PROVIDER_CONFIG_INIT(&providerConfig, Guid);
    providerConfig.Flags = Flags;
    providerConfig.MinInstanceBufferSize = MinSize;
    providerConfig.EvtWmiProviderFunctionControl = Control;
    status = WdfWmiProviderCreate(Device, &providerConfig, WDF_NO_OBJECT_ATTRIBUTES, &provider);
    TraceReturnIfFailed(status, "WdfWmiProviderCreate %!GUID! failed %!STATUS!", Guid, status);

    InstanceConfig->Provider = provider;
    InstanceConfig->Register = TRUE;
    status = WdfWmiInstanceCreate(Device, InstanceConfig, WDF_NO_OBJECT_ATTRIBUTES, Instance);
    TraceReturnIfFailed(status, "WdfWmiInstanceCreate %!GUID! failed %!STATUS!", Guid, status);
    return status;
}

_Use_decl_annotations_
NTSTATUS
ThermalWmiRegistration(WDFDEVICE Device)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(Device);
    WDF_WMI_INSTANCE_CONFIG config;
    NTSTATUS status;
    DECLARE_CONST_UNICODE_STRING(mofResourceName, L"ThermalSensorWMI");

    PAGED_CODE();
    status = WdfDeviceAssignMofResourceName(Device, &mofResourceName);
    TraceReturnIfFailed(status, "WdfDeviceAssignMofResourceName failed %!STATUS!", status);

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, NULL);
    config.EvtWmiInstanceQueryInstance = ThermalEvtInfoQuery;
    status = ThermalCreateBlock(Device, &ThermalInfoGuid, 0, 0, NULL, &config, NULL);
    if (!NT_SUCCESS(status))
        return status;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, NULL);
    config.EvtWmiInstanceQueryInstance = ThermalEvtSettingsQuery;
    config.EvtWmiInstanceSetInstance = ThermalEvtSettingsSet;
    config.EvtWmiInstanceSetItem = ThermalEvtSettingsSetItem;
    status = ThermalCreateBlock(Device, &ThermalSettingsGuid, 0, Contoso_ThermalSettings_SIZE, NULL, &config, NULL);
    if (!NT_SUCCESS(status))
        return status;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, NULL);
    config.EvtWmiInstanceExecuteMethod = ThermalEvtControlExecute;
    status = ThermalCreateBlock(Device, &ThermalControlGuid, 0, 0, NULL, &config, NULL);
    if (!NT_SUCCESS(status))
        return status;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, NULL);
    config.EvtWmiInstanceQueryInstance = ThermalEvtStatisticsQuery;
    status = ThermalCreateBlock(Device, &ThermalStatisticsGuid, WdfWmiProviderExpensive,
                                Contoso_ThermalStatistics_SIZE, ThermalEvtStatisticsControl, &config, NULL);
    if (!NT_SUCCESS(status))
        return status;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, NULL);
    status = ThermalCreateBlock(Device, &ThermalAlarmEventGuid, WdfWmiProviderEventOnly, 0, NULL, &config,
                                &context->AlarmEventInstance);
    if (!NT_SUCCESS(status))
        return status;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, NULL);
    return ThermalCreateBlock(Device, &ThermalShutdownEventGuid, WdfWmiProviderEventOnly, 0, NULL, &config,
                              &context->ShutdownEventInstance);
}

/* ---- Contoso_ThermalInfo ------------------------------------------------ */

_Use_decl_annotations_
NTSTATUS
ThermalEvtInfoQuery(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    UNICODE_STRING location;
    ULONG stringSize;
    NTSTATUS status;

    PAGED_CODE();
    location.Buffer = context->Location;
    location.Length = context->LocationLength;
    location.MaximumLength = sizeof(context->Location);

    if (OutBufferSize < sizeof(ULONG)) {
        *BufferUsed = sizeof(ULONG) + sizeof(USHORT) + location.Length;
        return STATUS_BUFFER_TOO_SMALL;
    }
    *(PULONG)OutBuffer = THERMAL_FIRMWARE_VERSION;
    status = WDF_WMI_BUFFER_APPEND_STRING(WDF_PTR_ADD_OFFSET(OutBuffer, sizeof(ULONG)),
                                          OutBufferSize - sizeof(ULONG), &location, &stringSize);
    *BufferUsed = sizeof(ULONG) + stringSize;
    return status;
}

/* ---- Contoso_ThermalSettings -------------------------------------------- */

_Use_decl_annotations_
NTSTATUS
ThermalEvtSettingsQuery(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    PContoso_ThermalSettings settings = (PContoso_ThermalSettings)OutBuffer;

    /* The framework guarantees MinInstanceBufferSize bytes. */
    UNREFERENCED_PARAMETER(OutBufferSize);
    WdfSpinLockAcquire(context->Lock);
    settings->HighThreshold = context->HighThreshold;
    settings->LowThreshold = context->LowThreshold;
    settings->CurrentTemperature = context->CurrentTemperature;
    settings->AlarmEnabled = context->AlarmEnabled;
    WdfSpinLockRelease(context->Lock);
    *BufferUsed = Contoso_ThermalSettings_SIZE;
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
ThermalEvtSettingsSet(WDFWMIINSTANCE WmiInstance, ULONG InBufferSize, PVOID InBuffer)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    PContoso_ThermalSettings settings = (PContoso_ThermalSettings)InBuffer;

    PAGED_CODE();
    if (InBufferSize < Contoso_ThermalSettings_SIZE)
        return STATUS_BUFFER_TOO_SMALL;
    if (settings->HighThreshold <= settings->LowThreshold) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_WMI, "rejected thresholds %d..%d", settings->LowThreshold,
                    settings->HighThreshold);
        return STATUS_INVALID_PARAMETER;
    }
    /* CurrentTemperature is read-only: a whole-instance set leaves it alone. */
    WdfSpinLockAcquire(context->Lock);
    context->HighThreshold = settings->HighThreshold;
    context->LowThreshold = settings->LowThreshold;
    context->AlarmEnabled = settings->AlarmEnabled ? TRUE : FALSE;
    context->AlarmLatched = FALSE;
    WdfSpinLockRelease(context->Lock);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
ThermalEvtSettingsSetItem(WDFWMIINSTANCE WmiInstance, ULONG DataItemId, ULONG InBufferSize, PVOID InBuffer)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    NTSTATUS status = STATUS_SUCCESS;
    LONG value = 0;

    PAGED_CODE();
    switch (DataItemId) {
    case Contoso_ThermalSettings_HighThreshold_ID:
    case Contoso_ThermalSettings_LowThreshold_ID:
        if (InBufferSize < sizeof(LONG))
            return STATUS_BUFFER_TOO_SMALL;
        value = *(PLONG)InBuffer;
        break;
    case Contoso_ThermalSettings_AlarmEnabled_ID:
        if (InBufferSize < sizeof(BOOLEAN))
            return STATUS_BUFFER_TOO_SMALL;
        break;
    case Contoso_ThermalSettings_CurrentTemperature_ID:
        return STATUS_WMI_READ_ONLY;
    default:
        return STATUS_WMI_ITEMID_NOT_FOUND;
    }

    WdfSpinLockAcquire(context->Lock);
    if (DataItemId == Contoso_ThermalSettings_HighThreshold_ID) {
        if (value <= context->LowThreshold)
            status = STATUS_INVALID_PARAMETER;
        else
            context->HighThreshold = value;
    } else if (DataItemId == Contoso_ThermalSettings_LowThreshold_ID) {
        if (value >= context->HighThreshold)
            status = STATUS_INVALID_PARAMETER;
        else
            context->LowThreshold = value;
    } else {
        context->AlarmEnabled = *(PBOOLEAN)InBuffer ? TRUE : FALSE;
    }
    context->AlarmLatched = FALSE;
    WdfSpinLockRelease(context->Lock);
    return status;
}

/* ---- Contoso_ThermalControl --------------------------------------------- */

_Use_decl_annotations_
NTSTATUS
ThermalEvtControlExecute(WDFWMIINSTANCE WmiInstance, ULONG MethodId, ULONG InBufferSize, ULONG OutBufferSize,
                         PVOID Buffer, PULONG BufferUsed)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    LONG input;

    PAGED_CODE();
    switch (MethodId) {
    case ResetPeakTemperature:
        if (OutBufferSize < ResetPeakTemperature_OUT_SIZE) {
            *BufferUsed = ResetPeakTemperature_OUT_SIZE;
            return STATUS_BUFFER_TOO_SMALL;
        }
        WdfSpinLockAcquire(context->Lock);
        ((PResetPeakTemperature_OUT)Buffer)->PreviousPeak = context->PeakTemperature;
        context->PeakTemperature = context->CurrentTemperature;
        WdfSpinLockRelease(context->Lock);
        *BufferUsed = ResetPeakTemperature_OUT_SIZE;
        return STATUS_SUCCESS;

    case Calibrate:
        if (InBufferSize < Calibrate_IN_SIZE)
            return STATUS_INVALID_PARAMETER;
        if (OutBufferSize < Calibrate_OUT_SIZE) {
            *BufferUsed = Calibrate_OUT_SIZE;
            return STATUS_BUFFER_TOO_SMALL;
        }
        input = ((PCalibrate_IN)Buffer)->OffsetCentiC; /* read before the shared buffer is overwritten */
        WdfSpinLockAcquire(context->Lock);
        context->CurrentTemperature += input - context->CalibrationOffset;
        context->CalibrationOffset = input;
        ((PCalibrate_OUT)Buffer)->CalibratedReading = context->CurrentTemperature;
        WdfSpinLockRelease(context->Lock);
        *BufferUsed = Calibrate_OUT_SIZE;
        return STATUS_SUCCESS;

    case SimulateReading: {
        LONG reported;
        BOOLEAN alarm;
        if (InBufferSize < SimulateReading_IN_SIZE)
            return STATUS_INVALID_PARAMETER;
        if (OutBufferSize < SimulateReading_OUT_SIZE) {
            *BufferUsed = SimulateReading_OUT_SIZE;
            return STATUS_BUFFER_TOO_SMALL;
        }
        input = ((PSimulateReading_IN)Buffer)->RawCentiC;
        ThermalProcessReading(context, input, &reported, &alarm);
        ((PSimulateReading_OUT)Buffer)->Reported = reported;
        ((PSimulateReading_OUT)Buffer)->AlarmRaised = alarm;
        *BufferUsed = SimulateReading_OUT_SIZE;
        return STATUS_SUCCESS;
    }

    default:
        return STATUS_WMI_ITEMID_NOT_FOUND;
    }
}

/* ---- Contoso_ThermalStatistics (expensive) ------------------------------ */

_Use_decl_annotations_
NTSTATUS
ThermalEvtStatisticsQuery(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiInstanceGetDevice(WmiInstance));
    PContoso_ThermalStatistics statistics = (PContoso_ThermalStatistics)OutBuffer;

    UNREFERENCED_PARAMETER(OutBufferSize);
    WdfSpinLockAcquire(context->Lock);
    statistics->SampleCount = context->Statistics.SampleCount;
    statistics->MinimumCentiC = context->Statistics.SampleCount ? context->Statistics.Minimum : 0;
    statistics->MaximumCentiC = context->Statistics.SampleCount ? context->Statistics.Maximum : 0;
    WdfSpinLockRelease(context->Lock);
    *BufferUsed = Contoso_ThermalStatistics_SIZE;
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
ThermalEvtStatisticsControl(WDFWMIPROVIDER WmiProvider, WDF_WMI_PROVIDER_CONTROL Control, BOOLEAN Enable)
{
    PDEVICE_CONTEXT context = ThermalGetDeviceContext(WdfWmiProviderGetDevice(WmiProvider));

    PAGED_CODE();
    if (Control != WdfWmiInstanceControl)
        return STATUS_SUCCESS;
    WdfSpinLockAcquire(context->Lock);
    context->Statistics.Collecting = Enable;
    if (Enable) {
        context->Statistics.SampleCount = 0;
        context->Statistics.Minimum = MAXLONG;
        context->Statistics.Maximum = MINLONG;
    }
    WdfSpinLockRelease(context->Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_WMI, "statistics collection %s", Enable ? "started" : "stopped");
    return STATUS_SUCCESS;
}

/* ---- Readings and events ------------------------------------------------- */

/* The older way: build the event WNODE by hand and give it to WMI. */
static VOID ThermalFireShutdownEvent(_In_ PDEVICE_CONTEXT Context, _In_ LONG Temperature)
{
    ULONG size = FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData) + Contoso_ThermalShutdownEvent_SIZE;
    PWNODE_SINGLE_INSTANCE wnode;
    NTSTATUS status;

    wnode = (PWNODE_SINGLE_INSTANCE)ExAllocatePoolWithTag(NonPagedPoolNx, size, THERMAL_POOL_TAG);
    if (wnode == NULL)
        return;
    RtlZeroMemory(wnode, size);
    wnode->WnodeHeader.BufferSize = size;
    wnode->WnodeHeader.ProviderId = IoWMIDeviceObjectToProviderId(WdfDeviceWdmGetDeviceObject(Context->Device));
    wnode->WnodeHeader.Version = 1;
    KeQuerySystemTime(&wnode->WnodeHeader.TimeStamp);
    RtlCopyMemory(&wnode->WnodeHeader.Guid, &ThermalShutdownEventGuid, sizeof(GUID));
    wnode->WnodeHeader.Flags = WNODE_FLAG_EVENT_ITEM | WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES;
    wnode->InstanceIndex = 0;
    wnode->DataBlockOffset = FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData);
    wnode->SizeDataBlock = Contoso_ThermalShutdownEvent_SIZE;
    ((PContoso_ThermalShutdownEvent)wnode->VariableData)->TemperatureCentiC = Temperature;

    status = IoWMIWriteEvent(wnode);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_WMI, "IoWMIWriteEvent failed %!STATUS!", status);
        ExFreePoolWithTag(wnode, THERMAL_POOL_TAG);
    }
}

_Use_decl_annotations_
VOID
ThermalProcessReading(PDEVICE_CONTEXT Context, LONG RawCentiC, PLONG Reported, PBOOLEAN AlarmRaised)
{
    Contoso_ThermalAlarmEvent alarm;
    BOOLEAN fireAlarm = FALSE;
    LONG reading;

    RtlZeroMemory(&alarm, sizeof(alarm));
    WdfSpinLockAcquire(Context->Lock);
    reading = RawCentiC + Context->CalibrationOffset;
    Context->CurrentTemperature = reading;
    if (reading > Context->PeakTemperature)
        Context->PeakTemperature = reading;
    if (Context->Statistics.Collecting) {
        Context->Statistics.SampleCount++;
        if (reading < Context->Statistics.Minimum)
            Context->Statistics.Minimum = reading;
        if (reading > Context->Statistics.Maximum)
            Context->Statistics.Maximum = reading;
    }
    if (reading <= Context->HighThreshold && reading >= Context->LowThreshold) {
        Context->AlarmLatched = FALSE;
    } else if (Context->AlarmEnabled && !Context->AlarmLatched) {
        Context->AlarmLatched = TRUE;
        fireAlarm = TRUE;
        alarm.TemperatureCentiC = reading;
        alarm.High = reading > Context->HighThreshold;
        alarm.ThresholdCentiC = alarm.High ? Context->HighThreshold : Context->LowThreshold;
    }
    WdfSpinLockRelease(Context->Lock);

    /* Events go out at PASSIVE_LEVEL, after the lock, and only to a consumer that asked. */
    if (fireAlarm &&
        WdfWmiProviderIsEnabled(WdfWmiInstanceGetProvider(Context->AlarmEventInstance), WdfWmiEventControl)) {
        NTSTATUS status = WdfWmiInstanceFireEvent(Context->AlarmEventInstance, Contoso_ThermalAlarmEvent_SIZE, &alarm);
        if (!NT_SUCCESS(status))
            TraceEvents(TRACE_LEVEL_ERROR, TRACE_WMI, "WdfWmiInstanceFireEvent failed %!STATUS!", status);
    }
    if (reading >= THERMAL_CRITICAL &&
        WdfWmiProviderIsEnabled(WdfWmiInstanceGetProvider(Context->ShutdownEventInstance), WdfWmiEventControl)) {
        ThermalFireShutdownEvent(Context, reading);
    }
    *Reported = reading;
    *AlarmRaised = fireAlarm;
}
