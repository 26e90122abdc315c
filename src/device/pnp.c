/*
 * pnp.c - starting and removing a device: the driver's PnP/power callbacks
 * in the order KMDF calls them.
 *
 * Start:   EvtDevicePrepareHardware, EvtDeviceD0Entry(WdfPowerDeviceD3Final),
 *          EvtDeviceD0EntryPostInterruptsEnabled, EvtDeviceSelfManagedIoInit,
 *          then WMI registration.
 * Remove:  WMI deregistration, EvtDeviceSelfManagedIoSuspend,
 *          EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3Final),
 *          EvtDeviceD0Exit(WdfPowerDeviceD3Final), EvtDeviceReleaseHardware,
 *          EvtDeviceSelfManagedIoFlush, EvtDeviceSelfManagedIoCleanup, then
 *          the WDFDEVICE and its children are deleted (cleanup, destroy).
 * Surprise removal: EvtDeviceSurpriseRemoval first, then the remove steps.
 * A failing start callback stops the start with its status and undoes what
 * ran: EvtDeviceReleaseHardware is called even when PrepareHardware itself
 * failed, EvtDeviceD0Exit only when D0Entry succeeded. The device is then
 * START_FAILED and only removal is possible, as after a failed
 * IRP_MN_START_DEVICE.
 */
#include "device/device.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"
#include "wmi/wmi_internal.h"

/* Calls into the driver with it marked current, and checks it returned at PASSIVE_LEVEL. */
#define CALL_DRIVER(device, callback_name, call)                                             \
    do {                                                                                    \
        kmdfsim_driver *previous_ = kmdfsim_driver_enter((device)->driver);                 \
        call;                                                                               \
        kmdfsim_driver_leave(previous_);                                                    \
        check_passive_after(callback_name);                                                 \
    } while (0)

static void check_passive_after(const char *callback)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
        kmdfsim_verify_fail("IRQL_NOT_RESTORED", callback, NULL, "returned at %s; callbacks must restore the IRQL",
                            kmdfsim_irql_name(KeGetCurrentIrql()));
        kmdfsim_irql_set(PASSIVE_LEVEL);
    }
}

static WDFDEVICE handle_of(const kmdfsim_device *device) { return (WDFDEVICE)device->fdo->object.handle; }

/* Leaves D0 (the device is powered down for good) if it is in D0. */
static void power_down(kmdfsim_device *device)
{
    const WDF_PNPPOWER_EVENT_CALLBACKS *pnp = &device->fdo->pnp;
    WDFDEVICE handle = handle_of(device);
    NTSTATUS ignored;
    if (device->self_managed_io_started && pnp->EvtDeviceSelfManagedIoSuspend != NULL)
        CALL_DRIVER(device, "EvtDeviceSelfManagedIoSuspend", ignored = pnp->EvtDeviceSelfManagedIoSuspend(handle));
    if (device->in_d0) {
        if (pnp->EvtDeviceD0ExitPreInterruptsDisabled != NULL)
            CALL_DRIVER(device, "EvtDeviceD0ExitPreInterruptsDisabled",
                        ignored = pnp->EvtDeviceD0ExitPreInterruptsDisabled(handle, WdfPowerDeviceD3Final));
        if (pnp->EvtDeviceD0Exit != NULL)
            CALL_DRIVER(device, "EvtDeviceD0Exit", ignored = pnp->EvtDeviceD0Exit(handle, WdfPowerDeviceD3Final));
        device->in_d0 = FALSE;
    }
    (void)ignored;
}

/* Releases hardware and ends self-managed I/O: the tail of every teardown. */
static void release_hardware(kmdfsim_device *device)
{
    const WDF_PNPPOWER_EVENT_CALLBACKS *pnp = &device->fdo->pnp;
    WDFDEVICE handle = handle_of(device);
    NTSTATUS ignored;
    if (device->hardware_prepared) {
        if (pnp->EvtDeviceReleaseHardware != NULL)
            CALL_DRIVER(device, "EvtDeviceReleaseHardware",
                        ignored = pnp->EvtDeviceReleaseHardware(handle, device->fdo->resources_translated));
        device->hardware_prepared = FALSE;
    }
    if (device->self_managed_io_started) {
        if (pnp->EvtDeviceSelfManagedIoFlush != NULL)
            CALL_DRIVER(device, "EvtDeviceSelfManagedIoFlush", pnp->EvtDeviceSelfManagedIoFlush(handle));
        if (pnp->EvtDeviceSelfManagedIoCleanup != NULL)
            CALL_DRIVER(device, "EvtDeviceSelfManagedIoCleanup", pnp->EvtDeviceSelfManagedIoCleanup(handle));
        device->self_managed_io_started = FALSE;
    }
    (void)ignored;
}

static NTSTATUS fail_start(kmdfsim_device *device, NTSTATUS status)
{
    power_down(device);
    release_hardware(device);
    device->state = KMDFSIM_PNP_START_FAILED;
    return status;
}

/* Both resource lists, created once per device (children of the WDFDEVICE). */
static NTSTATUS ensure_resource_lists(kmdfsim_wdf_device *fdo)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (fdo->resources_raw == NULL)
        status = kmdfsim_resource_list_create(&fdo->object, &fdo->resources_raw);
    if (NT_SUCCESS(status) && fdo->resources_translated == NULL)
        status = kmdfsim_resource_list_create(&fdo->object, &fdo->resources_translated);
    return status;
}

static BOOLEAN check_device(const kmdfsim_device *device, const char *where)
{
    if (device == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", where, NULL, "device is NULL");
        return FALSE;
    }
    return TRUE;
}

NTSTATUS kmdfsim_device_start(kmdfsim_device *device)
{
    if (!check_device(device, "kmdfsim_device_start"))
        return STATUS_INVALID_PARAMETER;
    if (device->state != KMDFSIM_PNP_ADDED || device->fdo == NULL) {
        kmdfsim_verify_fail("INVALID_DEVICE_STATE", "kmdfsim_device_start", NULL,
                            "%s can be started only once, after it was added", device->instance_id);
        return STATUS_INVALID_DEVICE_STATE;
    }
    NTSTATUS status = ensure_resource_lists(device->fdo);
    if (!NT_SUCCESS(status))
        return status;
    const WDF_PNPPOWER_EVENT_CALLBACKS *pnp = &device->fdo->pnp;
    WDFDEVICE handle = handle_of(device);

    device->hardware_prepared = TRUE; /* ReleaseHardware follows even a failed PrepareHardware */
    if (pnp->EvtDevicePrepareHardware != NULL) {
        CALL_DRIVER(device, "EvtDevicePrepareHardware",
                    status = pnp->EvtDevicePrepareHardware(handle, device->fdo->resources_raw,
                                                           device->fdo->resources_translated));
        if (!NT_SUCCESS(status))
            return fail_start(device, status);
    }
    if (pnp->EvtDeviceD0Entry != NULL) {
        CALL_DRIVER(device, "EvtDeviceD0Entry", status = pnp->EvtDeviceD0Entry(handle, WdfPowerDeviceD3Final));
        if (!NT_SUCCESS(status))
            return fail_start(device, status);
    }
    device->in_d0 = TRUE;
    if (pnp->EvtDeviceD0EntryPostInterruptsEnabled != NULL) {
        CALL_DRIVER(device, "EvtDeviceD0EntryPostInterruptsEnabled",
                    status = pnp->EvtDeviceD0EntryPostInterruptsEnabled(handle, WdfPowerDeviceD3Final));
        if (!NT_SUCCESS(status))
            return fail_start(device, status);
    }
    if (pnp->EvtDeviceSelfManagedIoInit != NULL) {
        CALL_DRIVER(device, "EvtDeviceSelfManagedIoInit", status = pnp->EvtDeviceSelfManagedIoInit(handle));
        device->self_managed_io_started = TRUE; /* cleanup follows even a failed init */
        if (!NT_SUCCESS(status))
            return fail_start(device, status);
    } else {
        device->self_managed_io_started = TRUE;
    }
    /* The last start step: WMI learns about the device's data blocks (§2.5). */
    status = kmdfsim_wmi_handler_register(device->fdo);
    if (!NT_SUCCESS(status))
        return fail_start(device, status);
    device->state = KMDFSIM_PNP_STARTED;
    return STATUS_SUCCESS;
}

/* The common removal path; `surprise` adds EvtDeviceSurpriseRemoval first. */
static NTSTATUS remove_device(kmdfsim_device *device, BOOLEAN surprise, const char *where)
{
    if (!check_device(device, where))
        return STATUS_INVALID_PARAMETER;
    if (device->state == KMDFSIM_PNP_REMOVED || device->fdo == NULL) {
        kmdfsim_verify_fail("INVALID_DEVICE_STATE", where, NULL, "%s was already removed", device->instance_id);
        return STATUS_INVALID_DEVICE_STATE;
    }
    if (surprise && device->fdo->pnp.EvtDeviceSurpriseRemoval != NULL)
        CALL_DRIVER(device, "EvtDeviceSurpriseRemoval", device->fdo->pnp.EvtDeviceSurpriseRemoval(handle_of(device)));
    kmdfsim_wmi_handler_deregister(device->fdo);
    if (device->state == KMDFSIM_PNP_STARTED) {
        power_down(device);
        release_hardware(device);
    }
    kmdfsim_wmi_handler_cleanup(device->fdo);
    kmdfsim_driver *previous = kmdfsim_driver_enter(device->driver);
    kmdfsim_object_delete(&device->fdo->object);
    kmdfsim_driver_leave(previous);
    check_passive_after("device cleanup callbacks");
    kmdfsim_device_set_fdo(device, NULL);
    device->state = KMDFSIM_PNP_REMOVED;
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_device_remove(kmdfsim_device *device) { return remove_device(device, FALSE, "kmdfsim_device_remove"); }

NTSTATUS kmdfsim_device_surprise_remove(kmdfsim_device *device)
{
    return remove_device(device, TRUE, "kmdfsim_device_surprise_remove");
}
