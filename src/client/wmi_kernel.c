/*
 * wmi_kernel.c - registrations, provider ids and event intake of the
 * simulated WMI kernel component (IoWMIRegistrationControl, IoWMIWriteEvent,
 * IoWMIDeviceObjectToProviderId).
 */
#include "client/wmi_kernel.h"

#include "device/device.h"
#include "kernel/irql.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"

#include <stdlib.h>
#include <string.h>
#include <uthash.h>

typedef struct registration {
    const kmdfsim_device *device; /* key: lives until driver unload, unlike the FDO */
    ULONG provider_id;
    kmdfsim_wmi_registration_stats stats;
    UCHAR *reginfo;
    ULONG reginfo_size;
    UT_hash_handle hh;
} registration;

static kmdfsim_static_mutex g_lock;
static registration *g_registrations; /* every device seen, by harness device */
static ULONG g_next_provider_id = 1;
static ULONG g_max_event_size = 1024;
static kmdfsim_wmi_event_hook g_event_hook;
static void *g_event_context;

static kmdfsim_mutex *kernel_lock(void) { return kmdfsim_static_mutex_get(&g_lock); }

/* The record for a device, created on first sight. Lock held. */
static registration *record_for(const kmdfsim_device *device)
{
    registration *r;
    HASH_FIND_PTR(g_registrations, &device, r);
    if (r == NULL) {
        r = calloc(1, sizeof(*r));
        if (r == NULL)
            return NULL;
        r->device = device;
        r->provider_id = g_next_provider_id++;
        HASH_ADD_PTR(g_registrations, device, r);
    }
    return r;
}

ULONG NTAPI IoWMIDeviceObjectToProviderId(PDEVICE_OBJECT DeviceObject)
{
    kmdfsim_device *device = kmdfsim_device_from_wdm(DeviceObject);
    if (device == NULL) {
        kmdfsim_verify_fail("INVALID_DEVICE_OBJECT", "IoWMIDeviceObjectToProviderId", DeviceObject,
                            "not a device object kmdfsim created");
        return 0;
    }
    kmdfsim_mutex_lock(kernel_lock());
    registration *r = record_for(device);
    ULONG id = r != NULL ? r->provider_id : 0;
    kmdfsim_mutex_unlock(kernel_lock());
    return id;
}

/*
 * Asks the device for its registration (IRP_MN_REGINFO_EX), with the size
 * probe WMI uses: first a small buffer, then the size the device asked for.
 */
static NTSTATUS query_reginfo(kmdfsim_device *device, ULONG_PTR data_path, UCHAR **out, ULONG *out_size)
{
    ULONG size = 256;
    for (int attempt = 0; attempt < 3; attempt++) {
        UCHAR *buffer = calloc(1, size);
        if (buffer == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        kmdfsim_wmi_irp irp;
        memset(&irp, 0, sizeof(irp));
        irp.minor_function = IRP_MN_REGINFO_EX;
        irp.data_path = (PVOID)data_path;
        irp.buffer = buffer;
        irp.buffer_size = size;
        irp.io_status.Status = STATUS_NOT_SUPPORTED;
        NTSTATUS status = kmdfsim_wmi_send_irp(device, &irp);
        if (!NT_SUCCESS(status)) {
            free(buffer);
            return status;
        }
        if (irp.io_status.Information == sizeof(ULONG) && size > sizeof(ULONG)) {
            ULONG needed;
            memcpy(&needed, buffer, sizeof(ULONG));
            free(buffer);
            if (needed <= size)
                return STATUS_UNSUCCESSFUL;
            size = needed;
            continue;
        }
        *out = buffer;
        *out_size = (ULONG)irp.io_status.Information;
        return STATUS_SUCCESS;
    }
    return STATUS_UNSUCCESSFUL;
}

/* Refreshes a registration from the device; the registration record is updated under the lock. */
static NTSTATUS refresh(kmdfsim_device *device, ULONG_PTR data_path)
{
    UCHAR *reginfo = NULL;
    ULONG size = 0;
    NTSTATUS status = query_reginfo(device, data_path, &reginfo, &size);
    kmdfsim_mutex_lock(kernel_lock());
    registration *r = record_for(device);
    if (r != NULL) {
        r->stats.reginfo_queries++;
        if (NT_SUCCESS(status)) {
            free(r->reginfo);
            r->reginfo = reginfo;
            r->reginfo_size = size;
            reginfo = NULL;
        }
    }
    kmdfsim_mutex_unlock(kernel_lock());
    free(reginfo);
    return status;
}

NTSTATUS NTAPI IoWMIRegistrationControl(PDEVICE_OBJECT DeviceObject, ULONG Action)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIRegistrationControl"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_device *device = kmdfsim_device_from_wdm(DeviceObject);
    if (device == NULL || device->fdo == NULL || DeviceObject != &device->fdo->device_object) {
        kmdfsim_verify_fail("INVALID_DEVICE_OBJECT", "IoWMIRegistrationControl", DeviceObject,
                            "not the device object of a device kmdfsim added");
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_mutex_lock(kernel_lock());
    registration *r = record_for(device);
    if (r == NULL) {
        kmdfsim_mutex_unlock(kernel_lock());
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    BOOLEAN was_registered = r->stats.registered;
    switch (Action) {
    case WMIREG_ACTION_REGISTER:
        r->stats.register_calls++;
        r->stats.registered = TRUE;
        break;
    case WMIREG_ACTION_UPDATE_GUIDS:
        r->stats.update_calls++;
        break;
    case WMIREG_ACTION_DEREGISTER:
        r->stats.deregister_calls++;
        r->stats.registered = FALSE;
        free(r->reginfo);
        r->reginfo = NULL;
        r->reginfo_size = 0;
        break;
    default:
        kmdfsim_mutex_unlock(kernel_lock());
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_mutex_unlock(kernel_lock());

    if (Action == WMIREG_ACTION_REGISTER)
        return refresh(device, WMIREGISTER);
    if (Action == WMIREG_ACTION_UPDATE_GUIDS) {
        if (!was_registered)
            return STATUS_INVALID_PARAMETER;
        return refresh(device, WMIUPDATE);
    }
    return was_registered ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

void kmdfsim_wmi_kernel_forget(const kmdfsim_device *device)
{
    registration *r;
    kmdfsim_mutex_lock(kernel_lock());
    HASH_FIND_PTR(g_registrations, &device, r);
    if (r != NULL) {
        HASH_DEL(g_registrations, r);
        free(r->reginfo);
        free(r);
    }
    kmdfsim_mutex_unlock(kernel_lock());
}

void kmdfsim_wmi_kernel_registration_stats(const kmdfsim_device *device, kmdfsim_wmi_registration_stats *stats)
{
    memset(stats, 0, sizeof(*stats));
    registration *r;
    kmdfsim_mutex_lock(kernel_lock());
    HASH_FIND_PTR(g_registrations, &device, r);
    if (r != NULL)
        *stats = r->stats;
    kmdfsim_mutex_unlock(kernel_lock());
}

ULONG kmdfsim_wmi_kernel_reginfo(const kmdfsim_device *device, void *buffer, ULONG size)
{
    ULONG full = 0;
    registration *r;
    kmdfsim_mutex_lock(kernel_lock());
    HASH_FIND_PTR(g_registrations, &device, r);
    if (r != NULL && r->stats.registered && r->reginfo != NULL) {
        full = r->reginfo_size;
        memcpy(buffer, r->reginfo, full < size ? full : size);
    }
    kmdfsim_mutex_unlock(kernel_lock());
    return full;
}

void kmdfsim_wmi_kernel_set_event_hook(kmdfsim_wmi_event_hook hook, void *context)
{
    kmdfsim_mutex_lock(kernel_lock());
    g_event_hook = hook;
    g_event_context = context;
    kmdfsim_mutex_unlock(kernel_lock());
}

void kmdfsim_wmi_set_max_event_size(ULONG bytes)
{
    kmdfsim_mutex_lock(kernel_lock());
    g_max_event_size = bytes;
    kmdfsim_mutex_unlock(kernel_lock());
}

NTSTATUS NTAPI IoWMIWriteEvent(PVOID WnodeEventItem)
{
    if (!kmdfsim_irql_check_max(APC_LEVEL, "IoWMIWriteEvent"))
        return STATUS_INVALID_DEVICE_REQUEST;
    const WNODE_HEADER *event = WnodeEventItem;
    if (event == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "IoWMIWriteEvent", NULL, "WnodeEventItem is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    if (event->BufferSize < sizeof(WNODE_HEADER) || (event->Flags & WNODE_FLAG_EVENT_ITEM) == 0) {
        kmdfsim_verify_fail("MALFORMED_WNODE", "IoWMIWriteEvent", WnodeEventItem,
                            "an event needs BufferSize >= 48 and WNODE_FLAG_EVENT_ITEM (BufferSize %lu, Flags 0x%lX)",
                            (unsigned long)event->BufferSize, (unsigned long)event->Flags);
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_mutex_lock(kernel_lock());
    ULONG limit = g_max_event_size;
    kmdfsim_wmi_event_hook hook = g_event_hook;
    void *context = g_event_context;
    kmdfsim_mutex_unlock(kernel_lock());
    if (event->BufferSize > limit)
        return STATUS_BUFFER_OVERFLOW;
    if (hook != NULL)
        hook(event, context);
    /* On success WMI owns the buffer and frees it. */
    ExFreePool(WnodeEventItem);
    return STATUS_SUCCESS;
}
