/*
 * driver.h - the loaded driver (harness side) and its WDFDRIVER object.
 *
 * kmdfsim_driver is what the I/O manager would own: the DRIVER_OBJECT, the
 * registry path handed to DriverEntry, and the devices added to it.
 * kmdfsim_wdf_driver is the framework object WdfDriverCreate makes.
 *
 * "Current driver": while kmdfsim runs driver code (DriverEntry, any event
 * callback) the thread records which driver it is running, so that
 * WdfGetDriver() and default parents work and pool allocations can be
 * attributed for leak reports even with several drivers loaded.
 */
#ifndef KMDFSIM_DEVICE_DRIVER_H_
#define KMDFSIM_DEVICE_DRIVER_H_

#include <kmdfsim/kmdfsim.h>

#include "objects/object.h"

struct kmdfsim_wdf_device;

typedef struct kmdfsim_wdf_driver {
    kmdfsim_object object;
    kmdfsim_driver *harness;
    WDF_DRIVER_CONFIG config;
} kmdfsim_wdf_driver;

struct kmdfsim_driver {
    DRIVER_OBJECT driver_object;
    DRIVER_EXTENSION extension;
    UNICODE_STRING registry_path;
    WCHAR registry_path_buffer[96];
    WCHAR driver_name_buffer[48];
    ULONG index;                  /* 1, 2, ... in load order */
    kmdfsim_wdf_driver *wdf;      /* set by WdfDriverCreate */
    kmdfsim_device *devices;      /* added devices, newest first */
    struct kmdfsim_driver *next;  /* list of loaded drivers */
};

/* Marks the calling thread as running `driver`'s code; returns the previous value for leave. */
kmdfsim_driver *kmdfsim_driver_enter(kmdfsim_driver *driver);
void kmdfsim_driver_leave(kmdfsim_driver *previous);
/* The driver whose code runs on this thread, or the only loaded driver, or NULL. */
kmdfsim_driver *kmdfsim_driver_current(void);

/*
 * Sets (or clears) a device's WDFDEVICE under the lock kmdfsim_device_from_wdm
 * reads it with, so lookups from other threads never race a removal.
 */
void kmdfsim_device_set_fdo(kmdfsim_device *device, struct kmdfsim_wdf_device *fdo);

/* The device whose FDO or PDO is `object`, across all loaded drivers, or NULL. */
kmdfsim_device *kmdfsim_device_from_wdm(const DEVICE_OBJECT *object);

#endif /* KMDFSIM_DEVICE_DRIVER_H_ */
