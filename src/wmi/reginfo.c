/*
 * reginfo.c - IRP_MN_REGINFO and IRP_MN_REGINFO_EX (semantics §3.2.7): the
 * WMIREGINFO block that tells WMI which GUIDs this device provides.
 *
 * Layout: WMIREGINFO, one WMIREGGUID per linked provider in list order,
 * then the MOF resource name and the registry path as USHORT-counted UTF-16
 * strings. Too small a buffer gets only the needed size as a ULONG at offset
 * 0 (Information 4, STATUS_SUCCESS): there is no WNODE_TOO_SMALL here.
 * A pending "remove GUID" mark is reported once and cleared.
 */
#include "wmi/wmi_internal.h"

#include <string.h>

/* WMIREG_FLAG_* for a provider (§2.8). */
static ULONG registration_flags(const kmdfsim_wmi_provider *provider)
{
    if (provider->flags & WdfWmiProviderTracing)
        return WMIREG_FLAG_TRACED_GUID | WMIREG_FLAG_TRACE_CONTROL_GUID;
    ULONG flags = WMIREG_FLAG_INSTANCE_PDO;
    if (provider->flags & WdfWmiProviderExpensive)
        flags |= WMIREG_FLAG_EXPENSIVE;
    if (provider->flags & WdfWmiProviderEventOnly)
        flags |= WMIREG_FLAG_EVENT_ONLY_GUID;
    if (provider->remove_guid_pending)
        flags |= WMIREG_FLAG_REMOVE_GUID;
    return flags;
}

/* The MOF name: this device's, else the nearest ancestor's (kmdfsim devices have none), else empty. */
static const UNICODE_STRING *mof_name(const kmdfsim_wmi_handler *handler)
{
    return handler->mof_resource_name.Buffer != NULL ? &handler->mof_resource_name : NULL;
}

static void put_counted_string(UCHAR *at, const WCHAR *chars, USHORT length)
{
    memcpy(at, &length, sizeof(USHORT));
    if (length > 0)
        memcpy(at + sizeof(USHORT), chars, length);
}

NTSTATUS kmdfsim_wmi_reginfo(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_handler *handler = request->device->wmi;
    const UNICODE_STRING *registry = &request->device->harness->driver->registry_path;

    kmdfsim_mutex_lock(&handler->lock);
    const UNICODE_STRING *mof = mof_name(handler);
    USHORT mof_length = mof != NULL ? mof->Length : 0;
    ULONG guids = handler->provider_count;
    unsigned long long mof_offset = sizeof(WMIREGINFOW) + (unsigned long long)guids * sizeof(WMIREGGUIDW);
    unsigned long long registry_offset = mof_offset + sizeof(USHORT) + mof_length;
    unsigned long long need = registry_offset + sizeof(USHORT) + registry->Length;
    if (need > 0xFFFFFFFFu) {
        kmdfsim_mutex_unlock(&handler->lock);
        return kmdfsim_wmi_complete(request, STATUS_INTEGER_OVERFLOW, 0);
    }
    if (need > request->buffer_size) {
        kmdfsim_mutex_unlock(&handler->lock);
        if (request->buffer_size >= sizeof(ULONG)) {
            ULONG needed = (ULONG)need;
            memcpy(request->buffer, &needed, sizeof(ULONG));
        }
        return kmdfsim_wmi_complete(request, STATUS_SUCCESS, sizeof(ULONG));
    }

    PWMIREGINFOW info = (PWMIREGINFOW)(void *)request->buffer;
    info->BufferSize = (ULONG)need;
    info->NextWmiRegInfo = 0;
    info->MofResourceName = (ULONG)mof_offset;
    info->RegistryPath = (ULONG)registry_offset;
    info->GuidCount = guids;
    ULONG i = 0;
    for (kmdfsim_wmi_provider *p = handler->first_provider; p != NULL; p = p->next, i++) {
        WMIREGGUIDW *entry = &info->WmiRegGuid[i];
        memset(entry, 0, sizeof(*entry));
        entry->Guid = p->guid;
        entry->InstanceCount = p->instance_count;
        entry->Flags = registration_flags(p);
        entry->Pdo = (ULONG_PTR)&handler->device->harness->pdo;
        p->remove_guid_pending = FALSE;
    }
    kmdfsim_mutex_unlock(&handler->lock);
    /* The strings are copied after the lock is dropped, as KMDF does. */
    put_counted_string(request->buffer + mof_offset, mof != NULL ? mof->Buffer : NULL, mof_length);
    put_counted_string(request->buffer + registry_offset, registry->Buffer, registry->Length);
    return kmdfsim_wmi_complete(request, STATUS_SUCCESS, (ULONG_PTR)need);
}
