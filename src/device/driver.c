/*
 * driver.c - loading and unloading a driver, and the WDFDRIVER DDIs.
 *
 * Load runs DriverEntry with a simulated DRIVER_OBJECT and registry path,
 * at PASSIVE_LEVEL. If DriverEntry fails, the WDFDRIVER it created (if any)
 * is deleted and EvtDriverUnload is not called, as on Windows.
 * Unload removes every remaining device, calls EvtDriverUnload, deletes the
 * WDFDRIVER and its child objects, then reports what the driver leaked.
 */
#include "device/driver.h"

#include "device/device.h"
#include "kernel/irql.h"
#include "kernel/pool_internal.h"
#include "platform/platform.h"
#include "rtl/format.h"
#include "verifier/verifier_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IO_TYPE_DRIVER 4

static kmdfsim_static_mutex g_drivers_lock;
static kmdfsim_driver *g_drivers;
static ULONG g_next_driver_index = 1;
static KMDFSIM_THREAD_LOCAL kmdfsim_driver *t_current_driver;

kmdfsim_driver *kmdfsim_driver_enter(kmdfsim_driver *driver)
{
    kmdfsim_driver *previous = t_current_driver;
    t_current_driver = driver;
    kmdfsim_pool_set_thread_owner(driver);
    return previous;
}

void kmdfsim_driver_leave(kmdfsim_driver *previous)
{
    t_current_driver = previous;
    kmdfsim_pool_set_thread_owner(previous);
}

kmdfsim_driver *kmdfsim_driver_current(void)
{
    if (t_current_driver != NULL)
        return t_current_driver;
    kmdfsim_driver *only = NULL;
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_drivers_lock));
    if (g_drivers != NULL && g_drivers->next == NULL)
        only = g_drivers;
    kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_drivers_lock));
    return only;
}

kmdfsim_object *kmdfsim_current_driver_object(void)
{
    kmdfsim_driver *driver = kmdfsim_driver_current();
    return driver != NULL && driver->wdf != NULL ? &driver->wdf->object : NULL;
}

/* Is `object` a DRIVER_OBJECT that kmdfsim_driver_load created? */
static kmdfsim_driver *driver_from_wdm(PDRIVER_OBJECT object)
{
    kmdfsim_driver *found = NULL;
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_drivers_lock));
    for (kmdfsim_driver *d = g_drivers; d != NULL; d = d->next)
        if (&d->driver_object == object)
            found = d;
    kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_drivers_lock));
    return found;
}

void kmdfsim_device_set_fdo(kmdfsim_device *device, struct kmdfsim_wdf_device *fdo)
{
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_drivers_lock));
    device->fdo = fdo;
    kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_drivers_lock));
}

kmdfsim_device *kmdfsim_device_from_wdm(const DEVICE_OBJECT *object)
{
    kmdfsim_device *found = NULL;
    if (object == NULL)
        return NULL;
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_drivers_lock));
    for (kmdfsim_driver *d = g_drivers; d != NULL && found == NULL; d = d->next)
        for (kmdfsim_device *dev = d->devices; dev != NULL; dev = dev->next)
            if (&dev->pdo == object || (dev->fdo != NULL && &dev->fdo->device_object == object)) {
                found = dev;
                break;
            }
    kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_drivers_lock));
    return found;
}

static void init_wdm_objects(kmdfsim_driver *driver)
{
    char text[96];
    snprintf(text, sizeof(text), "\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\kmdfsim%lu",
             (unsigned long)driver->index);
    kmdfsim_rtl_snwprintf(driver->registry_path_buffer, sizeof(driver->registry_path_buffer) / sizeof(WCHAR), L"%hs", text);
    RtlInitUnicodeString(&driver->registry_path, driver->registry_path_buffer);
    snprintf(text, sizeof(text), "\\Driver\\kmdfsim%lu", (unsigned long)driver->index);
    kmdfsim_rtl_snwprintf(driver->driver_name_buffer, sizeof(driver->driver_name_buffer) / sizeof(WCHAR), L"%hs", text);

    DRIVER_OBJECT *wdm = &driver->driver_object;
    wdm->Type = IO_TYPE_DRIVER;
    wdm->Size = (CSHORT)sizeof(DRIVER_OBJECT);
    wdm->DriverExtension = &driver->extension;
    driver->extension.DriverObject = wdm;
    RtlInitUnicodeString(&wdm->DriverName, driver->driver_name_buffer);
    driver->extension.ServiceKeyName = wdm->DriverName;
}

static void unlink_driver(kmdfsim_driver *driver)
{
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_drivers_lock));
    for (kmdfsim_driver **p = &g_drivers; *p != NULL; p = &(*p)->next) {
        if (*p == driver) {
            *p = driver->next;
            break;
        }
    }
    kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_drivers_lock));
}

/* Deletes the WDFDRIVER (and so every object parented to it) with the driver marked current. */
static void delete_wdf_driver(kmdfsim_driver *driver)
{
    if (driver->wdf == NULL)
        return;
    kmdfsim_driver *previous = kmdfsim_driver_enter(driver);
    kmdfsim_object *object = &driver->wdf->object;
    kmdfsim_object_delete(object);
    kmdfsim_driver_leave(previous);
}

NTSTATUS kmdfsim_driver_load(PDRIVER_INITIALIZE driver_entry, kmdfsim_driver **driver_out)
{
    if (driver_out != NULL)
        *driver_out = NULL;
    if (driver_entry == NULL || driver_out == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "kmdfsim_driver_load", NULL, "%s is NULL",
                            driver_entry == NULL ? "driver_entry" : "driver");
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_driver *driver = calloc(1, sizeof(*driver));
    if (driver == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_drivers_lock));
    driver->index = g_next_driver_index++;
    driver->next = g_drivers;
    g_drivers = driver;
    kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_drivers_lock));
    init_wdm_objects(driver);
    driver->driver_object.DriverInit = driver_entry;

    kmdfsim_driver *previous = kmdfsim_driver_enter(driver);
    NTSTATUS status = driver_entry(&driver->driver_object, &driver->registry_path);
    kmdfsim_driver_leave(previous);
    if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
        kmdfsim_verify_fail("IRQL_NOT_RESTORED", "DriverEntry", NULL, "DriverEntry returned at %s",
                            kmdfsim_irql_name(KeGetCurrentIrql()));
        kmdfsim_irql_set(PASSIVE_LEVEL);
    }
    if (!NT_SUCCESS(status)) {
        /* No EvtDriverUnload after a failed DriverEntry; the framework object still goes away. */
        delete_wdf_driver(driver);
        unlink_driver(driver);
        free(driver);
        return status;
    }
    if (driver->wdf == NULL)
        kmdfsim_verify_warn("NO_WDFDRIVER", "DriverEntry", NULL,
                            "DriverEntry succeeded without calling WdfDriverCreate; no device can be added");
    *driver_out = driver;
    return status;
}

void kmdfsim_driver_unload(kmdfsim_driver *driver)
{
    if (driver == NULL)
        return;
    while (driver->devices != NULL)
        kmdfsim_device_destroy(driver->devices);

    if (driver->wdf != NULL && driver->wdf->config.EvtDriverUnload != NULL) {
        kmdfsim_driver *previous = kmdfsim_driver_enter(driver);
        driver->wdf->config.EvtDriverUnload((WDFDRIVER)driver->wdf->object.handle);
        kmdfsim_driver_leave(previous);
    }
    delete_wdf_driver(driver);

    kmdfsim_pool_report_leaks_of_owner(driver);
    unlink_driver(driver);
    free(driver);
}

/* ---- WDFDRIVER ---------------------------------------------------------- */

static void wdf_driver_destroy(kmdfsim_object *object)
{
    kmdfsim_wdf_driver *wdf = (kmdfsim_wdf_driver *)object;
    if (wdf->harness != NULL && wdf->harness->wdf == wdf)
        wdf->harness->wdf = NULL;
}

static const kmdfsim_object_class g_driver_class = {KMDFSIM_KIND_DRIVER, "WDFDRIVER", FALSE, NULL, wdf_driver_destroy};

NTSTATUS WdfDriverCreate(PDRIVER_OBJECT DriverObject, PCUNICODE_STRING RegistryPath, PWDF_OBJECT_ATTRIBUTES DriverAttributes,
                         PWDF_DRIVER_CONFIG DriverConfig, WDFDRIVER *Driver)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "WdfDriverCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (DriverObject == NULL || RegistryPath == NULL || DriverConfig == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDriverCreate", NULL, "%s is NULL",
                            DriverObject == NULL ? "DriverObject" : RegistryPath == NULL ? "RegistryPath" : "DriverConfig");
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_driver *harness = driver_from_wdm(DriverObject);
    if (harness == NULL) {
        kmdfsim_verify_fail("INVALID_DRIVER_OBJECT", "WdfDriverCreate", DriverObject,
                            "DriverObject is not the one kmdfsim passed to DriverEntry");
        return STATUS_INVALID_PARAMETER;
    }
    if (harness->wdf != NULL) {
        kmdfsim_verify_fail("DRIVER_ALREADY_CREATED", "WdfDriverCreate", DriverObject,
                            "WdfDriverCreate was already called for this driver");
        return STATUS_DRIVER_INTERNAL_ERROR;
    }
    if (DriverConfig->Size != sizeof(WDF_DRIVER_CONFIG))
        return STATUS_INFO_LENGTH_MISMATCH;
    NTSTATUS status = kmdfsim_validate_object_attributes(DriverAttributes, KMDFSIM_ATTR_PARENT_NOT_ALLOWED);
    if (!NT_SUCCESS(status))
        return status;
    if ((DriverConfig->DriverInitFlags & WdfDriverInitNonPnpDriver) == 0 && DriverConfig->EvtDriverDeviceAdd == NULL) {
        kmdfsim_verify_fail("MISSING_CALLBACK", "WdfDriverCreate", DriverObject,
                            "a PnP driver needs EvtDriverDeviceAdd (or WdfDriverInitNonPnpDriver)");
        return STATUS_INVALID_PARAMETER;
    }

    kmdfsim_wdf_driver *wdf =
        (kmdfsim_wdf_driver *)kmdfsim_object_alloc(&g_driver_class, sizeof(kmdfsim_wdf_driver), DriverAttributes);
    if (wdf == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    wdf->harness = harness;
    wdf->config = *DriverConfig;
    status = kmdfsim_object_commit(&wdf->object, NULL, DriverAttributes);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(&wdf->object);
        return status;
    }
    harness->wdf = wdf;
    if (Driver != NULL)
        *Driver = (WDFDRIVER)wdf->object.handle;
    return STATUS_SUCCESS;
}

WDFDRIVER WdfGetDriver(VOID)
{
    kmdfsim_object *object = kmdfsim_current_driver_object();
    if (object == NULL) {
        kmdfsim_verify_fail("NO_DRIVER", "WdfGetDriver", NULL,
                            "no WDFDRIVER is current (several drivers loaded and none is running, or none created)");
        return NULL;
    }
    return (WDFDRIVER)object->handle;
}

static kmdfsim_wdf_driver *wdf_driver_from_handle(WDFDRIVER handle, const char *ddi)
{
    return (kmdfsim_wdf_driver *)kmdfsim_object_from_handle((WDFOBJECT)handle, KMDFSIM_KIND_DRIVER, ddi);
}

PDRIVER_OBJECT WdfDriverWdmGetDriverObject(WDFDRIVER Driver)
{
    kmdfsim_wdf_driver *wdf = wdf_driver_from_handle(Driver, "WdfDriverWdmGetDriverObject");
    return wdf != NULL ? &wdf->harness->driver_object : NULL;
}

PWSTR WdfDriverGetRegistryPath(WDFDRIVER Driver)
{
    kmdfsim_wdf_driver *wdf = wdf_driver_from_handle(Driver, "WdfDriverGetRegistryPath");
    return wdf != NULL ? wdf->harness->registry_path_buffer : NULL;
}

WDFDRIVER WdfWdmDriverGetWdfDriverHandle(PDRIVER_OBJECT DriverObject)
{
    kmdfsim_driver *harness = driver_from_wdm(DriverObject);
    return harness != NULL && harness->wdf != NULL ? (WDFDRIVER)harness->wdf->object.handle : NULL;
}
