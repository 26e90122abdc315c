/*
 * property.c - device registry properties: set by the test before the device
 * is added, read by the driver with WdfDeviceQueryProperty and
 * WdfDeviceAllocAndQueryProperty.
 *
 * Every PDO has an enumerator name (the first component of its instance ID)
 * and a PDO name; any other property exists only if the test set it, and
 * reading a missing one gives STATUS_OBJECT_NAME_NOT_FOUND as IoGetDeviceProperty does.
 */
#include "device/device.h"

#include "kernel/irql.h"
#include "objects/memory.h"
#include "platform/platform.h"
#include "rtl/format.h"
#include "verifier/verifier_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stores a copy of `size` bytes as `property`, replacing any earlier value. */
static NTSTATUS store_property(kmdfsim_device *device, DEVICE_REGISTRY_PROPERTY property, const void *data, ULONG size)
{
    void *copy = malloc(size > 0 ? size : 1);
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (size > 0)
        memcpy(copy, data, size);
    for (size_t i = 0; i < device->property_count; i++) {
        if (device->properties[i].property == property) {
            free(device->properties[i].data);
            device->properties[i].data = copy;
            device->properties[i].size = size;
            return STATUS_SUCCESS;
        }
    }
    kmdfsim_property_value *grown =
        realloc(device->properties, (device->property_count + 1) * sizeof(*device->properties));
    if (grown == NULL) {
        free(copy);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    device->properties = grown;
    device->properties[device->property_count].property = property;
    device->properties[device->property_count].data = copy;
    device->properties[device->property_count].size = size;
    device->property_count++;
    return STATUS_SUCCESS;
}

/* Stores a UTF-8 string as a NUL-terminated UTF-16 (REG_SZ) value. */
static NTSTATUS store_string(kmdfsim_device *device, DEVICE_REGISTRY_PROPERTY property, const char *text)
{
    size_t chars = strlen(text) + 1;
    if (chars > 32767)
        return STATUS_INVALID_PARAMETER;
    WCHAR *wide = calloc(chars, sizeof(WCHAR));
    if (wide == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    size_t written = kmdfsim_rtl_snwprintf(wide, chars, L"%hs", text);
    NTSTATUS status = store_property(device, property, wide, (ULONG)((written + 1) * sizeof(WCHAR)));
    free(wide);
    return status;
}

NTSTATUS kmdfsim_device_set_properties(kmdfsim_device *device, const kmdfsim_device_options *options)
{
    static volatile int32_t next_pdo_number = 0x29;
    char text[64];
    /* Defaults every PDO has; the test's own values may replace them. */
    size_t enumerator_len = strcspn(device->instance_id, "\\");
    snprintf(text, sizeof(text), "%.*s", (int)(enumerator_len < 32 ? enumerator_len : 32), device->instance_id);
    NTSTATUS status = store_string(device, DevicePropertyEnumeratorName, text);
    if (NT_SUCCESS(status)) {
        snprintf(text, sizeof(text), "\\Device\\%08lx", (unsigned long)kmdfsim_atomic_add32(&next_pdo_number, 1));
        status = store_string(device, DevicePropertyPhysicalDeviceObjectName, text);
    }
    for (size_t i = 0; NT_SUCCESS(status) && i < options->property_count; i++) {
        const kmdfsim_device_property *p = &options->properties[i];
        if (p->string != NULL)
            status = store_string(device, p->property, p->string);
        else
            status = store_property(device, p->property, p->data, p->size);
    }
    return status;
}

static const kmdfsim_property_value *find_property(const kmdfsim_device *device, DEVICE_REGISTRY_PROPERTY property)
{
    for (size_t i = 0; i < device->property_count; i++)
        if (device->properties[i].property == property)
            return &device->properties[i];
    return NULL;
}

NTSTATUS WdfDeviceQueryProperty(WDFDEVICE Device, DEVICE_REGISTRY_PROPERTY DeviceProperty, ULONG BufferLength,
                                PVOID PropertyBuffer, PULONG ResultLength)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "WdfDeviceQueryProperty"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceQueryProperty");
    if (device == NULL)
        return STATUS_INVALID_HANDLE;
    if (ResultLength == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDeviceQueryProperty", Device, "ResultLength is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    if (PropertyBuffer == NULL && BufferLength != 0) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDeviceQueryProperty", Device,
                            "PropertyBuffer is NULL with BufferLength %lu", (unsigned long)BufferLength);
        return STATUS_INVALID_PARAMETER;
    }
    *ResultLength = 0;
    const kmdfsim_property_value *value = find_property(device->harness, DeviceProperty);
    if (value == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    *ResultLength = value->size;
    if (BufferLength < value->size)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy(PropertyBuffer, value->data, value->size);
    return STATUS_SUCCESS;
}

NTSTATUS WdfDeviceAllocAndQueryProperty(WDFDEVICE Device, DEVICE_REGISTRY_PROPERTY DeviceProperty, POOL_TYPE PoolType,
                                        PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes, WDFMEMORY *PropertyMemory)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "WdfDeviceAllocAndQueryProperty"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceAllocAndQueryProperty");
    if (device == NULL)
        return STATUS_INVALID_HANDLE;
    if (PropertyMemory == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDeviceAllocAndQueryProperty", Device, "PropertyMemory is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    *PropertyMemory = NULL;
    const kmdfsim_property_value *value = find_property(device->harness, DeviceProperty);
    if (value == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND;

    /* The memory object's parent is the device unless the attributes name another. */
    WDF_OBJECT_ATTRIBUTES attributes;
    if (PropertyMemoryAttributes != NULL) {
        attributes = *PropertyMemoryAttributes;
    } else {
        WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    }
    if (attributes.Size == sizeof(attributes) && attributes.ParentObject == NULL)
        attributes.ParentObject = Device;
    kmdfsim_memory *memory;
    NTSTATUS status = kmdfsim_memory_create(&attributes, PoolType, 0, value->size, "WdfDeviceAllocAndQueryProperty", &memory);
    if (!NT_SUCCESS(status))
        return status;
    memcpy(memory->buffer, value->data, value->size);
    *PropertyMemory = (WDFMEMORY)memory->object.handle;
    return STATUS_SUCCESS;
}
