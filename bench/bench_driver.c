/*
 * bench_driver.c - the benchmark's KMDF driver (see bench_driver.h).
 */
#include "bench_driver.h"

BENCH_CONFIG BenchConfig;

EVT_WDF_DRIVER_DEVICE_ADD BenchEvtDeviceAdd;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, BenchDriverEntry)
#pragma alloc_text(PAGE, BenchEvtDeviceAdd)
#endif

/* The bytes 16.. of every block: what the "hardware" reports. */
static UCHAR BenchPattern[BENCH_MAX_BLOCK];

_Use_decl_annotations_
NTSTATUS
BenchDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;

    for (ULONG k = 0; k < BENCH_MAX_BLOCK; k++)
        BenchPattern[k] = BENCH_PATTERN(k);
    WDF_DRIVER_CONFIG_INIT(&config, BenchEvtDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

_Use_decl_annotations_
NTSTATUS
BenchEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE device;
    WDF_WMI_PROVIDER_CONFIG providerConfig;
    WDFWMIPROVIDER provider;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    PAGED_CODE();

    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status))
        goto done;
    BenchConfig.Device = device;

    WDF_WMI_PROVIDER_CONFIG_INIT(&providerConfig, &BenchConfig.Guid);
    providerConfig.MinInstanceBufferSize = 0;
    status = WdfWmiProviderCreate(device, &providerConfig, WDF_NO_OBJECT_ATTRIBUTES, &provider);
    if (!NT_SUCCESS(status))
        goto done;
    BenchConfig.Provider = provider;

    for (ULONG i = 0; i < BenchConfig.InstanceCount; i++) {
        WDF_WMI_INSTANCE_CONFIG instanceConfig;
        WDF_OBJECT_ATTRIBUTES attributes;
        WDFWMIINSTANCE instance;

        WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&instanceConfig, provider);
        instanceConfig.Register = TRUE;
        instanceConfig.EvtWmiInstanceQueryInstance = BenchEvtQueryInstance;
        if (BenchConfig.InstanceContext) {
            WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, BENCH_INSTANCE_CONTEXT);
            status = WdfWmiInstanceCreate(device, &instanceConfig, &attributes, &instance);
        } else {
            status = WdfWmiInstanceCreate(device, &instanceConfig, WDF_NO_OBJECT_ATTRIBUTES, &instance);
        }
        if (!NT_SUCCESS(status))
            goto done;
        if (BenchConfig.InstanceContext)
            BenchGetInstanceContext(instance)->Index = i;
        if (BenchConfig.Instances != NULL)
            BenchConfig.Instances[i] = instance;
    }

done:
    BenchConfig.AddStatus = status;
    return status;
}

_Use_decl_annotations_
NTSTATUS
BenchEvtQueryInstance(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    ULONG size = BenchConfig.BlockSize;
    PUCHAR out = (PUCHAR)OutBuffer;
    ULONGLONG sequence;
    ULONGLONG handle = (ULONGLONG)(ULONG_PTR)WmiInstance;

    if (OutBufferSize < size) {
        *BufferUsed = size;
        return STATUS_BUFFER_TOO_SMALL;
    }
    sequence = BenchConfig.Sequence++;
    RtlCopyMemory(out, &sequence, sizeof(sequence));
    RtlCopyMemory(out + 8, &handle, sizeof(handle));
    RtlCopyMemory(out + 16, BenchPattern + 16, size - 16);
    *BufferUsed = size;
    return STATUS_SUCCESS;
}

NTSTATUS
BenchFireEvent(WDFWMIINSTANCE Instance, ULONGLONG Sequence, ULONG Size)
{
    UCHAR data[64];

    if (Size < sizeof(Sequence) || Size > sizeof(data))
        return STATUS_INVALID_PARAMETER;
    RtlCopyMemory(data, &Sequence, sizeof(Sequence));
    RtlCopyMemory(data + 8, BenchPattern + 8, Size - 8);
    return WdfWmiInstanceFireEvent(Instance, Size, data);
}
