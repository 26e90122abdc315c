/*
 * device.h - a device as kmdfsim models it.
 *
 * kmdfsim_device is the harness side: the PDO the bus reported (instance
 * ID, properties) and the PnP state. kmdfsim_wdf_device is the WDFDEVICE the
 * driver creates in EvtDriverDeviceAdd, with its FDO. The harness record
 * lives until the driver is unloaded, so a test that calls a harness
 * function on a removed device gets a clean error, not a dangling pointer.
 */
#ifndef KMDFSIM_DEVICE_DEVICE_H_
#define KMDFSIM_DEVICE_DEVICE_H_

#include "device/driver.h"

typedef enum kmdfsim_pnp_state {
    KMDFSIM_PNP_ADDED = 0,       /* WDFDEVICE created, not started */
    KMDFSIM_PNP_STARTED,         /* start sequence completed */
    KMDFSIM_PNP_START_FAILED,    /* a start callback failed; unwound; awaits removal */
    KMDFSIM_PNP_REMOVED          /* removed (orderly or surprise); objects deleted */
} kmdfsim_pnp_state;

typedef struct kmdfsim_property_value {
    DEVICE_REGISTRY_PROPERTY property;
    void *data;
    ULONG size;
} kmdfsim_property_value;

typedef struct kmdfsim_wdf_device kmdfsim_wdf_device;

struct kmdfsim_device {
    kmdfsim_driver *driver;
    kmdfsim_device *next;       /* in driver->devices */
    char *instance_id;          /* UTF-8, e.g. "ROOT\\SAMPLE\\0000" */
    WCHAR *instance_id_w;       /* UTF-16, NUL-terminated */
    DEVICE_OBJECT pdo;
    kmdfsim_property_value *properties;
    size_t property_count;
    kmdfsim_wdf_device *fdo;    /* NULL until WdfDeviceCreate, and after removal */
    kmdfsim_pnp_state state;
    /* Which start steps ran, so removal and failed starts undo exactly those. */
    BOOLEAN hardware_prepared;
    BOOLEAN in_d0;
    BOOLEAN self_managed_io_started;
};

struct kmdfsim_wdf_device {
    kmdfsim_object object;
    kmdfsim_device *harness;
    DEVICE_OBJECT device_object; /* the FDO */
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    BOOLEAN power_policy_owner;
    WDFCMRESLIST resources_raw;
    WDFCMRESLIST resources_translated;
    struct kmdfsim_wmi_handler *wmi; /* the device's WMI handler (src/wmi) */
};

/* WDFDEVICE_INIT: what EvtDriverDeviceAdd configures before WdfDeviceCreate. */
struct WDFDEVICE_INIT {
    kmdfsim_device *harness;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    BOOLEAN power_policy_owner;
    BOOLEAN power_policy_owner_set;
    DEVICE_TYPE device_type;
    ULONG characteristics;
    BOOLEAN exclusive;
    WDF_DEVICE_IO_TYPE io_type;
};

/* Stores the default PDO properties and the test's own (kmdfsim_device_add_ex). */
NTSTATUS kmdfsim_device_set_properties(kmdfsim_device *device, const kmdfsim_device_options *options);

/* Resolves a WDFDEVICE handle for `ddi` (verifier report and NULL when invalid). */
kmdfsim_wdf_device *kmdfsim_wdf_device_from_handle(WDFDEVICE handle, const char *ddi);

/* Removes the device if it still exists and frees the harness record (driver unload). */
void kmdfsim_device_destroy(kmdfsim_device *device);

/* Empty resource lists handed to EvtDevicePrepareHardware/EvtDeviceReleaseHardware. */
NTSTATUS kmdfsim_resource_list_create(kmdfsim_object *parent, WDFCMRESLIST *list);

#endif /* KMDFSIM_DEVICE_DEVICE_H_ */
