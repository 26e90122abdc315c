/*
 * first_test.c - the smallest useful test of a real driver: load the sample
 * thermal sensor driver, start a device, read a WMI block as a Windows
 * consumer would (wmium.h), check the value.
 */
#include <kmdfsim/cmocka.h>
#include <kmdfsim/kmdfsim.h>
#include <wmium.h>

#include <string.h>

#include "thermal_mof.h" /* generated from the driver's thermal.mof */

DRIVER_INITIALIZE DriverEntry; /* the driver's own, linked in unchanged */

static void test_default_high_threshold(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_nt_success(kmdfsim_driver_load(DriverEntry, &driver));
    assert_nt_success(kmdfsim_device_add(driver, "ROOT\\THERMAL\\0000", &device));
    assert_nt_success(kmdfsim_device_start(device));

    GUID guid = Contoso_ThermalSettingsGuid;
    WMIHANDLE block;
    ULONG buffer[64];
    ULONG size = sizeof(buffer);
    assert_win32(WmiOpenBlock(&guid, WMIGUID_QUERY, &block), ERROR_SUCCESS);
    assert_win32(WmiQuerySingleInstanceA(block, "ROOT\\THERMAL\\0000_0", &size, buffer), ERROR_SUCCESS);

    kmdfsim_wmi_instance_data instance;
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &instance));
    Contoso_ThermalSettings settings;
    memcpy(&settings, instance.data, sizeof(settings));
    assert_int_equal(settings.HighThreshold, 8500);

    WmiCloseBlock(block);
    kmdfsim_driver_unload(driver); /* removes the device; reports any leak */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_default_high_threshold)};
    return cmocka_run_group_tests_name("first_test", tests, NULL, NULL);
}
