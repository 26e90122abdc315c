/*
 * handler.c - the per-device WMI handler and its registration state machine
 * (semantics §2.5).
 *
 *   Unregistered --start--> Registered --removal--> Deregistered --after
 *   EvtDeviceSelfManagedIoCleanup--> CleanedUp
 *
 * While Registered, any change WMI must see (an instance registered or
 * removed, a tracing provider added) asks for an UPDATE_GUIDS: at
 * PASSIVE_LEVEL synchronously on the caller's thread after the lock is
 * dropped; above PASSIVE_LEVEL through one coalescing work item. Removal
 * waits for both kinds to finish before it deregisters, so no update ever
 * follows a deregistration.
 */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "kernel/memory.h"
#include "kernel/worker.h"
#include "verifier/verifier_internal.h"

#include <string.h>

kmdfsim_wmi_handler *kmdfsim_wmi_handler_of(kmdfsim_wdf_device *device) { return device->wmi; }

ULONG kmdfsim_wmi_handler_provider_id(kmdfsim_wmi_handler *handler)
{
    ULONG id = (ULONG)kmdfsim_atomic_load32(&handler->provider_id);
    if (id == 0) {
        id = IoWMIDeviceObjectToProviderId(&handler->device->device_object);
        kmdfsim_atomic_store32(&handler->provider_id, (int32_t)id);
    }
    return id;
}

kmdfsim_driver *kmdfsim_wmi_enter_driver(kmdfsim_wmi_handler *handler)
{
    return kmdfsim_driver_enter(handler->device->harness->driver);
}

NTSTATUS kmdfsim_wmi_handler_create(kmdfsim_wdf_device *device)
{
    kmdfsim_wmi_handler *handler = kmdfsim_mem_calloc(1, sizeof(*handler));
    if (handler == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    kmdfsim_mutex_init(&handler->lock);
    kmdfsim_cond_init(&handler->updates_done);
    handler->device = device;
    handler->state = KMDFSIM_WMI_UNREGISTERED;
    device->wmi = handler;
    return STATUS_SUCCESS;
}

void kmdfsim_wmi_handler_destroy(kmdfsim_wdf_device *device)
{
    kmdfsim_wmi_handler *handler = device->wmi;
    if (handler == NULL)
        return;
    device->wmi = NULL;
    if (handler->mof_resource_name.Buffer != NULL)
        kmdfsim_mem_free(handler->mof_resource_name.Buffer,
                         handler->mof_resource_name.Length > 0 ? handler->mof_resource_name.Length : 1);
    kmdfsim_cond_destroy(&handler->updates_done);
    kmdfsim_mutex_destroy(&handler->lock);
    kmdfsim_mem_free(handler, sizeof(*handler));
}

static PDEVICE_OBJECT fdo_of(kmdfsim_wmi_handler *handler) { return &handler->device->device_object; }

NTSTATUS kmdfsim_wmi_handler_register(kmdfsim_wdf_device *device)
{
    kmdfsim_wmi_handler *handler = device->wmi;
    kmdfsim_mutex_lock(&handler->lock);
    if (handler->state == KMDFSIM_WMI_REGISTERED) {
        kmdfsim_mutex_unlock(&handler->lock);
        return STATUS_SUCCESS;
    }
    handler->state = KMDFSIM_WMI_REGISTERED;
    kmdfsim_mutex_unlock(&handler->lock);

    NTSTATUS status = IoWMIRegistrationControl(fdo_of(handler), WMIREG_ACTION_REGISTER);
    if (!NT_SUCCESS(status)) {
        kmdfsim_mutex_lock(&handler->lock);
        handler->state = KMDFSIM_WMI_UNREGISTERED;
        kmdfsim_mutex_unlock(&handler->lock);
    }
    return status;
}

void kmdfsim_wmi_handler_deregister(kmdfsim_wdf_device *device)
{
    kmdfsim_wmi_handler *handler = device->wmi;
    kmdfsim_mutex_lock(&handler->lock);
    while (handler->updates_outstanding > 0 || handler->update_work_queued)
        kmdfsim_cond_wait(&handler->updates_done, &handler->lock);
    BOOLEAN was_registered = handler->state == KMDFSIM_WMI_REGISTERED;
    handler->state = KMDFSIM_WMI_DEREGISTERED;
    kmdfsim_mutex_unlock(&handler->lock);
    if (was_registered)
        (void)IoWMIRegistrationControl(fdo_of(handler), WMIREG_ACTION_DEREGISTER);
}

void kmdfsim_wmi_handler_cleanup(kmdfsim_wdf_device *device)
{
    kmdfsim_wmi_handler *handler = device->wmi;
    kmdfsim_mutex_lock(&handler->lock);
    handler->state = KMDFSIM_WMI_CLEANED_UP;
    kmdfsim_mutex_unlock(&handler->lock);
}

/* One UPDATE_GUIDS call, accounted as outstanding while it runs. Lock not held. */
static void send_update(kmdfsim_wmi_handler *handler)
{
    NTSTATUS status = IoWMIRegistrationControl(fdo_of(handler), WMIREG_ACTION_UPDATE_GUIDS);
    if (!NT_SUCCESS(status))
        kmdfsim_log_emit(KMDFSIM_LOG_EMULATOR, DPFLTR_DEFAULT_ID, DPFLTR_WARNING_LEVEL,
                         "kmdfsim: WMI UPDATE_GUIDS failed; the error is dropped as KMDF does\n");
    kmdfsim_mutex_lock(&handler->lock);
    handler->updates_outstanding--;
    kmdfsim_cond_broadcast(&handler->updates_done);
    kmdfsim_mutex_unlock(&handler->lock);
}

/* The coalesced work item: one update for however many requests queued it. */
static void update_work(void *context)
{
    kmdfsim_wmi_handler *handler = context;
    kmdfsim_mutex_lock(&handler->lock);
    handler->update_work_queued = FALSE;
    BOOLEAN registered = handler->state == KMDFSIM_WMI_REGISTERED;
    if (registered)
        handler->updates_outstanding++;
    else
        kmdfsim_cond_broadcast(&handler->updates_done);
    kmdfsim_mutex_unlock(&handler->lock);
    if (registered)
        send_update(handler);
}

void kmdfsim_wmi_handler_request_update(kmdfsim_wmi_handler *handler, KIRQL irql)
{
    kmdfsim_mutex_lock(&handler->lock);
    if (handler->state != KMDFSIM_WMI_REGISTERED) {
        kmdfsim_mutex_unlock(&handler->lock);
        return;
    }
    if (irql == PASSIVE_LEVEL) {
        handler->updates_outstanding++;
        kmdfsim_mutex_unlock(&handler->lock);
        send_update(handler);
        return;
    }
    if (!handler->update_work_queued) {
        handler->update_work_queued = TRUE;
        if (kmdfsim_worker_queue(update_work, handler) != 0) {
            handler->update_work_queued = FALSE;
            kmdfsim_verify_fail("OUT_OF_MEMORY", "UPDATE_GUIDS", NULL,
                                "the work item for a WMI update could not be queued; WMI keeps the old registration");
        }
    }
    kmdfsim_mutex_unlock(&handler->lock);
}

kmdfsim_wmi_provider *kmdfsim_wmi_handler_find_provider(kmdfsim_wmi_handler *handler, const GUID *guid)
{
    kmdfsim_wmi_provider *found = NULL;
    kmdfsim_mutex_lock(&handler->lock);
    for (kmdfsim_wmi_provider *p = handler->first_provider; p != NULL; p = p->next) {
        if (memcmp(&p->guid, guid, sizeof(GUID)) == 0) {
            found = p;
            kmdfsim_object_reference(&p->object);
            break;
        }
    }
    kmdfsim_mutex_unlock(&handler->lock);
    return found;
}
