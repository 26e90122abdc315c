/*
 * device.c - adding devices, WdfDeviceCreate and the WDFDEVICE accessors.
 *
 * kmdfsim_device_add plays the PnP manager and the bus: it makes a PDO for
 * the instance ID and calls EvtDriverDeviceAdd with a WDFDEVICE_INIT. If the
 * callback fails, any WDFDEVICE it created is deleted (its cleanup callbacks
 * run) and the status is returned.
 */
#include "device/device.h"

#include "kernel/irql.h"
#include "objects/object.h"
#include "platform/platform.h"
#include "rtl/format.h"
#include "verifier/verifier_internal.h"
#include "wmi/wmi_internal.h"
#include "client/wmi_kernel.h"

#include <stdlib.h>
#include <string.h>

#define IO_TYPE_DEVICE 3

static void wdf_device_destroy(kmdfsim_object *object)
{
    kmdfsim_wdf_device *device = (kmdfsim_wdf_device *)object;
    kmdfsim_wmi_handler_destroy(device);
    if (device->harness != NULL && device->harness->fdo == device)
        kmdfsim_device_set_fdo(device->harness, NULL);
    if (device->harness != NULL)
        device->harness->pdo.AttachedDevice = NULL;
}

/* PnP devices are deleted by PnP, never by the driver (KMDF refuses WdfObjectDelete on them). */
static const kmdfsim_object_class g_device_class = {KMDFSIM_KIND_DEVICE, "WDFDEVICE", FALSE, NULL, wdf_device_destroy};

kmdfsim_wdf_device *kmdfsim_wdf_device_from_handle(WDFDEVICE handle, const char *ddi)
{
    /* Every WDFDEVICE DDI allows at most DISPATCH_LEVEL; those limited to PASSIVE check that first. */
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, ddi))
        return NULL;
    return (kmdfsim_wdf_device *)kmdfsim_object_from_handle((WDFOBJECT)handle, KMDFSIM_KIND_DEVICE, ddi);
}

/* ---- Resource lists (empty: kmdfsim simulates no hardware resources) ---- */

static const kmdfsim_object_class g_resource_list_class = {KMDFSIM_KIND_GENERIC, "WDFCMRESLIST", FALSE, NULL, NULL};

NTSTATUS kmdfsim_resource_list_create(kmdfsim_object *parent, WDFCMRESLIST *list)
{
    kmdfsim_object *object = kmdfsim_object_alloc(&g_resource_list_class, sizeof(kmdfsim_object), NULL);
    if (object == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = kmdfsim_object_commit(object, parent, NULL);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(object);
        return status;
    }
    *list = (WDFCMRESLIST)object->handle;
    return STATUS_SUCCESS;
}

ULONG WdfCmResourceListGetCount(WDFCMRESLIST List)
{
    /* Validates the handle; the list is always empty. */
    (void)kmdfsim_object_from_handle((WDFOBJECT)List, KMDFSIM_KIND_GENERIC, "WdfCmResourceListGetCount");
    return 0;
}

struct _CM_PARTIAL_RESOURCE_DESCRIPTOR *WdfCmResourceListGetDescriptor(WDFCMRESLIST List, ULONG Index)
{
    kmdfsim_object *object =
        kmdfsim_object_from_handle((WDFOBJECT)List, KMDFSIM_KIND_GENERIC, "WdfCmResourceListGetDescriptor");
    if (object != NULL)
        kmdfsim_verify_fail("INDEX_OUT_OF_RANGE", "WdfCmResourceListGetDescriptor", List,
                            "index %lu, but the list is empty (kmdfsim assigns no hardware resources)",
                            (unsigned long)Index);
    return NULL;
}

/* ---- WdfDeviceCreate ---------------------------------------------------- */

static void init_fdo(kmdfsim_wdf_device *device, kmdfsim_device *harness, const struct WDFDEVICE_INIT *init)
{
    DEVICE_OBJECT *fdo = &device->device_object;
    fdo->Type = IO_TYPE_DEVICE;
    fdo->Size = (USHORT)sizeof(DEVICE_OBJECT);
    fdo->ReferenceCount = 1;
    fdo->DriverObject = &harness->driver->driver_object;
    fdo->DeviceType = init->device_type != 0 ? init->device_type : FILE_DEVICE_UNKNOWN;
    fdo->Characteristics = init->characteristics;
    fdo->Flags = DO_DEVICE_INITIALIZING | DO_POWER_PAGABLE;
    fdo->StackSize = (CCHAR)(harness->pdo.StackSize + 1);
    harness->pdo.AttachedDevice = fdo;
}

NTSTATUS WdfDeviceCreate(PWDFDEVICE_INIT *DeviceInit, PWDF_OBJECT_ATTRIBUTES DeviceAttributes, WDFDEVICE *Device)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "WdfDeviceCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (DeviceInit == NULL || *DeviceInit == NULL || Device == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDeviceCreate", NULL, "%s is NULL",
                            Device == NULL ? "Device" : "DeviceInit");
        return STATUS_INVALID_PARAMETER;
    }
    *Device = NULL;
    struct WDFDEVICE_INIT *init = *DeviceInit;
    kmdfsim_device *harness = init->harness;
    if (harness->fdo != NULL) {
        kmdfsim_verify_fail("DEVICE_ALREADY_CREATED", "WdfDeviceCreate", NULL,
                            "a WDFDEVICE already exists for %s", harness->instance_id);
        return STATUS_INVALID_DEVICE_STATE;
    }
    NTSTATUS status = kmdfsim_validate_object_attributes(
        DeviceAttributes, KMDFSIM_ATTR_EXECUTION_LEVEL_ALLOWED | KMDFSIM_ATTR_SYNCHRONIZATION_SCOPE_ALLOWED);
    if (!NT_SUCCESS(status))
        return status;

    kmdfsim_wdf_device *device =
        (kmdfsim_wdf_device *)kmdfsim_object_alloc(&g_device_class, sizeof(kmdfsim_wdf_device), DeviceAttributes);
    if (device == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    device->harness = harness;
    device->pnp = init->pnp;
    device->power_policy_owner = init->power_policy_owner_set ? init->power_policy_owner : TRUE;
    status = kmdfsim_wmi_handler_create(device);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(&device->object);
        return status;
    }
    kmdfsim_object *parent = harness->driver->wdf != NULL ? &harness->driver->wdf->object : NULL;
    status = kmdfsim_object_commit(&device->object, parent, DeviceAttributes);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(&device->object);
        return status;
    }
    init_fdo(device, harness, init);
    kmdfsim_device_set_fdo(harness, device);
    /* WDFDEVICE_INIT is consumed: KMDF frees it and clears the caller's pointer. */
    *DeviceInit = NULL;
    *Device = (WDFDEVICE)device->object.handle;
    return STATUS_SUCCESS;
}

/* ---- Adding a device (the harness's PnP manager) ------------------------ */

/* Copies `text` (UTF-8) into a new NUL-terminated UTF-16 string. */
static WCHAR *to_wide(const char *text)
{
    size_t n = strlen(text) + 1;
    WCHAR *wide = calloc(n, sizeof(WCHAR));
    if (wide != NULL)
        kmdfsim_rtl_snwprintf(wide, n, L"%hs", text);
    return wide;
}

static void free_device_record(kmdfsim_device *device)
{
    kmdfsim_wmi_kernel_forget(device);
    for (size_t i = 0; i < device->property_count; i++)
        free(device->properties[i].data);
    free(device->properties);
    free(device->instance_id);
    free(device->instance_id_w);
    free(device);
}

static void link_device(kmdfsim_driver *driver, kmdfsim_device *device)
{
    device->next = driver->devices;
    driver->devices = device;
}

static void unlink_device(kmdfsim_device *device)
{
    for (kmdfsim_device **p = &device->driver->devices; *p != NULL; p = &(*p)->next) {
        if (*p == device) {
            *p = device->next;
            return;
        }
    }
}

NTSTATUS kmdfsim_device_add_ex(kmdfsim_driver *driver, const kmdfsim_device_options *options, kmdfsim_device **device_out)
{
    if (device_out != NULL)
        *device_out = NULL;
    if (driver == NULL || options == NULL || options->instance_id == NULL || device_out == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "kmdfsim_device_add", NULL, "driver, options, instance_id and device are required");
        return STATUS_INVALID_PARAMETER;
    }
    if (driver->wdf == NULL || driver->wdf->config.EvtDriverDeviceAdd == NULL) {
        kmdfsim_verify_fail("NO_DEVICE_ADD", "kmdfsim_device_add", NULL,
                            "the driver has no WDFDRIVER with an EvtDriverDeviceAdd callback");
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    kmdfsim_device *device = calloc(1, sizeof(*device));
    if (device == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    device->driver = driver;
    device->instance_id = malloc(strlen(options->instance_id) + 1);
    if (device->instance_id != NULL)
        strcpy(device->instance_id, options->instance_id);
    device->instance_id_w = device->instance_id != NULL ? to_wide(device->instance_id) : NULL;
    NTSTATUS status = device->instance_id_w != NULL ? kmdfsim_device_set_properties(device, options) : STATUS_INSUFFICIENT_RESOURCES;
    if (!NT_SUCCESS(status)) {
        free_device_record(device);
        return status;
    }
    device->pdo.Type = IO_TYPE_DEVICE;
    device->pdo.Size = (USHORT)sizeof(DEVICE_OBJECT);
    device->pdo.DeviceType = FILE_DEVICE_BUS_EXTENDER;
    device->pdo.StackSize = 1;
    link_device(driver, device);

    struct WDFDEVICE_INIT init;
    memset(&init, 0, sizeof(init));
    init.harness = device;
    init.io_type = WdfDeviceIoBuffered;

    kmdfsim_driver *previous = kmdfsim_driver_enter(driver);
    status = driver->wdf->config.EvtDriverDeviceAdd((WDFDRIVER)driver->wdf->object.handle, &init);
    kmdfsim_driver_leave(previous);
    if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
        kmdfsim_verify_fail("IRQL_NOT_RESTORED", "EvtDriverDeviceAdd", NULL, "returned at %s",
                            kmdfsim_irql_name(KeGetCurrentIrql()));
        kmdfsim_irql_set(PASSIVE_LEVEL);
    }
    if (!NT_SUCCESS(status)) {
        if (device->fdo != NULL) {
            previous = kmdfsim_driver_enter(driver);
            kmdfsim_object_delete(&device->fdo->object);
            kmdfsim_driver_leave(previous);
        }
        unlink_device(device);
        free_device_record(device);
        return status;
    }
    if (device->fdo == NULL) {
        kmdfsim_verify_fail("NO_DEVICE_CREATED", "EvtDriverDeviceAdd", NULL,
                            "returned %s without calling WdfDeviceCreate", kmdfsim_status_name(status));
        unlink_device(device);
        free_device_record(device);
        return STATUS_INVALID_DEVICE_STATE;
    }
    /* The framework clears DO_DEVICE_INITIALIZING once EvtDriverDeviceAdd returns. */
    device->fdo->device_object.Flags &= ~(ULONG)DO_DEVICE_INITIALIZING;
    device->state = KMDFSIM_PNP_ADDED;
    *device_out = device;
    return status;
}

NTSTATUS kmdfsim_device_add(kmdfsim_driver *driver, const char *instance_id, kmdfsim_device **device)
{
    kmdfsim_device_options options;
    memset(&options, 0, sizeof(options));
    options.instance_id = instance_id;
    return kmdfsim_device_add_ex(driver, &options, device);
}

WDFDEVICE kmdfsim_device_handle(const kmdfsim_device *device)
{
    if (device == NULL || device->fdo == NULL)
        return NULL;
    return (WDFDEVICE)device->fdo->object.handle;
}

const char *kmdfsim_device_instance_id(const kmdfsim_device *device) { return device != NULL ? device->instance_id : NULL; }

void kmdfsim_device_destroy(kmdfsim_device *device)
{
    if (device->state != KMDFSIM_PNP_REMOVED)
        kmdfsim_device_remove(device);
    unlink_device(device);
    free_device_record(device);
}

/* ---- Accessors ---------------------------------------------------------- */

PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device)
{
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceWdmGetDeviceObject");
    return device != NULL ? &device->device_object : NULL;
}

PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(WDFDEVICE Device)
{
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceWdmGetPhysicalDevice");
    return device != NULL ? &device->harness->pdo : NULL;
}

PDEVICE_OBJECT WdfDeviceWdmGetAttachedDevice(WDFDEVICE Device)
{
    /* The FDO sits directly on the PDO: there is no filter in between. */
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceWdmGetAttachedDevice");
    return device != NULL ? &device->harness->pdo : NULL;
}

WDFDRIVER WdfDeviceGetDriver(WDFDEVICE Device)
{
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceGetDriver");
    if (device == NULL || device->harness->driver->wdf == NULL)
        return NULL;
    return (WDFDRIVER)device->harness->driver->wdf->object.handle;
}

WDFDEVICE WdfWdmDeviceGetWdfDeviceHandle(PDEVICE_OBJECT DeviceObject)
{
    kmdfsim_device *device = kmdfsim_device_from_wdm(DeviceObject);
    return device != NULL && device->fdo != NULL ? (WDFDEVICE)device->fdo->object.handle : NULL;
}
