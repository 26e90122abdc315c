/*
 * wmi_kernel.c - registrations, provider ids and requests to devices of the
 * simulated WMI kernel component (IoWMIRegistrationControl,
 * IoWMIDeviceObjectToProviderId), and the kernel lock.
 *
 * A device's record lives from its first IoWMI* call until the harness frees
 * the device (kmdfsim_wmi_kernel_forget). REGISTER and UPDATE_GUIDS ask the
 * device for IRP_MN_REGINFO_EX on the calling thread and feed the answer to
 * the GUID registry; DEREGISTER removes the device from the registry and
 * waits for the requests other threads have in flight to it, so that once
 * it returns no request reaches the device any more (its WDFDEVICE is
 * deleted next).
 */
#include "client/wmi_client.h"

#include "device/device.h"
#include "kernel/irql.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"
#include "wmi/wmi_internal.h"

#include <stdlib.h>
#include <string.h>

static kmdfsim_static_mutex g_lock;
static kmdfsim_cond g_cond;
static BOOLEAN g_cond_ready;
static ULONG g_waiters; /* threads in kmdfsim_wmik_wait: a broadcast with none is skipped */
static kmdfsim_wmik_record *g_records;       /* by device */
static kmdfsim_wmik_record *g_records_by_id; /* by provider id */
static kmdfsim_wmik_record *g_records_by_fdo; /* registered devices, by device object */
static ULONG g_next_provider_id = 1;
static KMDFSIM_THREAD_LOCAL kmdfsim_wmik_pin *t_pins;

/* ---- The kernel lock ----------------------------------------------------- */

void kmdfsim_wmik_lock(void) { kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_lock)); }

void kmdfsim_wmik_unlock(void) { kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_lock)); }

void kmdfsim_wmik_wait(void)
{
    /* Set up at the first wait (lock held): a broadcast before any wait has nobody to wake. */
    if (!g_cond_ready) {
        kmdfsim_cond_init(&g_cond);
        g_cond_ready = TRUE;
    }
    g_waiters++;
    kmdfsim_cond_wait(&g_cond, kmdfsim_static_mutex_get(&g_lock));
    g_waiters--;
}

void kmdfsim_wmik_broadcast(void)
{
    /* Every request and delivery ends with one; nearly always nobody waits. */
    if (g_waiters > 0)
        kmdfsim_cond_broadcast(&g_cond);
}

/* ---- Records -------------------------------------------------------------- */

static kmdfsim_wmik_record *record_by_device(const kmdfsim_device *device)
{
    kmdfsim_wmik_record *r;
    HASH_FIND_PTR(g_records, &device, r);
    return r;
}

kmdfsim_wmik_record *kmdfsim_wmik_record_by_id(ULONG provider_id)
{
    kmdfsim_wmik_record *r;
    HASH_FIND(hh_id, g_records_by_id, &provider_id, sizeof(ULONG), r);
    return r;
}

/* The record for a device, created on first sight. Lock held. */
static kmdfsim_wmik_record *record_for(kmdfsim_device *device)
{
    kmdfsim_wmik_record *r = record_by_device(device);
    if (r == NULL) {
        r = calloc(1, sizeof(*r));
        if (r == NULL)
            return NULL;
        r->device = device;
        r->provider_id = g_next_provider_id++;
        HASH_ADD_PTR(g_records, device, r);
        HASH_ADD(hh_id, g_records_by_id, provider_id, sizeof(ULONG), r);
    }
    return r;
}

/* Lock held. Maps the registering device object to the record between REGISTER and DEREGISTER. */
static void map_fdo(kmdfsim_wmik_record *r, const DEVICE_OBJECT *fdo)
{
    if (r->fdo == fdo)
        return;
    if (r->fdo != NULL)
        HASH_DELETE(hh_fdo, g_records_by_fdo, r);
    r->fdo = fdo;
    if (fdo != NULL)
        HASH_ADD(hh_fdo, g_records_by_fdo, fdo, sizeof(r->fdo), r);
}

/*
 * The device a device object belongs to. A registered device's FDO is found
 * in the kernel's own map (it cannot be reused before DEREGISTER); others
 * are looked up among the harness's devices.
 */
static kmdfsim_device *device_of(const DEVICE_OBJECT *object)
{
    kmdfsim_wmik_record *r;
    kmdfsim_wmik_lock();
    HASH_FIND(hh_fdo, g_records_by_fdo, &object, sizeof(object), r);
    kmdfsim_device *device = r != NULL ? r->device : NULL;
    kmdfsim_wmik_unlock();
    return device != NULL ? device : kmdfsim_device_from_wdm(object);
}

static void record_free(kmdfsim_wmik_record *r)
{
    free(r->reginfo);
    free(r);
}

/*
 * Threads draining a record (waiting for its pins to go). An unpin without
 * the lock reads it after dropping its pin to learn whether it must wake
 * them; the drainer counts itself in before it reads the pins, so one of
 * the two always sees the other (both are sequentially consistent).
 */
static volatile int32_t g_drainers;

void kmdfsim_wmik_pin_record(kmdfsim_wmik_record *record, kmdfsim_wmik_pin *frame)
{
    kmdfsim_atomic_add32(&record->pins, 1);
    frame->record = record;
    frame->prev = t_pins;
    t_pins = frame;
}

/* Takes `frame` off this thread's list. Frames are released in reverse order of pinning, so this is quick. */
static void pop_frame(kmdfsim_wmik_pin *frame)
{
    for (kmdfsim_wmik_pin **p = &t_pins; *p != NULL; p = &(*p)->prev) {
        if (*p == frame) {
            *p = frame->prev;
            break;
        }
    }
}

void kmdfsim_wmik_unpin_record(kmdfsim_wmik_pin *frame)
{
    pop_frame(frame);
    kmdfsim_wmik_record *r = frame->record;
    if (kmdfsim_atomic_add32(&r->pins, -1) == 0 && r->zombie)
        record_free(r);
    kmdfsim_wmik_broadcast();
}

void kmdfsim_wmik_unpin(kmdfsim_wmik_pin *frame)
{
    kmdfsim_wmik_record *r = frame->record;
    /*
     * Only the thread that forgets a record makes it a zombie, and only
     * after every other thread's pin is gone: a zombie record is pinned by
     * this thread alone, and a record this thread pins cannot become one
     * meanwhile. So the flag is read safely here, before the pin is dropped.
     */
    if (r->zombie) {
        kmdfsim_wmik_lock();
        kmdfsim_wmik_unpin_record(frame);
        kmdfsim_wmik_unlock();
        return;
    }
    pop_frame(frame);
    kmdfsim_atomic_add32(&r->pins, -1); /* `r` may be freed from here on */
    if (kmdfsim_atomic_load32(&g_drainers) > 0) {
        kmdfsim_wmik_lock();
        kmdfsim_wmik_broadcast();
        kmdfsim_wmik_unlock();
    }
}

/* Pins this thread holds on `record` (a request whose callback ended up here). */
static ULONG own_pins(const kmdfsim_wmik_record *record)
{
    ULONG n = 0;
    for (const kmdfsim_wmik_pin *p = t_pins; p != NULL; p = p->prev)
        if (p->record == record)
            n++;
    return n;
}

/* Lock held: waits until only this thread's requests are still in flight to the device. */
static void drain(kmdfsim_wmik_record *record)
{
    int32_t own = (int32_t)own_pins(record);
    kmdfsim_atomic_add32(&g_drainers, 1);
    while (kmdfsim_atomic_load32(&record->pins) > own)
        kmdfsim_wmik_wait();
    kmdfsim_atomic_add32(&g_drainers, -1);
}

/* ---- Requests to a device ------------------------------------------------- */

BOOLEAN kmdfsim_wmik_pin_provider(kmdfsim_wmik_record *record, const GUID *guid, kmdfsim_wmik_pin *pin)
{
    if (record == NULL || record->zombie || !record->stats.registered ||
        (guid != NULL && !kmdfsim_wmik_registry_provides(guid, record)))
        return FALSE;
    kmdfsim_wmik_pin_record(record, pin);
    return TRUE;
}

NTSTATUS kmdfsim_wmik_send_pinned(const kmdfsim_wmik_pin *pin, const GUID *guid, kmdfsim_wmi_irp *irp,
                                  BOOLEAN in_place)
{
    GUID path;
    if (guid != NULL) {
        path = *guid;
        irp->data_path = &path;
    }
    irp->provider_id = 0; /* the device's FDO */
    irp->io_status.Status = STATUS_NOT_SUPPORTED;
    irp->io_status.Information = 0;
    kmdfsim_device *device = pin->record->device;
    NTSTATUS status = in_place ? kmdfsim_wmi_send_irp_in_place(device, irp) : kmdfsim_wmi_send_irp(device, irp);
    if (NT_SUCCESS(status) && irp->forwarded)
        status = irp->io_status.Status; /* nobody handled it: the IoStatus WMI set */
    return status;
}

NTSTATUS kmdfsim_wmik_send(ULONG provider_id, const GUID *guid, kmdfsim_wmi_irp *irp, BOOLEAN in_place)
{
    kmdfsim_wmik_pin pin;
    kmdfsim_wmik_lock();
    BOOLEAN pinned = kmdfsim_wmik_pin_provider(kmdfsim_wmik_record_by_id(provider_id), guid, &pin);
    kmdfsim_wmik_unlock();
    if (!pinned)
        return STATUS_WMI_GUID_NOT_FOUND;
    NTSTATUS status = kmdfsim_wmik_send_pinned(&pin, guid, irp, in_place);
    kmdfsim_wmik_unpin(&pin);
    return status;
}

ULONG NTAPI IoWMIDeviceObjectToProviderId(PDEVICE_OBJECT DeviceObject)
{
    kmdfsim_device *device = device_of(DeviceObject);
    if (device == NULL) {
        kmdfsim_verify_fail("INVALID_DEVICE_OBJECT", "IoWMIDeviceObjectToProviderId", DeviceObject,
                            "not a device object kmdfsim created");
        return 0;
    }
    kmdfsim_wmik_lock();
    kmdfsim_wmik_record *r = record_for(device);
    ULONG id = r != NULL ? r->provider_id : 0;
    kmdfsim_wmik_unlock();
    return id;
}

/*
 * Asks the device for its registration (IRP_MN_REGINFO_EX), with the size
 * probe WMI uses: first a small buffer, then the size the device asked for.
 */
static NTSTATUS query_reginfo(kmdfsim_device *device, ULONG_PTR data_path, UCHAR **out, ULONG *out_size)
{
    ULONG size = 256;
    for (int attempt = 0; attempt < 4; attempt++) {
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
        if (NT_SUCCESS(status) && irp.forwarded)
            status = irp.io_status.Status;
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
        if (irp.io_status.Information > size) {
            free(buffer);
            return STATUS_UNSUCCESSFUL;
        }
        *out = buffer;
        *out_size = (ULONG)irp.io_status.Information;
        return STATUS_SUCCESS;
    }
    return STATUS_UNSUCCESSFUL;
}

/*
 * Refreshes a registration from the device and applies it to the registry;
 * then brings the named GUIDs' providers to their consumers' state (a new
 * provider of a GUID someone subscribed to gets ENABLE_EVENTS).
 */
static NTSTATUS refresh(kmdfsim_device *device, ULONG_PTR data_path)
{
    UCHAR *reginfo = NULL;
    ULONG size = 0;
    kmdfsim_wmik_pin pin;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_record *r = record_for(device);
    if (r == NULL) {
        kmdfsim_wmik_unlock();
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    kmdfsim_wmik_pin_record(r, &pin);
    /* One refresh of a device at a time, so that answers are applied in the order they were given. */
    while (r->refreshing)
        kmdfsim_wmik_wait();
    r->refreshing = TRUE;
    kmdfsim_wmik_unlock();

    NTSTATUS status = query_reginfo(device, data_path, &reginfo, &size);

    GUID *guids = NULL;
    ULONG guid_count = 0;
    kmdfsim_wmik_lock();
    r->stats.reginfo_queries++;
    if (NT_SUCCESS(status) && r->stats.registered) {
        free(r->reginfo);
        r->reginfo = reginfo;
        r->reginfo_size = size;
        kmdfsim_wmik_registry_apply(r, reginfo, size, data_path == WMIREGISTER, &guids, &guid_count);
        reginfo = NULL;
    }
    r->refreshing = FALSE;
    kmdfsim_wmik_unpin_record(&pin); /* wakes the next refresh */
    kmdfsim_wmik_unlock();
    free(reginfo);
    for (ULONG i = 0; i < guid_count; i++)
        kmdfsim_wmik_reconcile(&guids[i]);
    free(guids);
    return status;
}

NTSTATUS NTAPI IoWMIRegistrationControl(PDEVICE_OBJECT DeviceObject, ULONG Action)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIRegistrationControl"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_device *device = device_of(DeviceObject);
    if (device == NULL || device->fdo == NULL || DeviceObject != &device->fdo->device_object) {
        kmdfsim_verify_fail("INVALID_DEVICE_OBJECT", "IoWMIRegistrationControl", DeviceObject,
                            "not the device object of a device kmdfsim added");
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_wmik_lock();
    kmdfsim_wmik_record *r = record_for(device);
    if (r == NULL) {
        kmdfsim_wmik_unlock();
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    BOOLEAN was_registered = r->stats.registered;
    switch (Action) {
    case WMIREG_ACTION_REGISTER:
        r->stats.register_calls++;
        r->stats.registered = TRUE;
        map_fdo(r, DeviceObject);
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
        /* No new request finds the device; those in flight end before the device goes. */
        kmdfsim_wmik_registry_remove_record(r);
        map_fdo(r, NULL); /* the FDO goes next */
        drain(r);
        break;
    default:
        kmdfsim_wmik_unlock();
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_wmik_unlock();

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
    kmdfsim_wmik_lock();
    kmdfsim_wmik_record *r = record_by_device(device);
    if (r != NULL) {
        r->stats.registered = FALSE;
        kmdfsim_wmik_registry_remove_record(r);
        map_fdo(r, NULL);
        drain(r);
        HASH_DEL(g_records, r);
        HASH_DELETE(hh_id, g_records_by_id, r);
        if (kmdfsim_atomic_load32(&r->pins) > 0)
            r->zombie = TRUE; /* this thread is inside a request to the device: its unpin frees it */
        else
            record_free(r);
    }
    kmdfsim_wmik_unlock();
}

void kmdfsim_wmi_kernel_registration_stats(const kmdfsim_device *device, kmdfsim_wmi_registration_stats *stats)
{
    memset(stats, 0, sizeof(*stats));
    kmdfsim_wmik_lock();
    kmdfsim_wmik_record *r = record_by_device(device);
    if (r != NULL)
        *stats = r->stats;
    kmdfsim_wmik_unlock();
}

ULONG kmdfsim_wmi_kernel_reginfo(const kmdfsim_device *device, void *buffer, ULONG size)
{
    ULONG full = 0;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_record *r = record_by_device(device);
    if (r != NULL && r->stats.registered && r->reginfo != NULL) {
        full = r->reginfo_size;
        memcpy(buffer, r->reginfo, full < size ? full : size);
    }
    kmdfsim_wmik_unlock();
    return full;
}
