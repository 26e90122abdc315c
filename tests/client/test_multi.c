/*
 * Several devices and changing registrations: two devices providing one
 * GUID (one WNODE_ALL_DATA per device, chained through Linkage), addressing
 * one device by instance name, instances registered and deregistered while
 * the device runs, removal while a consumer holds a handle, discovery
 * (WmiEnumerateGuids, WmiQueryGuidInformation) and the name APIs.
 */
#include "client_support.h"

#include <stdio.h>

#include "client/wmi_kernel.h"

static WMIHANDLE open_block(const GUID *guid, ULONG access)
{
    WMIHANDLE handle = NULL;
    assert_win32(WmiOpenBlock(cs_guid(guid), access, &handle), ERROR_SUCCESS);
    return handle;
}

/* Device `device`'s WNODE of the data block with its two default instances (W form), at `image`. */
static void expected_wnode(UCHAR *image, ULONG device, ULONG linkage)
{
    char name[32];
    memset(image, 0, 192);
    cs_put32(image, 0, 192);
    cs_put32(image, 4, cs_provider_id(device));
    cs_put32(image, 12, linkage);
    cs_put64(image, 16, (ULONGLONG)CS_FROZEN_TIME);
    cs_put_guid(image, 24, &CD_DATA_GUID);
    cs_put32(image, 44, 1);
    cs_put32(image, 48, 80);
    cs_put32(image, 52, 2);
    cs_put32(image, 56, 108);
    cs_put32(image, 60, 80);
    cs_put32(image, 64, 6);
    cs_put32(image, 68, 96);
    cs_put32(image, 72, 10);
    for (ULONG i = 0; i < 6; i++)
        image[80 + i] = (UCHAR)(0x10 + i);
    for (ULONG i = 0; i < 10; i++)
        image[96 + i] = (UCHAR)(0x20 + i);
    cs_put32(image, 108, 116);
    cs_put32(image, 112, 154);
    snprintf(name, sizeof(name), "ROOT\\SAMPLE\\%04lu_0", (unsigned long)device);
    cs_put_name(image, 116, name, TRUE);
    snprintf(name, sizeof(name), "ROOT\\SAMPLE\\%04lu_1", (unsigned long)device);
    cs_put_name(image, 154, name, TRUE);
}

static void test_two_devices_one_guid(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY | WMIGUID_SET);
    UCHAR expected[384], buffer[512];
    expected_wnode(expected, 0, 192);
    expected_wnode(expected + 192, 1, 0);
    ULONG size = 0;
    assert_win32(WmiQueryAllDataW(h, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 384);
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(size, 384);
    cs_assert_image(buffer, expected, 384);
    assert_int_not_equal(cs_provider_id(0), cs_provider_id(1));
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(buffer, size), 2);
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), 4);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 3, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0001_1");
    assert_int_equal(item.provider_id, cs_provider_id(1));
    assert_int_equal(item.index, 1);

    /* One device addressed by name: a set reaches only that device. */
    UCHAR mark[2] = {0xD1, 0xD2};
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(1, 0), 0, 2, mark), ERROR_SUCCESS);
    assert_int_equal(CdGetInstance(cs_context(1)->DataInstance[0])->SetCalls, 1);
    assert_int_equal(CdGetInstance(cs_context(0)->DataInstance[0])->SetCalls, 0);
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceA(h, "ROOT\\SAMPLE\\0001_0", &size, buffer), ERROR_SUCCESS);
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_int_equal(item.provider_id, cs_provider_id(1));
    assert_int_equal(item.size, 2);
    assert_memory_equal(item.data, mark, 2);
    /* The chain now has a shorter first data block of device 1: the reader still finds it. */
    size = sizeof(buffer);
    assert_win32(WmiQueryAllDataA(h, &size, buffer), ERROR_SUCCESS);
    assert_true(kmdfsim_wmi_all_data_find(buffer, size, "ROOT\\SAMPLE\\0001_0", &item));
    assert_int_equal(item.size, 2);
    assert_true(kmdfsim_wmi_all_data_find(buffer, size, "ROOT\\SAMPLE\\0000_0", &item));
    assert_int_equal(item.size, 6);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_dynamic_instances(void **state)
{
    (void)state;
    kmdfsim_wmi_registration_stats before, after;
    kmdfsim_wmi_kernel_registration_stats(cs_devices[0], &before);
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    WDFWMIINSTANCE added;
    assert_nt_success(CdAddDataInstance(cs_wdf(0), 3, 0x70, &added)); /* registered after start: UPDATE_GUIDS */
    kmdfsim_wmi_kernel_registration_stats(cs_devices[0], &after);
    assert_int_equal(after.update_calls, before.update_calls + 1);

    UCHAR buffer[512];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), 3);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 2, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_2");
    assert_int_equal(item.size, 3);
    assert_int_equal(((const UCHAR *)item.data)[2], 0x72);

    /* Deregistering instance 0 shifts the others down: _0 is now the 10-byte one. */
    WdfWmiInstanceDeregister(cs_context(0)->DataInstance[0]);
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 0), &size, buffer), ERROR_SUCCESS);
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_int_equal(item.size, 10);
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 2), &size, buffer), ERROR_WMI_INSTANCE_NOT_FOUND);

    /* The last instances go: the device no longer provides the GUID (REMOVE_GUID). */
    WdfWmiInstanceDeregister(cs_context(0)->DataInstance[1]);
    WdfWmiInstanceDeregister(added);
    size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_WMI_GUID_NOT_FOUND);
    assert_win32(WmiOpenBlock(cs_guid(&CD_DATA_GUID), WMIGUID_QUERY, &(WMIHANDLE){NULL}), ERROR_WMI_GUID_NOT_FOUND);
    /* And comes back with a new instance; the old handle reaches it. */
    assert_nt_success(WdfWmiInstanceRegister(added));
    size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), 1);
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 0, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_0");
    assert_int_equal(item.size, 3);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_removal_with_open_handle(void **state)
{
    (void)state;
    WMIHANDLE data = open_block(&CD_DATA_GUID, WMIGUID_QUERY | WMIGUID_SET);
    WMIHANDLE method = open_block(&CD_METHOD_GUID, WMIGUID_QUERY | WMIGUID_EXECUTE);
    UCHAR buffer[512];
    ULONG size;

    assert_nt_success(kmdfsim_device_remove(cs_devices[1]));
    kmdfsim_wmi_registration_stats stats;
    kmdfsim_wmi_kernel_registration_stats(cs_devices[1], &stats);
    assert_false(stats.registered);
    assert_int_equal(stats.deregister_calls, 1);
    size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(data, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(buffer, size), 1);
    assert_int_equal(((const WNODE_HEADER *)(const void *)buffer)->ProviderId, cs_provider_id(0));
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(data, cs_wname(1, 0), &size, buffer), ERROR_WMI_INSTANCE_NOT_FOUND);
    UCHAR one = 1;
    assert_win32(WmiSetSingleItemW(data, cs_wname(1, 0), 1, 0, 1, &one), ERROR_WMI_INSTANCE_NOT_FOUND);

    assert_nt_success(kmdfsim_device_remove(cs_devices[0]));
    size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(data, &size, buffer), ERROR_WMI_GUID_NOT_FOUND);
    assert_win32(WmiQuerySingleInstanceW(data, cs_wname(0, 0), &size, buffer), ERROR_WMI_GUID_NOT_FOUND);
    assert_win32(WmiExecuteMethodW(method, cs_wname(0, 0), 2, 0, NULL, &size, buffer), ERROR_WMI_GUID_NOT_FOUND);
    WMIGUIDINFORMATION info = {sizeof(info), FALSE, FALSE};
    assert_win32(WmiQueryGuidInformation(data, &info), ERROR_WMI_GUID_NOT_FOUND);
    ULONG count = 0;
    assert_win32(WmiEnumerateGuids(NULL, &count), ERROR_SUCCESS);
    assert_int_equal(count, 0);
    assert_win32(WmiCloseBlock(data), ERROR_SUCCESS);
    assert_win32(WmiCloseBlock(method), ERROR_SUCCESS);
}

static void test_unload_with_open_handle(void **state)
{
    (void)state;
    /* The handle outlives the driver; closing it afterwards is clean (the teardown unloads). */
    WMIHANDLE data = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    kmdfsim_driver_unload(cs_driver);
    assert_int_equal(kmdfsim_live_object_count(), 0);
    UCHAR buffer[64];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(data, &size, buffer), ERROR_WMI_GUID_NOT_FOUND);
    assert_win32(WmiCloseBlock(data), ERROR_SUCCESS);
    /* Reload for the teardown. */
    assert_nt_success(kmdfsim_driver_load(CdDriverEntry, &cs_driver));
}

static void test_discovery(void **state)
{
    (void)state;
    GUID list[8];
    ULONG count = 0;
    assert_win32(WmiEnumerateGuids(NULL, &count), ERROR_MORE_DATA);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(count, 6);
    count = 3;
    assert_win32(WmiEnumerateGuids(list, &count), ERROR_MORE_DATA);
    assert_int_equal(count, 6);
    count = 8;
    assert_win32(WmiEnumerateGuids(list, &count), ERROR_SUCCESS);
    assert_int_equal(count, 6);
    const GUID *order[6] = {&CD_DATA_GUID,  &CD_READONLY_GUID,  &CD_NOQUERY_GUID,
                            &CD_EVENT_GUID, &CD_EXPENSIVE_GUID, &CD_METHOD_GUID};
    for (ULONG i = 0; i < 6; i++)
        assert_memory_equal(&list[i], order[i], sizeof(GUID));
    assert_win32(WmiEnumerateGuids(list, NULL), ERROR_INVALID_PARAMETER);

    WMIGUIDINFORMATION info = {sizeof(info), FALSE, FALSE};
    WMIHANDLE h = open_block(&CD_EXPENSIVE_GUID, 0);
    assert_win32(WmiQueryGuidInformation(h, &info), ERROR_SUCCESS);
    assert_true(info.IsExpensive);
    assert_false(info.IsEventOnly);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
    h = open_block(&CD_EVENT_GUID, WMIGUID_NOTIFICATION);
    assert_win32(WmiQueryGuidInformation(h, &info), ERROR_SUCCESS);
    assert_false(info.IsExpensive);
    assert_true(info.IsEventOnly);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_name_apis(void **state)
{
    (void)state;
    char name[32];
    char devinst_a[] = "ROOT\\SAMPLE\\0000";
    assert_win32(WmiDevInstToInstanceNameA(name, sizeof(name), devinst_a, 3), ERROR_SUCCESS);
    assert_string_equal(name, "ROOT\\SAMPLE\\0000_3");
    assert_win32(WmiDevInstToInstanceNameA(name, 18, devinst_a, 3), ERROR_INSUFFICIENT_BUFFER);
    assert_win32(WmiDevInstToInstanceNameA(name, 19, devinst_a, 3), ERROR_SUCCESS);
    assert_win32(WmiDevInstToInstanceNameA(name, 19, NULL, 3), ERROR_INVALID_PARAMETER);
    WCHAR wide[32];
    WCHAR devinst[20];
    memcpy(devinst, cs_w("PCI\\VEN_1"), 10 * sizeof(WCHAR));
    assert_win32(WmiDevInstToInstanceNameW(wide, 32, devinst, 10), ERROR_SUCCESS);
    assert_memory_equal(wide, cs_w("PCI\\VEN_1_10"), 13 * sizeof(WCHAR));
    assert_win32(WmiDevInstToInstanceNameW(wide, 12, devinst, 10), ERROR_INSUFFICIENT_BUFFER);

    /* The instances a device's file handle stands for, as a MULTI_SZ. */
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    HANDLE file = kmdfsim_wmi_device_file_handle(cs_devices[1]);
    ULONG chars = 0;
    assert_win32(WmiFileHandleToInstanceNameA(h, file, &chars, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(chars, 39);
    char multi[64];
    memset(multi, 'x', sizeof(multi));
    assert_win32(WmiFileHandleToInstanceNameA(h, file, &chars, multi), ERROR_SUCCESS);
    assert_int_equal(chars, 39);
    assert_memory_equal(multi, "ROOT\\SAMPLE\\0001_0\0ROOT\\SAMPLE\\0001_1\0\0", 39);
    WCHAR wmulti[64];
    chars = 64;
    assert_win32(WmiFileHandleToInstanceNameW(h, file, &chars, wmulti), ERROR_SUCCESS);
    assert_int_equal(chars, 39);
    assert_int_equal(wmulti[18], 0);
    assert_int_equal(wmulti[19], 'R');
    assert_int_equal(wmulti[38], 0);
    assert_win32(WmiFileHandleToInstanceNameA(h, NULL, &chars, multi), ERROR_INVALID_HANDLE);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);

    /* Nothing is allocated for callers; WmiFreeBuffer(NULL) is harmless, anything else a report. */
    WmiFreeBuffer(NULL);
    WmiFreeBuffer(multi);
    cs_expect_reports(1, 0, "WMI_INVALID_FREE");
    ULONG resources = 7;
    PMOFRESOURCEINFOW info = (PMOFRESOURCEINFOW)(uintptr_t)1;
    assert_win32(WmiMofEnumerateResourcesW(NULL, &resources, &info), ERROR_NOT_SUPPORTED);
    assert_int_equal(resources, 0);
    assert_null(info);
}

int cs_run_multi_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_devices_one_guid, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_dynamic_instances, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_removal_with_open_handle, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_unload_with_open_handle, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_discovery, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_name_apis, cs_setup_two, cs_teardown),
    };
    return cmocka_run_group_tests_name("client: devices and registration", tests, NULL, NULL);
}
