/*
 * §3.1 dispatch prologue (and §2.4 index semantics): which requests KMDF
 * does not handle, which it refuses before any handler runs, and what it
 * leaves untouched when it does.
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

#define REQ_SIZE 128u

/* One provider (GUID A) with two registered instances that have every callback. */
static void layout_two_instances(void)
{
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    for (ULONG i = 0; i < 2; i++) {
        wt_query_instance(i, 0, 4, (UCHAR)(0x10 * (i + 1)));
        WmiTest.Instances[i].Callbacks |= WT_CB_SET | WT_CB_SET_ITEM | WT_CB_EXECUTE;
    }
}

/* A well-formed request of REQ_SIZE bytes for `minor`, addressed to instance `index`. */
static UCHAR *build_request(UCHAR minor, const GUID *guid, ULONG name_flags, ULONG index)
{
    UCHAR *b = wt_alloc(REQ_SIZE);
    switch (minor) {
    case IRP_MN_QUERY_ALL_DATA:
        wt_header(b, REQ_SIZE, guid, WNODE_FLAG_ALL_DATA | name_flags);
        break;
    case IRP_MN_QUERY_SINGLE_INSTANCE:
    case IRP_MN_CHANGE_SINGLE_INSTANCE:
        wt_header(b, REQ_SIZE, guid, WNODE_FLAG_SINGLE_INSTANCE | name_flags);
        wt_single(b, index, 64, 4);
        break;
    case IRP_MN_CHANGE_SINGLE_ITEM:
        wt_header(b, REQ_SIZE, guid, WNODE_FLAG_SINGLE_ITEM | name_flags);
        wt_item(b, index, 1, 72, 4);
        break;
    case IRP_MN_EXECUTE_METHOD:
        wt_header(b, REQ_SIZE, guid, WNODE_FLAG_METHOD_ITEM | name_flags);
        wt_item(b, index, 1, 72, 4);
        break;
    default:
        wt_header(b, REQ_SIZE, guid, name_flags);
        break;
    }
    return b;
}

/* The IRP went down the stack untouched: IoStatus, buffer and driver all as before. */
static void assert_not_handled(const kmdfsim_wmi_irp *irp, NTSTATUS returned, const UCHAR *buffer,
                               const UCHAR *before, ULONG size)
{
    assert_int_equal(irp->forwarded, TRUE);
    wt_assert_status(irp->io_status.Status, WT_PRESET_STATUS);
    assert_true(irp->io_status.Information == WT_PRESET_INFORMATION);
    /* The PDO below completes it with its current IoStatus.Status. */
    wt_assert_status(returned, WT_PRESET_STATUS);
    wt_assert_image(buffer, before, size);
    wt_assert_canary(buffer, size);
    assert_int_equal(wt_callback_count(), 0);
}

static void test_unhandled_minors_are_forwarded_untouched(void **state)
{
    (void)state;
    layout_two_instances();
    wt_bring_up(TRUE);
    static const UCHAR minors[] = {0x0A, 0x0C, 0x0D, 0x17, 0xFF};
    for (size_t m = 0; m < sizeof(minors); m++) {
        UCHAR *b = build_request(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, 0);
        UCHAR *before = wt_clone(b, REQ_SIZE);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = wt_send(minors[m], &WtGuidA, b, REQ_SIZE, &irp);
        assert_not_handled(&irp, returned, b, before, REQ_SIZE);
        wt_free(b);
        free(before);
    }
    wt_bring_down();
}

static void test_provider_id_mismatch_is_forwarded_untouched(void **state)
{
    (void)state;
    layout_two_instances();
    wt_bring_up(TRUE);
    /* Addressed to another device object of the stack (the PDO): not this device's request. */
    ULONG_PTR other = (ULONG_PTR)WdfDeviceWdmGetPhysicalDevice(WmiTest.Device);
    assert_true(other != 0 && other != (ULONG_PTR)WdfDeviceWdmGetDeviceObject(WmiTest.Device));
    static const UCHAR minors[] = {IRP_MN_QUERY_ALL_DATA,      IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_INSTANCE,
                                   IRP_MN_CHANGE_SINGLE_ITEM,  IRP_MN_ENABLE_EVENTS,         IRP_MN_DISABLE_COLLECTION,
                                   IRP_MN_EXECUTE_METHOD,      IRP_MN_REGINFO,               IRP_MN_REGINFO_EX};
    for (size_t m = 0; m < sizeof(minors); m++) {
        UCHAR *b = build_request(minors[m], &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, 0);
        UCHAR *before = wt_clone(b, REQ_SIZE);
        kmdfsim_wmi_irp irp;
        PVOID path = (minors[m] == IRP_MN_REGINFO || minors[m] == IRP_MN_REGINFO_EX) ? (PVOID)(ULONG_PTR)WMIREGISTER
                                                                                       : (PVOID)(ULONG_PTR)&WtGuidA;
        NTSTATUS returned = wt_send_raw(wt_device, minors[m], path, other, b, REQ_SIZE, &irp);
        assert_not_handled(&irp, returned, b, before, REQ_SIZE);
        wt_free(b);
        free(before);
    }
    assert_false(WdfWmiProviderIsEnabled(WmiTest.ProviderHandles[0], WdfWmiEventControl));
    assert_false(WdfWmiProviderIsEnabled(WmiTest.ProviderHandles[0], WdfWmiInstanceControl));
    wt_bring_down();
}

static void test_unknown_guid_leaves_information_untouched(void **state)
{
    (void)state;
    layout_two_instances();
    WmiTest.Providers[0].Flags = WdfWmiProviderExpensive;
    WmiTest.Providers[0].FunctionControl = TRUE;
    wt_bring_up(TRUE);
    static const UCHAR minors[] = {IRP_MN_QUERY_ALL_DATA,     IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_INSTANCE,
                                   IRP_MN_CHANGE_SINGLE_ITEM, IRP_MN_ENABLE_EVENTS,         IRP_MN_DISABLE_EVENTS,
                                   IRP_MN_ENABLE_COLLECTION,  IRP_MN_DISABLE_COLLECTION,    IRP_MN_EXECUTE_METHOD};
    for (size_t m = 0; m < sizeof(minors); m++) {
        UCHAR *b = build_request(minors[m], &WtGuidUnknown, WNODE_FLAG_STATIC_INSTANCE_NAMES, 0);
        UCHAR *before = wt_clone(b, REQ_SIZE);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = wt_send(minors[m], &WtGuidUnknown, b, REQ_SIZE, &irp);
        /* Completed here, even on an FDO, with Information as the sender left it. */
        wt_assert_completion(&irp, returned, STATUS_WMI_GUID_NOT_FOUND, WT_PRESET_INFORMATION);
        wt_assert_image(b, before, REQ_SIZE);
        wt_assert_canary(b, REQ_SIZE);
        wt_free(b);
        free(before);
    }
    assert_int_equal(wt_callback_count(), 0);
    /* The WnodeHeader GUID is not what KMDF looks at: only DataPath is (§3.6). */
    UCHAR *b = build_request(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidUnknown, WNODE_FLAG_STATIC_INSTANCE_NAMES, 0);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, REQ_SIZE, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 64 + 4);
    assert_int_equal(WmiTest.Records[0].QueryCalls, 1);
    wt_free(b);
    wt_bring_down();
}

static void test_missing_static_instance_names_flag(void **state)
{
    (void)state;
    layout_two_instances();
    wt_bring_up(TRUE);
    static const UCHAR minors[] = {IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_ITEM,
                                   IRP_MN_EXECUTE_METHOD};
    /* No name flag, or only PDO_INSTANCE_NAMES: KMDF supports no dynamic names. */
    static const ULONG name_flags[] = {0, WNODE_FLAG_PDO_INSTANCE_NAMES};
    for (size_t f = 0; f < 2; f++) {
        for (size_t m = 0; m < sizeof(minors); m++) {
            UCHAR *b = build_request(minors[m], &WtGuidA, name_flags[f], 0);
            UCHAR *before = wt_clone(b, REQ_SIZE);
            kmdfsim_wmi_irp irp;
            NTSTATUS returned = wt_send(minors[m], &WtGuidA, b, REQ_SIZE, &irp);
            wt_assert_completion(&irp, returned, STATUS_WMI_INSTANCE_NOT_FOUND, WT_PRESET_INFORMATION);
            wt_assert_image(b, before, REQ_SIZE);
            wt_free(b);
            free(before);
        }
    }
    assert_int_equal(wt_callback_count(), 0);

    /* STATIC together with PDO_INSTANCE_NAMES is accepted: the other name bits are ignored. */
    for (size_t m = 0; m < sizeof(minors); m++) {
        UCHAR *b = build_request(minors[m], &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES | WNODE_FLAG_PDO_INSTANCE_NAMES, 0);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = wt_send(minors[m], &WtGuidA, b, REQ_SIZE, &irp);
        assert_false(irp.forwarded);
        wt_assert_status(returned, STATUS_SUCCESS);
        wt_free(b);
    }
    assert_int_equal(WmiTest.Records[0].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[0].SetCalls, 1);
    assert_int_equal(WmiTest.Records[0].SetItemCalls, 1);
    assert_int_equal(WmiTest.Records[0].ExecuteCalls, 1);
    wt_bring_down();
}

static void test_all_data_and_enable_need_no_instance_names(void **state)
{
    (void)state;
    layout_two_instances();
    wt_bring_up(TRUE);
    UCHAR *b = build_request(IRP_MN_QUERY_ALL_DATA, &WtGuidA, 0, 0);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_ALL_DATA, &WtGuidA, b, REQ_SIZE, &irp);
    assert_false(irp.forwarded);
    wt_assert_status(returned, STATUS_SUCCESS);
    assert_int_equal(WmiTest.Records[0].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[1].QueryCalls, 1);
    wt_free(b);

    b = build_request(IRP_MN_ENABLE_EVENTS, &WtGuidA, 0, 0);
    returned = wt_send(IRP_MN_ENABLE_EVENTS, &WtGuidA, b, REQ_SIZE, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 0);
    assert_true(WdfWmiProviderIsEnabled(WmiTest.ProviderHandles[0], WdfWmiEventControl));
    wt_free(b);
    wt_bring_down();
}

static void test_index_out_of_range(void **state)
{
    (void)state;
    layout_two_instances();
    /* A third instance exists but is not registered: it has no index. */
    wt_instance(2, 0, WT_CB_QUERY | WT_CB_SET | WT_CB_SET_ITEM | WT_CB_EXECUTE, FALSE);
    wt_bring_up(TRUE);
    static const UCHAR minors[] = {IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_ITEM,
                                   IRP_MN_EXECUTE_METHOD};
    static const ULONG indices[] = {2, 3, 0x80000000u, 0xFFFFFFFFu};
    for (size_t x = 0; x < sizeof(indices) / sizeof(indices[0]); x++) {
        for (size_t m = 0; m < sizeof(minors); m++) {
            UCHAR *b = build_request(minors[m], &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, indices[x]);
            UCHAR *before = wt_clone(b, REQ_SIZE);
            kmdfsim_wmi_irp irp;
            NTSTATUS returned = wt_send(minors[m], &WtGuidA, b, REQ_SIZE, &irp);
            wt_assert_completion(&irp, returned, STATUS_WMI_INSTANCE_NOT_FOUND, WT_PRESET_INFORMATION);
            wt_assert_image(b, before, REQ_SIZE);
            wt_free(b);
            free(before);
        }
    }
    assert_int_equal(wt_callback_count(), 0);

    /* Index count - 1 is the last registered instance. */
    UCHAR *b = build_request(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, 1);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, REQ_SIZE, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 68);
    assert_int_equal(WmiTest.Records[1].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[0].QueryCalls, 0);
    wt_free(b);
    wt_bring_down();
}

/* Sends QUERY_SINGLE_INSTANCE for `index` and returns which instance slot answered (-1: none). */
static int who_answers(ULONG index)
{
    ULONG before[WT_MAX_INSTANCES];
    for (ULONG i = 0; i < WT_MAX_INSTANCES; i++)
        before[i] = WmiTest.Records[i].QueryCalls;
    UCHAR *b = build_request(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, index);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, REQ_SIZE, &irp);
    wt_free(b);
    int answered = -1;
    for (ULONG i = 0; i < WT_MAX_INSTANCES; i++)
        if (WmiTest.Records[i].QueryCalls != before[i])
            answered = (int)i;
    if (answered < 0)
        wt_assert_status(returned, STATUS_WMI_INSTANCE_NOT_FOUND);
    else
        wt_assert_status(returned, STATUS_SUCCESS);
    return answered;
}

static void test_index_is_position_in_registration_order(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 4, 0x10);
    wt_query_instance(1, 0, 4, 0x20);
    wt_query_instance(2, 0, 4, 0x30);
    wt_bring_up(TRUE);
    assert_int_equal(who_answers(0), 0);
    assert_int_equal(who_answers(1), 1);
    assert_int_equal(who_answers(2), 2);
    /* Deregistering instance 0 shifts every later instance down by one. */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[0]);
    assert_int_equal(who_answers(0), 1);
    assert_int_equal(who_answers(1), 2);
    assert_int_equal(who_answers(2), -1);
    /* Re-registering puts it at the tail. */
    wt_assert_status(WdfWmiInstanceRegister(WmiTest.InstanceHandles[0]), STATUS_SUCCESS);
    assert_int_equal(who_answers(0), 1);
    assert_int_equal(who_answers(1), 2);
    assert_int_equal(who_answers(2), 0);
    wt_bring_down();
}

static void test_removed_device_answers_delete_pending(void **state)
{
    (void)state;
    layout_two_instances();
    wt_bring_up(TRUE);
    wt_assert_status(kmdfsim_device_remove(wt_device), STATUS_SUCCESS);
    static const UCHAR minors[] = {IRP_MN_QUERY_ALL_DATA, IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_ENABLE_EVENTS,
                                   IRP_MN_REGINFO_EX};
    for (size_t m = 0; m < sizeof(minors); m++) {
        UCHAR *b = build_request(minors[m], &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, 0);
        UCHAR *before = wt_clone(b, REQ_SIZE);
        kmdfsim_wmi_irp irp;
        /* ProviderId 0: "the device's FDO", which is gone. */
        NTSTATUS returned = wt_send_raw(wt_device, minors[m], (PVOID)(ULONG_PTR)&WtGuidA, 0, b, REQ_SIZE, &irp);
        wt_assert_status(returned, STATUS_DELETE_PENDING);
        wt_assert_status(irp.io_status.Status, STATUS_DELETE_PENDING);
        assert_false(irp.forwarded);
        wt_assert_image(b, before, REQ_SIZE);
        wt_free(b);
        free(before);
    }
    assert_int_equal(wt_callback_count(), 0);
    kmdfsim_driver_unload(wt_driver);
    wt_driver = NULL;
}

static void test_duplicate_guid_provider_is_never_found(void **state)
{
    (void)state;
    /* Two providers for GUID A: the second succeeds but is never linked (§2.2); the first wins (§3.1 step 4). */
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_provider(1, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 1, 8, 0x70); /* on the detached provider */
    wt_query_instance(1, 0, 4, 0x10);
    wt_bring_up(TRUE);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "KMDF_QUIRK_DUPLICATE_GUID", "WdfWmiProviderCreate"});
    wt_assert_status(WmiTest.ProviderCreateStatus[1], STATUS_SUCCESS);
    assert_int_equal(who_answers(0), 1);
    assert_int_equal(who_answers(1), -1);
    UCHAR *b = build_request(IRP_MN_QUERY_ALL_DATA, &WtGuidA, 0, 0);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_ALL_DATA, &WtGuidA, b, REQ_SIZE, &irp);
    wt_assert_status(returned, STATUS_SUCCESS);
    assert_int_equal(wt_get32(b, WT_AD_INSTANCE_COUNT), 1);
    assert_int_equal(WmiTest.Records[0].QueryCalls, 0);
    wt_free(b);
    wt_bring_down();
}

/* kmdfsim deviation: a buffer too short for the fields dispatch reads is refused, with a warning. */
static void test_short_single_instance_buffer_is_refused(void **state)
{
    (void)state;
    layout_two_instances();
    wt_bring_up(TRUE);
    static const UCHAR minors[] = {IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_ITEM,
                                   IRP_MN_EXECUTE_METHOD};
    for (size_t m = 0; m < sizeof(minors); m++) {
        UCHAR *b = build_request(minors[m], &WtGuidA, WNODE_FLAG_STATIC_INSTANCE_NAMES, 0);
        UCHAR *before = wt_clone(b, REQ_SIZE);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = wt_send(minors[m], &WtGuidA, b, 60, &irp);
        wt_assert_completion(&irp, returned, STATUS_WMI_INSTANCE_NOT_FOUND, WT_PRESET_INFORMATION);
        wt_assert_image(b, before, REQ_SIZE);
        wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "MALFORMED_WNODE", "IRP_MJ_SYSTEM_CONTROL"});
        wt_free(b);
        free(before);
    }
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

int wt_run_prologue_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unhandled_minors_are_forwarded_untouched, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_provider_id_mismatch_is_forwarded_untouched, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_guid_leaves_information_untouched, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_missing_static_instance_names_flag, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_all_data_and_enable_need_no_instance_names, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_index_out_of_range, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_index_is_position_in_registration_order, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_removed_device_answers_delete_pending, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_guid_provider_is_never_found, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_short_single_instance_buffer_is_refused, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.1 dispatch prologue", tests, NULL, NULL);
}
