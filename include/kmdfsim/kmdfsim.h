/*
 * kmdfsim/kmdfsim.h - the kmdfsim harness API (umbrella header).
 *
 * kmdfsim runs a KMDF driver's WMI code in user space. The WDK headers
 * (ntddk.h, wdf.h, ...) are what the driver compiles against; this header and
 * the others under kmdfsim/ are what a test uses to drive and observe it.
 * Every name here starts with kmdfsim_.
 */
#ifndef KMDFSIM_KMDFSIM_H_
#define KMDFSIM_KMDFSIM_H_

#include <kmdfsim/clock.h>
#include <kmdfsim/log.h>
#include <kmdfsim/pool.h>
#include <kmdfsim/status.h>
#include <kmdfsim/verifier.h>
#include <kmdfsim/wmi.h>
#include <kmdfsim/wmi_irp.h>

#include <wdf.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Drivers and devices ------------------------------------------------- *
 *
 * A test loads a driver through its real DriverEntry, adds devices (which
 * calls the driver's EvtDriverDeviceAdd), starts and removes them, and
 * unloads the driver, exactly as the PnP manager would. The driver's
 * callbacks run on the calling thread at PASSIVE_LEVEL.
 *
 * Start runs, in order: EvtDevicePrepareHardware,
 * EvtDeviceD0Entry(WdfPowerDeviceD3Final), EvtDeviceD0EntryPostInterruptsEnabled,
 * EvtDeviceSelfManagedIoInit, then WMI registration.
 * Orderly removal runs: WMI deregistration, EvtDeviceSelfManagedIoSuspend,
 * EvtDeviceD0ExitPreInterruptsDisabled and EvtDeviceD0Exit (both with
 * WdfPowerDeviceD3Final), EvtDeviceReleaseHardware, EvtDeviceSelfManagedIoFlush,
 * EvtDeviceSelfManagedIoCleanup, then the WDFDEVICE and its child objects
 * are deleted: EvtCleanupCallback children first (creation order), then
 * EvtDestroyCallback as references drop.
 * Surprise removal runs EvtDeviceSurpriseRemoval, then the same steps.
 * A start callback that fails ends the start with its status after undoing
 * what ran (EvtDeviceReleaseHardware even after a failed PrepareHardware;
 * EvtDeviceD0Exit only if D0Entry succeeded); the device then only accepts
 * removal. Callbacks the driver did not register are skipped.
 */

typedef struct kmdfsim_driver kmdfsim_driver;
typedef struct kmdfsim_device kmdfsim_device;

/*
 * Runs `driver_entry` with a simulated DRIVER_OBJECT and registry path.
 * Returns DriverEntry's status; on failure nothing is left loaded (the
 * WDFDRIVER, if created, is deleted; EvtDriverUnload is not called).
 */
NTSTATUS kmdfsim_driver_load(PDRIVER_INITIALIZE driver_entry, kmdfsim_driver **driver);

/*
 * Removes every device still present, calls EvtDriverUnload, deletes the
 * WDFDRIVER and its children, reports (verifier rule POOL_LEAK) every pool
 * allocation the driver's code made and never freed, and frees `driver`.
 */
void kmdfsim_driver_unload(kmdfsim_driver *driver);

/* One registry property of the PDO, set before the device is added. */
typedef struct kmdfsim_device_property {
    DEVICE_REGISTRY_PROPERTY property;
    const char *string; /* UTF-8; stored as a NUL-terminated UTF-16 REG_SZ. Or NULL: */
    const void *data;   /* raw bytes, stored as given */
    ULONG size;
} kmdfsim_device_property;

typedef struct kmdfsim_device_options {
    const char *instance_id; /* device instance ID, e.g. "ROOT\\SAMPLE\\0000"; WMI names derive from it */
    const kmdfsim_device_property *properties;
    size_t property_count;
} kmdfsim_device_options;

/*
 * Adds a device: creates its PDO and calls EvtDriverDeviceAdd. Returns the
 * callback's status; on failure any WDFDEVICE it created is deleted and
 * *device is NULL. The PDO has DevicePropertyEnumeratorName (the instance
 * ID up to the first backslash) and DevicePropertyPhysicalDeviceObjectName;
 * other properties exist only when given in kmdfsim_device_add_ex.
 */
NTSTATUS kmdfsim_device_add(kmdfsim_driver *driver, const char *instance_id, kmdfsim_device **device);
NTSTATUS kmdfsim_device_add_ex(kmdfsim_driver *driver, const kmdfsim_device_options *options, kmdfsim_device **device);

/* The start sequence above. STATUS_INVALID_DEVICE_STATE (and a verifier report) unless just added. */
NTSTATUS kmdfsim_device_start(kmdfsim_device *device);
/* Orderly removal. The kmdfsim_device stays valid (state removed) until the driver unloads. */
NTSTATUS kmdfsim_device_remove(kmdfsim_device *device);
/* Surprise removal followed by the remove steps. */
NTSTATUS kmdfsim_device_surprise_remove(kmdfsim_device *device);

/* The driver's WDFDEVICE, or NULL once the device is removed. */
WDFDEVICE kmdfsim_device_handle(const kmdfsim_device *device);
/* The instance ID the device was added with. */
const char *kmdfsim_device_instance_id(const kmdfsim_device *device);

/*
 * The largest event WNODE IoWMIWriteEvent (and so WdfWmiInstanceFireEvent)
 * accepts; a larger one fails with STATUS_BUFFER_OVERFLOW. Default 1024
 * bytes (see docs/differences-from-kmdf.md).
 */
void kmdfsim_wmi_set_max_event_size(ULONG bytes);

/* Framework objects (all kinds) that exist right now: a leak check for tests. */
ULONG kmdfsim_live_object_count(void);

#ifdef __cplusplus
}
#endif

#define KMDFSIM_VERSION_MAJOR 0
#define KMDFSIM_VERSION_MINOR 1
#define KMDFSIM_VERSION_PATCH 0

#endif /* KMDFSIM_KMDFSIM_H_ */
