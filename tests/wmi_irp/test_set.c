/*
 * §3.2.3 IRP_MN_CHANGE_SINGLE_INSTANCE and §3.2.4 IRP_MN_CHANGE_SINGLE_ITEM:
 * status mapping, the MinInstanceBufferSize check (instance sets only), the
 * NULL buffer for size 0, and Information always 0.
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

enum { I_SET_MIN8, I_QUERY_ONLY, I_CONTEXT, I_SET };

/* GUID A (M = 8): I_SET_MIN8, I_QUERY_ONLY, I_CONTEXT (indices 0, 1, 2). GUID B (M = 0): I_SET. */
static void layout(void)
{
    wt_provider(0, &WtGuidA, 0, 8, FALSE);
    wt_provider(1, &WtGuidB, 0, 0, FALSE);
    wt_instance(I_SET_MIN8, 0, WT_CB_SET | WT_CB_SET_ITEM, TRUE);
    wt_query_instance(I_QUERY_ONLY, 0, 8, 0x40);
    WmiTest.Instances[I_QUERY_ONLY].Callbacks |= WT_CB_EXECUTE;
    wt_instance(I_CONTEXT, 0, WT_CB_EXECUTE, TRUE);
    WmiTest.Instances[I_CONTEXT].UseContextForQuery = TRUE;
    wt_instance(I_SET, 1, WT_CB_SET | WT_CB_SET_ITEM, TRUE);
}

/* CHANGE_SINGLE_INSTANCE of `size` bytes (pattern 0x30) at offset 72 of a 128-byte buffer. */
static UCHAR *set_request(const GUID *guid, ULONG index, ULONG size)
{
    UCHAR *b = wt_alloc(128);
    wt_header(b, 128, guid, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_single(b, index, 72, size);
    wt_put_pattern(b, 72, size, 0x30);
    return b;
}

/* CHANGE_SINGLE_ITEM of `size` bytes (pattern 0x60) at offset 76 of a 128-byte buffer. */
static UCHAR *item_request(const GUID *guid, ULONG index, ULONG item_id, ULONG size)
{
    UCHAR *b = wt_alloc(128);
    wt_header(b, 128, guid, WNODE_FLAG_SINGLE_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_item(b, index, item_id, 76, size);
    wt_put_pattern(b, 76, size, 0x60);
    return b;
}

/* Sends the request and checks status, Information 0, and that KMDF wrote nothing. */
static void send_expect(UCHAR minor, const GUID *guid, UCHAR *b, NTSTATUS expected)
{
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(minor, guid, b, 128, &irp);
    wt_assert_completion(&irp, returned, expected, 0);
    wt_assert_image(b, e, 128);
    wt_assert_canary(b, 128);
    free(e);
    wt_free(b);
}

static void assert_pattern(const UCHAR *data, ULONG size, UCHAR pattern)
{
    for (ULONG k = 0; k < size; k++)
        assert_int_equal(data[k], (UCHAR)(pattern + k));
}

static void test_set_instance_success(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 10), STATUS_SUCCESS);
    const WT_INSTANCE_RECORD *r = &WmiTest.Records[I_SET];
    assert_int_equal(r->SetCalls, 1);
    assert_int_equal(r->SetSize, 10);
    assert_false(r->SetBufferNull);
    assert_pattern(r->SetData, 10, 0x30);
    wt_bring_down();
}

static void test_sets_without_callback_are_read_only(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    /* A query-only instance, and a UseContextForQuery instance (which can never have set callbacks). */
    static const ULONG indices[] = {1, 2};
    for (ULONG n = 0; n < 2; n++) {
        send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidA, set_request(&WtGuidA, indices[n], 8), STATUS_WMI_READ_ONLY);
        send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidA, item_request(&WtGuidA, indices[n], 1, 4), STATUS_WMI_READ_ONLY);
        /* Size 0 and below M: still READ_ONLY, the callback check comes first. */
        send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidA, set_request(&WtGuidA, indices[n], 0), STATUS_WMI_READ_ONLY);
    }
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

static void test_set_below_min_size_fails_without_call(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidA, set_request(&WtGuidA, 0, 7), STATUS_WMI_SET_FAILURE);
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidA, set_request(&WtGuidA, 0, 0), STATUS_WMI_SET_FAILURE);
    assert_int_equal(WmiTest.Records[I_SET_MIN8].SetCalls, 0);
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidA, set_request(&WtGuidA, 0, 8), STATUS_SUCCESS);
    assert_int_equal(WmiTest.Records[I_SET_MIN8].SetCalls, 1);
    assert_int_equal(WmiTest.Records[I_SET_MIN8].SetSize, 8);
    wt_bring_down();
}

static void test_set_status_mapping(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    NTSTATUS *driver = &WmiTest.Behaviour[I_SET].SetStatus;
    *driver = STATUS_BUFFER_TOO_SMALL;
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 4), STATUS_WMI_SET_FAILURE);
    *driver = STATUS_DEVICE_BUSY;
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 4), STATUS_DEVICE_BUSY);
    *driver = STATUS_WMI_ITEMID_NOT_FOUND;
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 4), STATUS_WMI_ITEMID_NOT_FOUND);
    *driver = STATUS_BUFFER_OVERFLOW; /* a warning status passes through too */
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 4), STATUS_BUFFER_OVERFLOW);
    *driver = STATUS_PENDING;
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 4), STATUS_UNSUCCESSFUL);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "CALLBACK_RETURNED_PENDING", "EvtWmiInstanceSetInstance"});
    assert_int_equal(WmiTest.Records[I_SET].SetCalls, 5);
    wt_bring_down();
}

static void test_set_size_zero_passes_null(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    send_expect(IRP_MN_CHANGE_SINGLE_INSTANCE, &WtGuidB, set_request(&WtGuidB, 0, 0), STATUS_SUCCESS);
    assert_int_equal(WmiTest.Records[I_SET].SetCalls, 1);
    assert_int_equal(WmiTest.Records[I_SET].SetSize, 0);
    assert_true(WmiTest.Records[I_SET].SetBufferNull);
    send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, item_request(&WtGuidB, 0, 3, 0), STATUS_SUCCESS);
    assert_int_equal(WmiTest.Records[I_SET].SetItemCalls, 1);
    assert_int_equal(WmiTest.Records[I_SET].ItemSize, 0);
    assert_int_equal(WmiTest.Records[I_SET].ItemId, 3);
    assert_true(WmiTest.Records[I_SET].ItemBufferNull);
    wt_bring_down();
}

static void test_set_item_passes_item_id_and_skips_min_size(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    /* GUID A has M = 8; a 2-byte item is still handed to the driver, with an unchecked ItemId. */
    send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidA, item_request(&WtGuidA, 0, 0xDEADBEEFu, 2), STATUS_SUCCESS);
    const WT_INSTANCE_RECORD *r = &WmiTest.Records[I_SET_MIN8];
    assert_int_equal(r->SetItemCalls, 1);
    assert_int_equal(r->ItemId, 0xDEADBEEFu);
    assert_int_equal(r->ItemSize, 2);
    assert_false(r->ItemBufferNull);
    assert_pattern(r->ItemData, 2, 0x60);
    assert_int_equal(r->SetCalls, 0);
    wt_bring_down();
}

static void test_set_item_status_mapping(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    NTSTATUS *driver = &WmiTest.Behaviour[I_SET].SetItemStatus;
    *driver = STATUS_WMI_ITEMID_NOT_FOUND;
    send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, item_request(&WtGuidB, 0, 99, 4), STATUS_WMI_ITEMID_NOT_FOUND);
    *driver = STATUS_BUFFER_TOO_SMALL;
    send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, item_request(&WtGuidB, 0, 1, 4), STATUS_WMI_SET_FAILURE);
    *driver = STATUS_INVALID_PARAMETER_2;
    send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, item_request(&WtGuidB, 0, 1, 4), STATUS_INVALID_PARAMETER_2);
    *driver = STATUS_PENDING;
    send_expect(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, item_request(&WtGuidB, 0, 1, 4), STATUS_UNSUCCESSFUL);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "CALLBACK_RETURNED_PENDING", "EvtWmiInstanceSetItem"});
    assert_int_equal(WmiTest.Records[I_SET].SetItemCalls, 4);
    assert_int_equal(WmiTest.Records[I_SET].SetCalls, 0);
    wt_bring_down();
}

/*
 * The fields of a WNODE_SINGLE_ITEM end at 68 (VariableData): a 68-byte
 * request is complete and is handled; a shorter one is refused (kmdfsim
 * deviation, with a MALFORMED_WNODE warning) instead of being read past.
 */
static void test_set_item_minimal_buffer(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    UCHAR *b = wt_alloc(72);
    wt_header(b, 68, &WtGuidB, WNODE_FLAG_SINGLE_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_item(b, 0, 9, 68, 0);
    UCHAR *e = wt_clone(b, 72);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, b, 68, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 0);
    assert_int_equal(WmiTest.Records[I_SET].SetItemCalls, 1);
    assert_int_equal(WmiTest.Records[I_SET].ItemId, 9);
    assert_true(WmiTest.Records[I_SET].ItemBufferNull);

    returned = wt_send(IRP_MN_CHANGE_SINGLE_ITEM, &WtGuidB, b, 66, &irp);
    wt_assert_completion(&irp, returned, STATUS_INVALID_PARAMETER, 0);
    wt_assert_image(b, e, 72);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "MALFORMED_WNODE", "IRP_MN_CHANGE_SINGLE_ITEM"});
    assert_int_equal(WmiTest.Records[I_SET].SetItemCalls, 1);
    free(e);
    wt_free(b);
    wt_bring_down();
}

int wt_run_set_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_set_instance_success, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_sets_without_callback_are_read_only, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_set_below_min_size_fails_without_call, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_set_status_mapping, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_set_size_zero_passes_null, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_set_item_passes_item_id_and_skips_min_size, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_set_item_status_mapping, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_set_item_minimal_buffer, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.2.3/3.2.4 CHANGE_SINGLE_INSTANCE/ITEM", tests, NULL, NULL);
}
