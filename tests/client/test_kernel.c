/*
 * The kernel-mode consumer API (IoWMI*, NTSTATUS results): what a driver
 * uses as a WMI client of another driver. The probe-allocate-query pattern,
 * UNICODE_STRING names, the in/out method buffer, notification callbacks
 * getting the WNODE as fired, instance names in pool, object references,
 * and bad objects.
 */
#include "client_support.h"

static UNICODE_STRING name_of(ULONG device, ULONG index)
{
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, cs_wname(device, index));
    return s;
}

static void test_query_pattern(void **state)
{
    (void)state;
    PVOID object = (PVOID)(uintptr_t)1;
    assert_nt_status(IoWMIOpenBlock(&CD_UNKNOWN_GUID, WMIGUID_QUERY, &object), STATUS_WMI_GUID_NOT_FOUND);
    assert_null(object);
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY, &object));

    /* Probe with size 0, allocate, query again, parse: the common driver pattern. */
    ULONG size = 0;
    assert_nt_status(IoWMIQueryAllData(object, &size, NULL), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(size, 384);
    PVOID buffer = ExAllocatePool2(POOL_FLAG_PAGED, size, 'tliC');
    assert_non_null(buffer);
    assert_nt_success(IoWMIQueryAllData(object, &size, buffer));
    assert_int_equal(size, 384);
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), 4);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 2, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0001_0");
    ExFreePool(buffer);

    UNICODE_STRING name = name_of(1, 1);
    UCHAR single[256];
    size = 100;
    assert_nt_status(IoWMIQuerySingleInstance(object, &name, &size, single), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(size, 114);
    assert_nt_success(IoWMIQuerySingleInstance(object, &name, &size, single));
    assert_true(kmdfsim_wmi_single_instance_read(single, size, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0001_1");
    assert_int_equal(item.size, 10);
    UNICODE_STRING missing;
    RtlInitUnicodeString(&missing, L"ROOT\\SAMPLE\\0002_0");
    size = sizeof(single);
    assert_nt_status(IoWMIQuerySingleInstance(object, &missing, &size, single), STATUS_WMI_INSTANCE_NOT_FOUND);

    /* No SET right on this object. */
    UCHAR data[2] = {1, 2};
    assert_nt_status(IoWMISetSingleInstance(object, &name, 1, 2, data), STATUS_ACCESS_DENIED);
    ObDereferenceObject(object);
}

static void test_set_and_method(void **state)
{
    (void)state;
    PVOID data = NULL, method = NULL;
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY | WMIGUID_SET, &data));
    UNICODE_STRING name = name_of(0, 0);
    UCHAR bytes[3] = {0xC1, 0xC2, 0xC3};
    assert_nt_success(IoWMISetSingleInstance(data, &name, 1, sizeof(bytes), bytes));
    UCHAR item = 0x99;
    assert_nt_success(IoWMISetSingleItem(data, &name, 1, 1, 1, &item));
    assert_nt_status(IoWMISetSingleItem(data, &name, 4, 1, 1, &item), STATUS_WMI_ITEMID_NOT_FOUND);
    PCD_INSTANCE context = CdGetInstance(cs_context(0)->DataInstance[0]);
    assert_int_equal(context->Size, 3);
    assert_int_equal(context->Bytes[0], 0x99);
    assert_int_equal(context->Bytes[2], 0xC3);
    ObDereferenceObject(data);

    assert_nt_success(IoWMIOpenBlock(&CD_METHOD_GUID, WMIGUID_EXECUTE, &method));
    UCHAR inout[8] = {1, 2, 3, 0, 0, 0, 0, 0};
    ULONG out = sizeof(inout);
    assert_nt_success(IoWMIExecuteMethod(method, &name, 1, 3, &out, inout));
    assert_int_equal(out, 3);
    assert_int_equal(inout[0], 3);
    assert_int_equal(inout[2], 1);
    out = 4;
    assert_nt_status(IoWMIExecuteMethod(method, &name, 2, 0, &out, inout), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(out, 12);
    ObDereferenceObject(method);
}

typedef struct kernel_events {
    ULONG count;
    UCHAR last[128];
} kernel_events;

static VOID kernel_callback(PVOID Wnode, PVOID Context)
{
    kernel_events *events = Context;
    const WNODE_HEADER *h = Wnode;
    events->count++;
    memcpy(events->last, Wnode, h->BufferSize < sizeof(events->last) ? h->BufferSize : sizeof(events->last));
}

static void test_notification_callback(void **state)
{
    (void)state;
    kernel_events events;
    memset(&events, 0, sizeof(events));
    PVOID query_only = NULL, object = NULL;
    assert_nt_success(IoWMIOpenBlock(&CD_EVENT_GUID, WMIGUID_QUERY, &query_only));
    assert_nt_status(IoWMISetNotificationCallback(query_only, kernel_callback, &events), STATUS_ACCESS_DENIED);
    ObDereferenceObject(query_only);

    assert_nt_success(IoWMIOpenBlock(&CD_EVENT_GUID, WMIGUID_NOTIFICATION, &object));
    assert_false(WdfWmiProviderIsEnabled(cs_context(0)->Events, WdfWmiEventControl));
    assert_nt_success(IoWMISetNotificationCallback(object, kernel_callback, &events));
    assert_true(WdfWmiProviderIsEnabled(cs_context(0)->Events, WdfWmiEventControl));
    UCHAR payload[2] = {0x12, 0x34};
    assert_nt_success(WdfWmiInstanceFireEvent(cs_context(1)->EventInstance[1], sizeof(payload), payload));
    assert_int_equal(events.count, 1);
    /* A kernel consumer gets the WNODE as the driver fired it (semantics §4.1). */
    UCHAR expected[66];
    memset(expected, 0, sizeof(expected));
    cs_put32(expected, 0, 66);
    cs_put32(expected, 4, cs_provider_id(1));
    cs_put64(expected, 16, (ULONGLONG)CS_FROZEN_TIME);
    cs_put_guid(expected, 24, &CD_EVENT_GUID);
    cs_put32(expected, 44, 0x8A);
    cs_put32(expected, 52, 1);
    cs_put32(expected, 56, 64);
    cs_put32(expected, 60, 2);
    expected[64] = 0x12;
    expected[65] = 0x34;
    cs_assert_image(events.last, expected, sizeof(expected));

    /* An extra reference keeps the object (and its callback) alive. */
    ObReferenceObject(object);
    ObDereferenceObject(object);
    assert_nt_success(WdfWmiInstanceFireEvent(cs_context(0)->EventInstance[0], 0, NULL));
    assert_int_equal(events.count, 2);
    ObDereferenceObject(object);
    assert_false(WdfWmiProviderIsEnabled(cs_context(0)->Events, WdfWmiEventControl));
    assert_nt_success(WdfWmiInstanceFireEvent(cs_context(0)->EventInstance[0], 0, NULL));
    assert_int_equal(events.count, 2);
}

static void test_instance_name_ddis(void **state)
{
    (void)state;
    PVOID object = NULL;
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY, &object));
    UNICODE_STRING name;
    assert_nt_success(IoWMIDeviceObjectToInstanceName(object, WdfDeviceWdmGetDeviceObject(cs_wdf(1)), &name));
    assert_int_equal(name.Length, 36);
    assert_memory_equal(name.Buffer, cs_wname(1, 0), 38);
    ExFreePool(name.Buffer);
    assert_nt_success(IoWMIHandleToInstanceName(object, kmdfsim_wmi_device_file_handle(cs_devices[0]), &name));
    assert_memory_equal(name.Buffer, cs_wname(0, 0), 38);
    ExFreePool(name.Buffer);
    assert_nt_status(IoWMIHandleToInstanceName(object, NULL, &name), STATUS_INVALID_HANDLE);
    ObDereferenceObject(object);
    /* A device that provides the GUID without instances (the no-query block has one; removed device has none). */
    assert_nt_success(IoWMIOpenBlock(&CD_NOQUERY_GUID, 0, &object));
    assert_nt_success(kmdfsim_device_remove(cs_devices[1]));
    assert_nt_status(IoWMIHandleToInstanceName(object, kmdfsim_wmi_device_file_handle(cs_devices[1]), &name),
                     STATUS_WMI_INSTANCE_NOT_FOUND);
    ObDereferenceObject(object);
}

static void test_query_multiple(void **state)
{
    (void)state;
    PVOID objects[2];
    assert_nt_success(IoWMIOpenBlock(&CD_READONLY_GUID, WMIGUID_QUERY, &objects[0]));
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY, &objects[1]));
    ULONG size = 0;
    assert_nt_status(IoWMIQueryAllDataMultiple(objects, 2, &size, NULL), STATUS_BUFFER_TOO_SMALL);
    UCHAR buffer[1024];
    assert_true(size <= sizeof(buffer));
    assert_nt_success(IoWMIQueryAllDataMultiple(objects, 2, &size, buffer));
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(buffer, size), 4);
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), 6);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 1, &item));
    assert_memory_equal(item.data, "RDON", 4);
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0001_0");
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 5, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0001_1");
    assert_memory_equal(&item.wnode->Guid, &CD_DATA_GUID, sizeof(GUID));
    ObDereferenceObject(objects[0]);
    ObDereferenceObject(objects[1]);
}

static void test_bad_objects(void **state)
{
    (void)state;
    PVOID object = NULL;
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY, &object));
    ObDereferenceObject(object);
    ULONG size = 0;
    assert_nt_status(IoWMIQueryAllData(object, &size, NULL), STATUS_INVALID_HANDLE);
    cs_expect_reports(1, 0, "INVALID_HANDLE");
    ObDereferenceObject(object);
    cs_expect_reports(1, 0, "INVALID_OBJECT");
    /* A user-mode handle is not a kernel object, and the other way round. */
    WMIHANDLE user = NULL;
    assert_win32(WmiOpenBlock(cs_guid(&CD_DATA_GUID), WMIGUID_QUERY, &user), ERROR_SUCCESS);
    assert_nt_status(IoWMIQueryAllData(user, &size, NULL), STATUS_INVALID_HANDLE);
    cs_expect_reports(1, 0, "INVALID_HANDLE");
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY, &object));
    assert_win32(WmiCloseBlock(object), ERROR_INVALID_HANDLE);
    ObDereferenceObject(object);
    assert_win32(WmiCloseBlock(user), ERROR_SUCCESS);
    /* Device objects may be referenced; they live as long as their device. */
    ObReferenceObject(WdfDeviceWdmGetDeviceObject(cs_wdf(0)));
    ObDereferenceObject(WdfDeviceWdmGetDeviceObject(cs_wdf(0)));
    UNICODE_STRING broken = {3, 2, NULL};
    assert_nt_success(IoWMIOpenBlock(&CD_DATA_GUID, WMIGUID_QUERY, &object));
    assert_nt_status(IoWMIQuerySingleInstance(object, &broken, &size, NULL), STATUS_INVALID_PARAMETER);
    cs_expect_reports(1, 0, "INVALID_UNICODE_STRING");
    /* The data DDIs run at PASSIVE_LEVEL only. */
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    assert_nt_status(IoWMIQueryAllData(object, &size, NULL), STATUS_INVALID_DEVICE_REQUEST);
    KeLowerIrql(old);
    cs_expect_reports(1, 0, "IRQL_TOO_HIGH");
    ObDereferenceObject(object);
}

static void test_allocate_instance_ids(void **state)
{
    (void)state;
    GUID a = CD_DATA_GUID, b = CD_UNKNOWN_GUID;
    ULONG first = 99;
    assert_nt_success(IoWMIAllocateInstanceIds(&a, 3, &first));
    ULONG base = first; /* other tests in this process may have taken IDs of this GUID before */
    assert_nt_success(IoWMIAllocateInstanceIds(&a, 2, &first));
    assert_int_equal(first, base + 3);
    assert_nt_success(IoWMIAllocateInstanceIds(&b, 1, &first));
    assert_nt_success(IoWMIAllocateInstanceIds(&b, 1, &first));
    assert_nt_success(IoWMIAllocateInstanceIds(&a, 0, &first));
    assert_int_equal(first, base + 5);
    assert_nt_status(IoWMIAllocateInstanceIds(&a, 1, NULL), STATUS_INVALID_PARAMETER);
    cs_expect_reports(1, 0, "NULL_PARAMETER");
}

int cs_run_kernel_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_pattern, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_set_and_method, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_notification_callback, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_instance_name_ddis, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_query_multiple, cs_setup_two, cs_teardown),
        cmocka_unit_test_setup_teardown(test_bad_objects, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_allocate_instance_ids, cs_setup_one, cs_teardown),
    };
    return cmocka_run_group_tests_name("client: kernel-mode API", tests, NULL, NULL);
}
