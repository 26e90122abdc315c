/*
 * Guard bytes after every callback buffer (kmdfsim's overrun detection) and
 * §3.5: no framework lock is held while a WMI callback runs, so a callback
 * may call WMI DDIs on other instances of the same device.
 */
#include "wmi_irp_support.h"

#include "client/wmi_kernel.h"

#include <stdlib.h>
#include <string.h>

static void expect_overrun(const char *callback, const char *bytes)
{
    assert_int_equal(wt_report_count, 1);
    if (strstr(wt_reports[0].message, bytes) == NULL)
        fail_msg("BUFFER_OVERRUN message \"%s\" does not say \"%s\"", wt_reports[0].message, bytes);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "BUFFER_OVERRUN", callback});
}

static void test_query_overrun_single_instance(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    WmiTest.Behaviour[0].QueryOverrun = 5;
    wt_bring_up(TRUE);
    UCHAR *b = wt_alloc(70);
    wt_header(b, 70, &WtGuidA, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_single(b, 0, 64, 0);
    UCHAR *e = wt_clone(b, 70);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, 70, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 70);
    wt_put32(e, WT_OFF_BUFFER_SIZE, 70);
    wt_put64(e, WT_OFF_TIMESTAMP, (ULONGLONG)WT_FROZEN_TIME);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 6);
    wt_put_pattern(e, 64, 6, 0x40);
    wt_assert_image(b, e, 70);
    /* The 5 bytes written past OutBufferSize never reach the sender. */
    wt_assert_canary(b, 70);
    expect_overrun("EvtWmiInstanceQueryInstance", "5 byte");
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_query_overrun_all_data(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_query_instance(1, 0, 10, 0x60);
    WmiTest.Behaviour[1].QueryOverrun = 3;
    wt_bring_up(TRUE);
    UCHAR *b = wt_alloc(512);
    wt_header(b, 512, &WtGuidA, WNODE_FLAG_ALL_DATA);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_ALL_DATA, &WtGuidA, b, 512, &irp);
    wt_assert_status(returned, STATUS_SUCCESS);
    wt_assert_canary(b, 512);
    expect_overrun("EvtWmiInstanceQueryInstance", "3 byte");
    wt_free(b);
    wt_bring_down();
}

static void test_query_overrun_scratch_buffer(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    WmiTest.Behaviour[0].QueryOverrun = 2;
    wt_bring_up(TRUE);
    UCHAR *b = wt_alloc(80);
    wt_header(b, 80, &WtGuidA, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_single(b, 0, 80, 0);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    assert_int_equal(wt_get32(b, WT_TS_SIZE_NEEDED), 86);
    assert_int_equal(WmiTest.Records[0].QueryOutSize[0], 1);
    wt_assert_canary(b, 80);
    expect_overrun("EvtWmiInstanceQueryInstance", "2 byte");
    wt_free(b);
    wt_bring_down();
}

static void test_execute_overrun(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_instance(0, 0, WT_CB_EXECUTE, TRUE);
    WmiTest.Behaviour[0].ExecuteOutSize = 4;
    WmiTest.Behaviour[0].Pattern = 0x80;
    WmiTest.Behaviour[0].ExecuteOverrun = 7;
    wt_bring_up(TRUE);
    UCHAR *b = wt_alloc(100);
    wt_header(b, 100, &WtGuidA, WNODE_FLAG_METHOD_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_item(b, 0, 1, 72, 4);
    UCHAR *e = wt_clone(b, 100);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_EXECUTE_METHOD, &WtGuidA, b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 76);
    wt_put32(e, WT_OFF_BUFFER_SIZE, 76);
    wt_put64(e, WT_OFF_TIMESTAMP, (ULONGLONG)WT_FROZEN_TIME);
    wt_put32(e, WT_IT_SIZE, 4);
    wt_put_pattern(e, 72, 4, 0x80);
    wt_assert_image(b, e, 100);
    wt_assert_canary(b, 100);
    expect_overrun("EvtWmiInstanceExecuteMethod", "7 byte");
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* ---- No lock held during callbacks ---- */

static UCHAR g_event[256];
static ULONG g_event_size;
static ULONG g_event_count;

static void capture_event(const WNODE_HEADER *event, void *context)
{
    (void)context;
    g_event_count++;
    g_event_size = event->BufferSize < sizeof(g_event) ? event->BufferSize : (ULONG)sizeof(g_event);
    memcpy(g_event, event, g_event_size);
}

/* I0 re-enters (registers I2, deregisters I1, fires an event on I2); I1, I2 answer 4 bytes. */
static void reentry_layout(void)
{
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 4, 0x10);
    wt_query_instance(1, 0, 4, 0x20);
    wt_query_instance(2, 0, 4, 0x30);
    WmiTest.Instances[2].Register = FALSE;
    WmiTest.Behaviour[0].Reentry.Register = 3;
    WmiTest.Behaviour[0].Reentry.Deregister = 2;
    WmiTest.Behaviour[0].Reentry.Fire = 3;
}

static void test_query_callback_calls_wmi_ddis(void **state)
{
    (void)state;
    reentry_layout();
    wt_bring_up(TRUE);
    g_event_count = 0;
    kmdfsim_wmi_kernel_set_event_hook(capture_event, NULL);
    ULONG instances;
    assert_int_equal(wt_kernel_guid(&WtGuidA, &instances), WMIREG_FLAG_INSTANCE_PDO);
    assert_int_equal(instances, 2);
    ULONG updates = wt_kernel_update_calls();

    UCHAR *b = wt_alloc(128);
    wt_header(b, 128, &WtGuidA, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_single(b, 0, 64, 0);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, 128, &irp);
    kmdfsim_wmi_kernel_set_event_hook(NULL, NULL);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 68);
    wt_free(b);

    const WT_INSTANCE_RECORD *r = &WmiTest.Records[0];
    wt_assert_status(r->ReentryRegisterStatus, STATUS_SUCCESS);
    wt_assert_status(r->ReentryFireStatus, STATUS_SUCCESS);
    /*
     * Register and deregister each asked WMI for an update, synchronously: a
     * REGINFO_EX request dispatched to this device from inside its own
     * callback. WMI's copy shows the state after the deregistration.
     */
    assert_int_equal(wt_kernel_update_calls(), updates + 2);
    assert_int_equal(wt_kernel_guid(&WtGuidA, &instances), WMIREG_FLAG_INSTANCE_PDO);
    assert_int_equal(instances, 2);

    /* The event: I2 is now at index 1 (I0, I2). */
    assert_int_equal(g_event_count, 1);
    assert_int_equal(g_event_size, 68);
    assert_int_equal(wt_get32(g_event, WT_OFF_BUFFER_SIZE), 68);
    assert_int_equal(wt_get32(g_event, WT_OFF_FLAGS), 0x8A);
    assert_int_equal(wt_get32(g_event, WT_OFF_PROVIDER_ID),
                     IoWMIDeviceObjectToProviderId(WdfDeviceWdmGetDeviceObject(WmiTest.Device)));
    assert_true(wt_get64(g_event, WT_OFF_TIMESTAMP) == (ULONGLONG)WT_FROZEN_TIME);
    assert_int_equal(wt_get32(g_event, WT_OFF_GUID), WtGuidA.Data1);
    assert_int_equal(wt_get32(g_event, WT_SI_INSTANCE_INDEX), 1);
    assert_int_equal(wt_get32(g_event, WT_SI_DATA_BLOCK_OFFSET), 64);
    assert_int_equal(wt_get32(g_event, WT_SI_SIZE_DATA_BLOCK), 4);
    assert_int_equal(g_event[64], 0xF1);
    assert_int_equal(g_event[67], 0xF4);

    /* The lists changed as asked: index 1 is I2 now, index 2 nothing. */
    WmiTest.Behaviour[0].Reentry.Register = 0;
    WmiTest.Behaviour[0].Reentry.Deregister = 0;
    WmiTest.Behaviour[0].Reentry.Fire = 0;
    b = wt_alloc(128);
    wt_header(b, 128, &WtGuidA, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES);
    wt_single(b, 1, 64, 0);
    returned = wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, &WtGuidA, b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 68);
    assert_int_equal(b[64], 0x30);
    assert_int_equal(WmiTest.Records[2].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[1].QueryCalls, 0);
    wt_free(b);
    wt_bring_down();
}

/* §3.5: ALL_DATA snapshots N once and re-fetches each element by index. */
static void test_all_data_refetches_by_index(void **state)
{
    (void)state;
    reentry_layout();
    WmiTest.Behaviour[0].Reentry.Fire = 0;
    wt_bring_up(TRUE);
    UCHAR *b = wt_alloc(512);
    wt_header(b, 512, &WtGuidA, WNODE_FLAG_ALL_DATA);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(IRP_MN_QUERY_ALL_DATA, &WtGuidA, b, 512, &irp);
    wt_assert_status(returned, STATUS_SUCCESS);
    assert_int_equal(wt_get32(b, WT_AD_INSTANCE_COUNT), 2);
    /* Element 1 at the time it was fetched: I2 (I1 was deregistered by I0's callback). */
    assert_int_equal(WmiTest.Records[0].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[1].QueryCalls, 0);
    assert_int_equal(WmiTest.Records[2].QueryCalls, 1);
    ULONG second = wt_get32(b, WT_AD_OFFSETS + 8);
    assert_int_equal(wt_get32(b, WT_AD_OFFSETS + 12), 4);
    assert_int_equal(b[second], 0x30);
    wt_free(b);
    wt_bring_down();
}

int wt_run_guard_reentry_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_overrun_single_instance, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_query_overrun_all_data, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_query_overrun_scratch_buffer, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_overrun, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_query_callback_calls_wmi_ddis, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_all_data_refetches_by_index, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: guard bytes and re-entry", tests, NULL, NULL);
}
