/*
 * Driver and device lifecycle: DriverEntry, EvtDriverDeviceAdd, the start and
 * removal sequences (checked against recorded callback order), failure
 * unwinding, object cleanup order, properties and leak reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <kmdfsim/kmdfsim.h>
#include <string.h>

#include "lifecycle_driver.h"


static int setup(void **state)
{
    (void)state;
    memset(&LifecycleTrace, 0, sizeof(LifecycleTrace));
    memset(&LifecycleFaults, 0, sizeof(LifecycleFaults));
    capture_reports();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    release_reports();
    /* Every test must leave no framework object behind. */
    assert_int_equal(kmdfsim_live_object_count(), 0);
    return 0;
}

/* Asserts that the trace holds exactly `expected` (NULL-terminated), in order. */
static void assert_trace(const char *const *expected)
{
    ULONG n = 0;
    while (expected[n] != NULL)
        n++;
    for (ULONG i = 0; i < n && i < LifecycleTrace.Count; i++) {
        if (strcmp(LifecycleTrace.Entries[i], expected[i]) != 0)
            fail_msg("trace[%lu] is \"%s\", expected \"%s\"", (unsigned long)i, LifecycleTrace.Entries[i], expected[i]);
    }
    if (LifecycleTrace.Count != n)
        fail_msg("trace has %lu entries, expected %lu (last: \"%s\")", (unsigned long)LifecycleTrace.Count,
                 (unsigned long)n, LifecycleTrace.Count ? LifecycleTrace.Entries[LifecycleTrace.Count - 1] : "");
}

static void reset_trace(void) { memset(&LifecycleTrace, 0, sizeof(LifecycleTrace)); }

static void test_full_lifecycle_order(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    assert_non_null(kmdfsim_device_handle(device));
    assert_string_equal(kmdfsim_device_instance_id(device), "ROOT\\LIFECYCLE\\0000");
    assert_int_equal(kmdfsim_device_start(device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_remove(device), STATUS_SUCCESS);
    assert_null(kmdfsim_device_handle(device));
    kmdfsim_driver_unload(driver);
    static const char *const expected[] = {"DriverEntry", "DeviceAdd", "PrepareHardware", "D0Entry(D3Final)",
                                           "SelfManagedIoInit", "D0Exit(D3Final)", "ReleaseHardware",
                                           "SelfManagedIoCleanup", "DeviceCleanup", "DeviceDestroy",
                                           "DriverUnload", "DriverCleanup", NULL};
    assert_trace(expected);
    assert_no_reports();
}

static void test_surprise_removal_order(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_start(device), STATUS_SUCCESS);
    reset_trace();
    assert_int_equal(kmdfsim_device_surprise_remove(device), STATUS_SUCCESS);
    static const char *const expected[] = {"SurpriseRemoval", "D0Exit(D3Final)", "ReleaseHardware",
                                           "SelfManagedIoCleanup", "DeviceCleanup", "DeviceDestroy", NULL};
    assert_trace(expected);
    kmdfsim_driver_unload(driver);
}

static void test_children_cleaned_up_before_device_in_creation_order(void **state)
{
    (void)state;
    LifecycleFaults.CreateChildren = TRUE;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    /* The device, its context-typed handle, two children, and the driver. */
    assert_int_equal(kmdfsim_live_object_count(), 4);
    reset_trace();
    assert_int_equal(kmdfsim_device_remove(device), STATUS_SUCCESS);
    /* Never started: no PnP callbacks, only object cleanup (children first) and destroy. */
    static const char *const expected[] = {"ChildCleanup", "ChildCleanup", "DeviceCleanup", "DeviceDestroy", NULL};
    assert_trace(expected);
    kmdfsim_driver_unload(driver);
}

static void test_failed_driver_entry(void **state)
{
    (void)state;
    LifecycleFaults.DriverEntry = STATUS_INSUFFICIENT_RESOURCES;
    kmdfsim_driver *driver = (kmdfsim_driver *)(uintptr_t)1;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_INSUFFICIENT_RESOURCES);
    assert_null(driver);
    /* No EvtDriverUnload after a failed DriverEntry; the WDFDRIVER is still cleaned up. */
    static const char *const expected[] = {"DriverEntry", "DriverCleanup", NULL};
    assert_trace(expected);
}

static void test_failed_device_add_deletes_created_device(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device = (kmdfsim_device *)(uintptr_t)1;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    LifecycleFaults.DeviceAddAfterCreate = STATUS_DEVICE_CONFIGURATION_ERROR;
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_DEVICE_CONFIGURATION_ERROR);
    assert_null(device);
    static const char *const expected[] = {"DriverEntry", "DeviceAdd", "DeviceCleanup", "DeviceDestroy", NULL};
    assert_trace(expected);
    LifecycleFaults.DeviceAddAfterCreate = STATUS_SUCCESS;
    LifecycleFaults.DeviceAdd = STATUS_NOT_SUPPORTED;
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0001", &device), STATUS_NOT_SUPPORTED);
    kmdfsim_driver_unload(driver);
}

/* Starts a device whose `fault` callback fails and returns the recorded start trace. */
static void run_failed_start(NTSTATUS expected_status, const char *const *expected_trace)
{
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    reset_trace();
    assert_int_equal(kmdfsim_device_start(device), expected_status);
    assert_trace(expected_trace);
    /* Only removal is possible now. */
    assert_int_equal(kmdfsim_device_start(device), STATUS_INVALID_DEVICE_STATE);
    assert_string_equal(g_log.last_rule, "INVALID_DEVICE_STATE");
    reset_trace();
    assert_int_equal(kmdfsim_device_remove(device), STATUS_SUCCESS);
    static const char *const removal[] = {"DeviceCleanup", "DeviceDestroy", NULL};
    assert_trace(removal);
    kmdfsim_driver_unload(driver);
}

static void test_prepare_hardware_failure_still_releases(void **state)
{
    (void)state;
    LifecycleFaults.PrepareHardware = STATUS_DEVICE_HARDWARE_ERROR;
    /* Self-managed I/O never started, so it is not cleaned up either. */
    static const char *const expected[] = {"PrepareHardware", "ReleaseHardware", NULL};
    run_failed_start(STATUS_DEVICE_HARDWARE_ERROR, expected);
}

static void test_d0_entry_failure_skips_d0_exit(void **state)
{
    (void)state;
    LifecycleFaults.D0Entry = STATUS_DEVICE_NOT_READY;
    static const char *const expected[] = {"PrepareHardware", "D0Entry(D3Final)", "ReleaseHardware", NULL};
    run_failed_start(STATUS_DEVICE_NOT_READY, expected);
}

static void test_self_managed_io_init_failure_powers_down(void **state)
{
    (void)state;
    LifecycleFaults.SelfManagedIoInit = STATUS_UNSUCCESSFUL;
    static const char *const expected[] = {"PrepareHardware", "D0Entry(D3Final)", "SelfManagedIoInit",
                                           "D0Exit(D3Final)", "ReleaseHardware", "SelfManagedIoCleanup", NULL};
    run_failed_start(STATUS_UNSUCCESSFUL, expected);
}

static void test_harness_misuse_is_reported(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_start(device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_start(device), STATUS_INVALID_DEVICE_STATE);
    assert_int_equal(kmdfsim_device_remove(device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_remove(device), STATUS_INVALID_DEVICE_STATE);
    assert_int_equal(kmdfsim_device_surprise_remove(device), STATUS_INVALID_DEVICE_STATE);
    assert_int_equal(g_log.errors, 3);
    assert_int_equal(kmdfsim_device_start(NULL), STATUS_INVALID_PARAMETER);
    kmdfsim_driver *other = (kmdfsim_driver *)(uintptr_t)1;
    assert_int_equal(kmdfsim_driver_load(NULL, &other), STATUS_INVALID_PARAMETER);
    assert_null(other);
    kmdfsim_driver_unload(driver);
}

static void test_unload_removes_devices_and_reports_pool_leaks(void **state)
{
    (void)state;
    LifecycleFaults.LeakPool = TRUE;
    kmdfsim_driver *driver;
    kmdfsim_device *a, *b;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &a), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0001", &b), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_start(a), STATUS_SUCCESS);
    kmdfsim_pool_stats before;
    kmdfsim_pool_tag_stats('fcyL', &before);
    assert_int_equal(before.live_allocations, 2);
    kmdfsim_driver_unload(driver);
    /* Two leaked allocations, one report each, naming the tag. */
    assert_int_equal(g_log.errors, 2);
    assert_string_equal(g_log.last_rule, "POOL_LEAK");
    assert_non_null(strstr(g_log.last_message, "'Lycf'"));
    assert_int_equal(LifecycleTrace.Count > 0, 1);
    assert_string_equal(LifecycleTrace.Entries[LifecycleTrace.Count - 1], "DriverCleanup");
}

static void test_device_is_not_deletable_by_driver(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    WDFDEVICE handle = kmdfsim_device_handle(device);
    WdfObjectDelete(handle);
    assert_string_equal(g_log.last_rule, "OBJECT_NOT_DELETABLE");
    assert_ptr_equal(g_log.last_handle, handle);
    /* Still alive and usable. */
    assert_non_null(WdfDeviceWdmGetDeviceObject(handle));
    WdfObjectDelete(WdfDeviceGetDriver(handle));
    assert_int_equal(g_log.errors, 2);
    kmdfsim_driver_unload(driver);
}

static void test_wdm_objects(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\LIFECYCLE\\0000", &device), STATUS_SUCCESS);
    WDFDEVICE handle = kmdfsim_device_handle(device);
    PDEVICE_OBJECT fdo = WdfDeviceWdmGetDeviceObject(handle);
    PDEVICE_OBJECT pdo = WdfDeviceWdmGetPhysicalDevice(handle);
    assert_non_null(fdo);
    assert_non_null(pdo);
    assert_ptr_not_equal(fdo, pdo);
    /* Stable identity: the same pointers every time, mapping back to the handle. */
    assert_ptr_equal(WdfDeviceWdmGetDeviceObject(handle), fdo);
    assert_ptr_equal(WdfWdmDeviceGetWdfDeviceHandle(fdo), handle);
    assert_ptr_equal(pdo->AttachedDevice, fdo);
    assert_int_equal(fdo->Flags & DO_DEVICE_INITIALIZING, 0);
    WDFDRIVER wdfDriver = WdfDeviceGetDriver(handle);
    PDRIVER_OBJECT wdm = WdfDriverWdmGetDriverObject(wdfDriver);
    assert_ptr_equal(fdo->DriverObject, wdm);
    assert_ptr_equal(WdfWdmDriverGetWdfDriverHandle(wdm), wdfDriver);
    assert_ptr_equal(WdfGetDriver(), wdfDriver);
    UNICODE_STRING expected;
    RtlInitUnicodeString(&expected, L"\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\");
    UNICODE_STRING path;
    RtlInitUnicodeString(&path, WdfDriverGetRegistryPath(wdfDriver));
    assert_true(RtlPrefixUnicodeString(&expected, &path, TRUE));
    kmdfsim_driver_unload(driver);
    assert_no_reports();
}

static void test_properties(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    static const ULONG address = 7;
    kmdfsim_device_property props[] = {
        {DevicePropertyFriendlyName, "Thermal Sensor #2", NULL, 0},
        {DevicePropertyAddress, NULL, &address, sizeof(address)},
    };
    kmdfsim_device_options options = {"PCI\\VEN_1234&DEV_5678\\3&11583659&0&10", props, 2};
    assert_int_equal(kmdfsim_driver_load(LifecycleDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add_ex(driver, &options, &device), STATUS_SUCCESS);
    WDFDEVICE handle = kmdfsim_device_handle(device);

    WCHAR name[64];
    ULONG length = 0;
    assert_int_equal(WdfDeviceQueryProperty(handle, DevicePropertyFriendlyName, sizeof(name), name, &length), STATUS_SUCCESS);
    assert_int_equal(length, sizeof(L"Thermal Sensor #2"));
    assert_memory_equal(name, L"Thermal Sensor #2", length);
    assert_int_equal(WdfDeviceQueryProperty(handle, DevicePropertyFriendlyName, 4, name, &length), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(length, sizeof(L"Thermal Sensor #2"));
    ULONG value = 0;
    assert_int_equal(WdfDeviceQueryProperty(handle, DevicePropertyAddress, sizeof(value), &value, &length), STATUS_SUCCESS);
    assert_int_equal(value, 7);
    assert_int_equal(WdfDeviceQueryProperty(handle, DevicePropertyEnumeratorName, sizeof(name), name, &length), STATUS_SUCCESS);
    assert_memory_equal(name, L"PCI", sizeof(L"PCI"));
    assert_int_equal(WdfDeviceQueryProperty(handle, DevicePropertyDeviceDescription, sizeof(name), name, &length),
                     STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(length, 0);

    WDFMEMORY memory;
    assert_int_equal(WdfDeviceAllocAndQueryProperty(handle, DevicePropertyFriendlyName, NonPagedPoolNx,
                                                    WDF_NO_OBJECT_ATTRIBUTES, &memory), STATUS_SUCCESS);
    size_t size = 0;
    PVOID buffer = WdfMemoryGetBuffer(memory, &size);
    assert_int_equal(size, sizeof(L"Thermal Sensor #2"));
    assert_memory_equal(buffer, L"Thermal Sensor #2", size);
    assert_int_equal(WdfDeviceAllocAndQueryProperty(handle, DevicePropertyHardwareID, NonPagedPoolNx,
                                                    WDF_NO_OBJECT_ATTRIBUTES, &memory), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_null(memory);
    /* The property memory is a child of the device and goes away with it. */
    kmdfsim_driver_unload(driver);
    assert_no_reports();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_lifecycle_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_surprise_removal_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_children_cleaned_up_before_device_in_creation_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_driver_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_device_add_deletes_created_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prepare_hardware_failure_still_releases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_d0_entry_failure_skips_d0_exit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_managed_io_init_failure_powers_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_harness_misuse_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unload_removes_devices_and_reports_pool_leaks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_is_not_deletable_by_driver, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wdm_objects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_properties, setup, teardown),
    };
    return cmocka_run_group_tests_name("lifecycle", tests, NULL, NULL);
}
