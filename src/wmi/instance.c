/*
 * instance.c - WDFWMIINSTANCE: creation rules (semantics §1.7.2),
 * registration (§1.7.3-4), accessors, and WdfWmiInstanceFireEvent (§4.1).
 */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

#include <stdint.h>
#include <string.h>

/* KMDF's pool tag for framework allocations such as event WNODEs ('FxWm'). */
#define FX_WMI_TAG 0x6D577846u

static void instance_dispose(kmdfsim_object *object)
{
    kmdfsim_wmi_instance *instance = (kmdfsim_wmi_instance *)object;
    kmdfsim_wmi_provider_remove_instance(instance->provider, instance);
}

static const kmdfsim_object_class g_instance_class = {KMDFSIM_KIND_WMI_INSTANCE, "WDFWMIINSTANCE", TRUE,
                                                      instance_dispose, NULL};

static BOOLEAN has_any_callback(const WDF_WMI_INSTANCE_CONFIG *config)
{
    return config->EvtWmiInstanceQueryInstance != NULL || config->EvtWmiInstanceSetInstance != NULL ||
           config->EvtWmiInstanceSetItem != NULL || config->EvtWmiInstanceExecuteMethod != NULL;
}

/*
 * §1.7.2 step 6.3 for UseContextForQuery. *length receives the length KMDF
 * reports: ContextSize + ContextSizeOverride (its bug when the override is
 * set; §2.7).
 */
static NTSTATUS check_context_query(const WDF_WMI_INSTANCE_CONFIG *config, PWDF_OBJECT_ATTRIBUTES attributes,
                                    ULONG min_size, ULONG *length)
{
    if (config->EvtWmiInstanceSetInstance != NULL || config->EvtWmiInstanceSetItem != NULL)
        return STATUS_INVALID_PARAMETER;
    if (attributes == NULL || attributes->ContextTypeInfo == NULL)
        return STATUS_INVALID_PARAMETER;
    size_t size = attributes->ContextTypeInfo->ContextSize;
    if (size > SIZE_MAX - attributes->ContextSizeOverride)
        return STATUS_INTEGER_OVERFLOW;
    size += attributes->ContextSizeOverride;
    if (size > 0xFFFFFFFFu)
        return STATUS_INTEGER_OVERFLOW;
    if (size < min_size)
        return STATUS_BUFFER_TOO_SMALL;
    *length = (ULONG)size;
    return STATUS_SUCCESS;
}

/* Resolves the provider (explicit) or creates it (implicit); *implicit tells which. */
static NTSTATUS resolve_provider(WDFDEVICE device_handle, PWDF_WMI_INSTANCE_CONFIG config,
                                 kmdfsim_wmi_provider **provider, BOOLEAN *implicit)
{
    *implicit = FALSE;
    if (config->Provider != NULL) {
        /* The Device argument is not used at all on this path (KMDF, and the docs). */
        *provider = (kmdfsim_wmi_provider *)kmdfsim_object_from_handle((WDFOBJECT)config->Provider,
                                                                        KMDFSIM_KIND_WMI_PROVIDER, "WdfWmiInstanceCreate");
        return *provider != NULL ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
    }
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(device_handle, "WdfWmiInstanceCreate");
    if (device == NULL)
        return STATUS_INVALID_HANDLE;
    NTSTATUS status = kmdfsim_wmi_provider_create(device, config->ProviderConfig, NULL, provider);
    *implicit = NT_SUCCESS(status);
    return status;
}

/* Steps 6-7: everything after the provider exists. Undone by the caller on failure. */
static NTSTATUS create_instance(kmdfsim_wmi_provider *provider, PWDF_WMI_INSTANCE_CONFIG config,
                                PWDF_OBJECT_ATTRIBUTES attributes, kmdfsim_wmi_instance **instance_out)
{
    *instance_out = NULL;
    if ((provider->flags & WdfWmiProviderEventOnly) && (config->UseContextForQuery || has_any_callback(config)))
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = kmdfsim_validate_object_attributes(attributes, KMDFSIM_ATTR_PARENT_NOT_ALLOWED);
    if (!NT_SUCCESS(status))
        return status;
    ULONG context_length = 0;
    if (config->UseContextForQuery) {
        status = check_context_query(config, attributes, provider->min_instance_buffer_size, &context_length);
        if (!NT_SUCCESS(status))
            return status;
    }
    kmdfsim_wmi_instance *instance =
        (kmdfsim_wmi_instance *)kmdfsim_object_alloc(&g_instance_class, sizeof(kmdfsim_wmi_instance), attributes);
    if (instance == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    instance->provider = provider;
    instance->use_context_for_query = config->UseContextForQuery;
    instance->context_length = context_length;
    /* With UseContextForQuery KMDF does not even store the query callback. */
    instance->query = config->UseContextForQuery ? NULL : config->EvtWmiInstanceQueryInstance;
    instance->set_instance = config->EvtWmiInstanceSetInstance;
    instance->set_item = config->EvtWmiInstanceSetItem;
    instance->execute = config->EvtWmiInstanceExecuteMethod;
    status = kmdfsim_object_commit(&instance->object, &provider->object, attributes);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(&instance->object);
        return status;
    }
    *instance_out = instance;
    if (config->UseContextForQuery && attributes->ContextSizeOverride != 0)
        kmdfsim_verify_warn("KMDF_QUIRK_CONTEXT_LENGTH", "WdfWmiInstanceCreate", instance->object.handle,
                            "UseContextForQuery with ContextSizeOverride: KMDF reports ContextSize + "
                            "ContextSizeOverride = %lu bytes per query, %lu more than the context holds; kmdfsim "
                            "reports the same length and fills the extra bytes with zeros",
                            (unsigned long)context_length, (unsigned long)attributes->ContextTypeInfo->ContextSize);
    if (config->Register)
        return kmdfsim_wmi_provider_add_instance(provider, instance);
    return STATUS_SUCCESS;
}

NTSTATUS WdfWmiInstanceCreate(WDFDEVICE Device, PWDF_WMI_INSTANCE_CONFIG InstanceConfig,
                              PWDF_OBJECT_ATTRIBUTES InstanceAttributes, WDFWMIINSTANCE *Instance)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWmiInstanceCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (InstanceConfig == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfWmiInstanceCreate", Device, "InstanceConfig is NULL (KMDF bug-checks)");
        return STATUS_INVALID_PARAMETER;
    }
    if (InstanceConfig->Size != sizeof(WDF_WMI_INSTANCE_CONFIG))
        return STATUS_INFO_LENGTH_MISMATCH;
    if ((InstanceConfig->Provider == NULL) == (InstanceConfig->ProviderConfig == NULL))
        return STATUS_INVALID_PARAMETER;

    kmdfsim_wmi_provider *provider;
    BOOLEAN implicit;
    NTSTATUS status = resolve_provider(Device, InstanceConfig, &provider, &implicit);
    if (!NT_SUCCESS(status))
        return status;
    kmdfsim_wmi_instance *instance;
    status = create_instance(provider, InstanceConfig, InstanceAttributes, &instance);
    if (!NT_SUCCESS(status)) {
        if (instance != NULL)
            kmdfsim_object_delete_failed_create(&instance->object);
        if (implicit)
            kmdfsim_object_delete(&provider->object);
        return status;
    }
    if (Instance != NULL)
        *Instance = (WDFWMIINSTANCE)instance->object.handle;
    return STATUS_SUCCESS;
}

static kmdfsim_wmi_instance *instance_from_handle(WDFWMIINSTANCE handle, const char *ddi)
{
    return (kmdfsim_wmi_instance *)kmdfsim_object_from_handle((WDFOBJECT)handle, KMDFSIM_KIND_WMI_INSTANCE, ddi);
}

NTSTATUS WdfWmiInstanceRegister(WDFWMIINSTANCE WmiInstance)
{
    /* The header says PASSIVE_LEVEL; KMDF's code and the docs allow DISPATCH_LEVEL (§1.7, §6.2 q9). */
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWmiInstanceRegister"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_wmi_instance *instance = instance_from_handle(WmiInstance, "WdfWmiInstanceRegister");
    if (instance == NULL)
        return STATUS_INVALID_HANDLE;
    return kmdfsim_wmi_provider_add_instance(instance->provider, instance);
}

VOID WdfWmiInstanceDeregister(WDFWMIINSTANCE WmiInstance)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWmiInstanceDeregister"))
        return;
    kmdfsim_wmi_instance *instance = instance_from_handle(WmiInstance, "WdfWmiInstanceDeregister");
    if (instance != NULL)
        kmdfsim_wmi_provider_remove_instance(instance->provider, instance);
}

WDFDEVICE WdfWmiInstanceGetDevice(WDFWMIINSTANCE WmiInstance)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWmiInstanceGetDevice"))
        return NULL;
    kmdfsim_wmi_instance *instance = instance_from_handle(WmiInstance, "WdfWmiInstanceGetDevice");
    return instance != NULL ? (WDFDEVICE)instance->provider->handler->device->object.handle : NULL;
}

WDFWMIPROVIDER WdfWmiInstanceGetProvider(WDFWMIINSTANCE WmiInstance)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWmiInstanceGetProvider"))
        return NULL;
    kmdfsim_wmi_instance *instance = instance_from_handle(WmiInstance, "WdfWmiInstanceGetProvider");
    return instance != NULL ? (WDFWMIPROVIDER)instance->provider->object.handle : NULL;
}

NTSTATUS WdfWmiInstanceFireEvent(WDFWMIINSTANCE WmiInstance, ULONG EventDataSize, PVOID EventData)
{
    kmdfsim_wmi_instance *instance = instance_from_handle(WmiInstance, "WdfWmiInstanceFireEvent");
    if (instance == NULL)
        return STATUS_INVALID_HANDLE;
    /* Checked at run time by KMDF's verifier, which kmdfsim always runs. */
    if (!kmdfsim_irql_check_max(APC_LEVEL, "WdfWmiInstanceFireEvent"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (EventData == NULL)
        EventDataSize = 0;
    if (EventDataSize > 0xFFFFFFFFu - sizeof(WNODE_SINGLE_INSTANCE)) {
        /* KMDF's ULONG sum would wrap and its copy overrun the allocation. */
        kmdfsim_verify_fail("INTEGER_OVERFLOW", "WdfWmiInstanceFireEvent", WmiInstance,
                            "EventDataSize %lu overflows the event WNODE size (KMDF would corrupt memory)",
                            (unsigned long)EventDataSize);
        return STATUS_INTEGER_OVERFLOW;
    }
    ULONG size = (ULONG)sizeof(WNODE_SINGLE_INSTANCE) + EventDataSize;
    PWNODE_SINGLE_INSTANCE wnode = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, FX_WMI_TAG);
    if (wnode == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    kmdfsim_wmi_provider *provider = instance->provider;
    wnode->WnodeHeader.Guid = provider->guid;
    wnode->WnodeHeader.ProviderId = kmdfsim_wmi_handler_provider_id(provider->handler);
    wnode->WnodeHeader.BufferSize = size;
    wnode->WnodeHeader.Flags = WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_EVENT_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES;
    KeQuerySystemTime(&wnode->WnodeHeader.TimeStamp);
    wnode->InstanceIndex = kmdfsim_wmi_instance_index(instance);
    wnode->SizeDataBlock = EventDataSize;
    wnode->DataBlockOffset = sizeof(WNODE_SINGLE_INSTANCE);
    if (EventDataSize > 0)
        memcpy(wnode->VariableData, EventData, EventDataSize);
    NTSTATUS status = IoWMIWriteEvent(wnode);
    if (!NT_SUCCESS(status))
        ExFreePool(wnode);
    return status;
}
