/*
 * Events and function control: WdfWmiInstanceFireEvent reaching every
 * subscriber in order with its payload and instance name; ENABLE_EVENTS on
 * the first subscription and DISABLE_EVENTS on the last, seen by the
 * provider (WdfWmiProviderIsEnabled, EvtWmiProviderFunctionControl);
 * ENABLE/DISABLE_COLLECTION on the first open and last close of an
 * expensive block; registration errors; events nobody listens to.
 */
#include "client_support.h"

#include <stdio.h>

/* ---- A log of who was called, in order ------------------------------------- */

static char g_calls[16][48];
static ULONG g_call_count;
static UCHAR g_last_a[256];

static void log_call(const char *who, const WNODE_HEADER *wnode)
{
    const WNODE_SINGLE_INSTANCE *w = (const WNODE_SINGLE_INSTANCE *)(const void *)wnode;
    if (g_call_count < 16)
        snprintf(g_calls[g_call_count++], sizeof(g_calls[0]), "%s:%lu:%u", who, (unsigned long)w->InstanceIndex,
                 (unsigned)((const UCHAR *)wnode)[w->DataBlockOffset]);
}

static VOID WMIAPI first_callback(PWNODE_HEADER wnode, UINT_PTR context)
{
    assert_int_equal(context, 0x1111);
    log_call("first", wnode);
}

static VOID WMIAPI ansi_callback(PWNODE_HEADER wnode, UINT_PTR context)
{
    (void)context;
    log_call("ansi", wnode);
    memcpy(g_last_a, wnode, wnode->BufferSize < sizeof(g_last_a) ? wnode->BufferSize : sizeof(g_last_a));
}

static VOID WMIAPI leaving_callback(PWNODE_HEADER wnode, UINT_PTR context)
{
    log_call("leaving", wnode);
    /* A consumer may unsubscribe from inside its own callback. */
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), FALSE, cs_delivery(leaving_callback), context,
                                              NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_SUCCESS);
}

static void reset_log(void)
{
    g_call_count = 0;
    memset(g_calls, 0, sizeof(g_calls));
}

static BOOLEAN events_enabled(ULONG device)
{
    return WdfWmiProviderIsEnabled(cs_context(device)->Events, WdfWmiEventControl);
}

static ULONG controls(ULONG device, CD_CONTROL *out) { return CdControls(cs_wdf(device), out, CD_MAX_CONTROLS); }

/* ---- Tests ------------------------------------------------------------------ */

static void test_events_in_order_with_payload(void **state)
{
    (void)state;
    PCD_DEVICE device = cs_context(0);
    assert_false(events_enabled(0));
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EVENT_GUID, &recorder), ERROR_SUCCESS);
    assert_true(events_enabled(0)); /* the first subscriber sent IRP_MN_ENABLE_EVENTS */

    UCHAR p1[5] = {1, 2, 3, 4, 5}, p2[1] = {0x42}, p3[3] = {7, 8, 9};
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[1], sizeof(p1), p1));
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[0], sizeof(p2), p2));
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[1], sizeof(p3), p3));
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[0], 0, NULL));
    assert_true(kmdfsim_wmi_recorder_wait(recorder, 4, 1000));
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 4);

    const struct {
        ULONG index;
        const UCHAR *payload;
        ULONG size;
    } want[4] = {{1, p1, 5}, {0, p2, 1}, {1, p3, 3}, {0, NULL, 0}};
    for (ULONG i = 0; i < 4; i++) {
        kmdfsim_wmi_event e;
        assert_true(kmdfsim_wmi_recorder_get(recorder, i, &e));
        assert_memory_equal(&e.guid, &CD_EVENT_GUID, sizeof(GUID));
        assert_int_equal(e.provider_id, cs_provider_id(0));
        assert_int_equal(e.instance_index, want[i].index);
        assert_string_equal(e.instance_name, cs_name(0, want[i].index));
        assert_int_equal(e.size, want[i].size);
        if (want[i].size > 0)
            assert_memory_equal(e.data, want[i].payload, want[i].size);
        else
            assert_null(e.data);
        assert_int_equal(e.timestamp.QuadPart, CS_FROZEN_TIME);
        assert_int_equal(e.flags, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_EVENT_ITEM);
    }
    assert_false(kmdfsim_wmi_recorder_get(recorder, 4, &(kmdfsim_wmi_event){0}));

    /* The whole WNODE of the first event as a W consumer gets it: the name after the data. */
    UCHAR expected[108];
    memset(expected, 0, sizeof(expected));
    cs_put32(expected, 0, 108);
    cs_put32(expected, 4, cs_provider_id(0));
    cs_put64(expected, 16, (ULONGLONG)CS_FROZEN_TIME);
    cs_put_guid(expected, 24, &CD_EVENT_GUID);
    cs_put32(expected, 44, 0x0A);
    cs_put32(expected, 48, 70); /* OffsetInstanceName: ALIGN_UP(64 + 5, 2) */
    cs_put32(expected, 52, 1);
    cs_put32(expected, 56, 64);
    cs_put32(expected, 60, 5);
    memcpy(expected + 64, p1, 5);
    assert_int_equal(cs_put_name(expected, 70, "ROOT\\SAMPLE\\0000_1", TRUE), 108);
    kmdfsim_wmi_event first;
    assert_true(kmdfsim_wmi_recorder_get(recorder, 0, &first));
    assert_int_equal(first.wnode->BufferSize, 108);
    cs_assert_image(first.wnode, expected, sizeof(expected));

    kmdfsim_wmi_recorder_clear(recorder);
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 0);
    assert_false(kmdfsim_wmi_recorder_wait(recorder, 1, 20)); /* times out */
    kmdfsim_wmi_recorder_stop(recorder);
    assert_false(events_enabled(0)); /* the last subscriber left: IRP_MN_DISABLE_EVENTS */
}

static void test_subscribers_in_order(void **state)
{
    (void)state;
    PCD_DEVICE device = cs_context(0);
    reset_log();
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), TRUE, cs_delivery(first_callback), 0x1111,
                                              NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_SUCCESS);
    assert_win32(WmiNotificationRegistrationA(cs_guid(&CD_EVENT_GUID), TRUE, cs_delivery(ansi_callback), 0,
                                              NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_SUCCESS);
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), TRUE, cs_delivery(leaving_callback), 5,
                                              NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_SUCCESS);
    UCHAR a = 0xA1, b = 0xB2;
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[0], 1, &a));
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[1], 1, &b));
    assert_int_equal(g_call_count, 5);
    assert_string_equal(g_calls[0], "first:0:161");
    assert_string_equal(g_calls[1], "ansi:0:161");
    assert_string_equal(g_calls[2], "leaving:0:161");
    assert_string_equal(g_calls[3], "first:1:178");
    assert_string_equal(g_calls[4], "ansi:1:178");

    /* The A consumer got an 8-bit name and WNODE_FLAG_ANSI_INSTANCENAMES. */
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_single_instance_read(g_last_a, sizeof(g_last_a), &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_1");
    assert_int_equal(item.wnode->Flags, WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_EVENT_ITEM | WNODE_FLAG_ANSI_INSTANCENAMES);
    assert_int_equal(item.wnode->BufferSize, 66 + 2 + 18);

    /* Registration errors. */
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), TRUE, cs_delivery(first_callback), 0x1111,
                                              NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_WMI_ALREADY_ENABLED);
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), TRUE, cs_delivery(first_callback), 0x1111, 0),
                 ERROR_NOT_SUPPORTED);
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), TRUE, NULL, 0, NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_INVALID_PARAMETER);
    assert_win32(WmiNotificationRegistrationW(NULL, TRUE, cs_delivery(first_callback), 0, NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_INVALID_PARAMETER);
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), FALSE, cs_delivery(leaving_callback), 5, 0),
                 ERROR_WMI_ALREADY_DISABLED);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_ALREADY_DISABLED);

    assert_true(events_enabled(0));
    assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), FALSE, cs_delivery(first_callback), 0x1111, 0),
                 ERROR_SUCCESS);
    assert_true(events_enabled(0));
    assert_win32(WmiNotificationRegistrationA(cs_guid(&CD_EVENT_GUID), FALSE, NULL, 0, 0), ERROR_SUCCESS);
    assert_false(events_enabled(0));
    reset_log();
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[0], 1, &a));
    assert_int_equal(g_call_count, 0);
}

/* ---- More subscribers than kmdfsim keeps on the stack ------------------------- */

#define MANY_SUBSCRIBERS 12

static ULONG g_order[2 * MANY_SUBSCRIBERS];
static ULONG g_order_count;

/* Logs its context; subscriber 3 unsubscribes subscriber 9, which then misses the event being delivered. */
static VOID WMIAPI numbered_callback(PWNODE_HEADER wnode, UINT_PTR context)
{
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_single_instance_read(wnode, wnode->BufferSize, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_1");
    if (g_order_count < 2 * MANY_SUBSCRIBERS)
        g_order[g_order_count++] = (ULONG)context;
    if (context == 3)
        assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), FALSE, cs_delivery(numbered_callback), 9,
                                                  NOTIFICATION_CALLBACK_DIRECT),
                     ERROR_SUCCESS);
}

static void test_many_subscribers(void **state)
{
    (void)state;
    PCD_DEVICE device = cs_context(0);
    for (ULONG k = 1; k <= MANY_SUBSCRIBERS; k++)
        assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), TRUE, cs_delivery(numbered_callback), k,
                                                  NOTIFICATION_CALLBACK_DIRECT),
                     ERROR_SUCCESS);
    UCHAR payload = 0x42;
    g_order_count = 0;
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[1], 1, &payload));
    assert_int_equal(g_order_count, MANY_SUBSCRIBERS - 1);
    for (ULONG i = 0; i < g_order_count; i++)
        assert_int_equal(g_order[i], i + 1 < 9 ? i + 1 : i + 2); /* in subscription order, 9 skipped */
    for (ULONG k = 1; k <= MANY_SUBSCRIBERS; k++)
        if (k != 9)
            assert_win32(WmiNotificationRegistrationW(cs_guid(&CD_EVENT_GUID), FALSE, cs_delivery(numbered_callback),
                                                      k, NOTIFICATION_CALLBACK_DIRECT),
                         ERROR_SUCCESS);
    assert_false(events_enabled(0));
}

static void test_function_control(void **state)
{
    (void)state;
    CD_CONTROL log[CD_MAX_CONTROLS];
    kmdfsim_wmi_recorder *r1 = NULL, *r2 = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EXPENSIVE_GUID, &r1), ERROR_SUCCESS);
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EXPENSIVE_GUID, &r2), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 1); /* once, for the first subscriber */
    assert_int_equal(log[0].Control, WdfWmiEventControl);
    assert_true(log[0].Enable);
    /* An expensive provider can fire too; both recorders get it. */
    UCHAR x = 0x5A;
    assert_nt_success(WdfWmiInstanceFireEvent(cs_context(0)->ExpensiveInstance, 1, &x));
    assert_int_equal(kmdfsim_wmi_recorder_count(r1), 1);
    assert_int_equal(kmdfsim_wmi_recorder_count(r2), 1);
    kmdfsim_wmi_recorder_stop(r1);
    assert_int_equal(controls(0, log), 1);
    kmdfsim_wmi_recorder_stop(r2);
    assert_int_equal(controls(0, log), 2);
    assert_int_equal(log[1].Control, WdfWmiEventControl);
    assert_false(log[1].Enable);

    /* A provider that refuses: the subscription stands, the provider stays disabled (KMDF forces FALSE). */
    cs_context(0)->ControlStatus = STATUS_DEVICE_BUSY;
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EXPENSIVE_GUID, &r1), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 3);
    assert_false(WdfWmiProviderIsEnabled(cs_context(0)->Expensive, WdfWmiEventControl));
    cs_context(0)->ControlStatus = STATUS_SUCCESS;
    kmdfsim_wmi_recorder_stop(r1);
    assert_int_equal(controls(0, log), 4);
}

static void test_collection_control(void **state)
{
    (void)state;
    CD_CONTROL log[CD_MAX_CONTROLS];
    PCD_DEVICE device = cs_context(0);
    WMIHANDLE q1 = NULL, q2 = NULL, s = NULL;
    assert_win32(WmiOpenBlock(cs_guid(&CD_EXPENSIVE_GUID), WMIGUID_SET, &s), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 0); /* not an open for query */
    assert_win32(WmiOpenBlock(cs_guid(&CD_EXPENSIVE_GUID), WMIGUID_QUERY, &q1), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 1);
    assert_int_equal(log[0].Control, WdfWmiInstanceControl);
    assert_true(log[0].Enable);
    assert_true(WdfWmiProviderIsEnabled(device->Expensive, WdfWmiInstanceControl));
    assert_win32(WmiOpenBlock(cs_guid(&CD_EXPENSIVE_GUID), WMIGUID_QUERY | WMIGUID_SET, &q2), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 1);
    UCHAR buffer[256];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(q2, &size, buffer), ERROR_SUCCESS);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 0, &item));
    assert_memory_equal(item.data, "EXPN", 4);
    assert_win32(WmiCloseBlock(q1), ERROR_SUCCESS);
    assert_win32(WmiCloseBlock(s), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 1);
    assert_win32(WmiCloseBlock(q2), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 2);
    assert_int_equal(log[1].Control, WdfWmiInstanceControl);
    assert_false(log[1].Enable);
    assert_false(WdfWmiProviderIsEnabled(device->Expensive, WdfWmiInstanceControl));
    /* A plain block is not expensive: its providers hear nothing on open. */
    assert_win32(WmiOpenBlock(cs_guid(&CD_DATA_GUID), WMIGUID_QUERY, &q1), ERROR_SUCCESS);
    assert_win32(WmiCloseBlock(q1), ERROR_SUCCESS);
    assert_int_equal(controls(0, log), 2);
}

static void test_new_provider_joins(void **state)
{
    (void)state;
    /* Subscriptions and query handles made before a device registers reach it when it does. */
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EXPENSIVE_GUID, &recorder), ERROR_SUCCESS);
    WMIHANDLE q = NULL;
    assert_win32(WmiOpenBlock(cs_guid(&CD_EXPENSIVE_GUID), WMIGUID_QUERY, &q), ERROR_SUCCESS);
    kmdfsim_device *late = NULL;
    assert_nt_success(kmdfsim_device_add(cs_driver, "ROOT\\SAMPLE\\0009", &late));
    PCD_DEVICE context = CdGetDevice(kmdfsim_device_handle(late));
    assert_int_equal(context->ControlCount, 0);
    assert_nt_success(kmdfsim_device_start(late));
    assert_int_equal(context->ControlCount, 2);
    assert_int_equal(context->Controls[0].Control, WdfWmiEventControl);
    assert_true(context->Controls[0].Enable);
    assert_int_equal(context->Controls[1].Control, WdfWmiInstanceControl);
    assert_true(context->Controls[1].Enable);
    UCHAR x = 9;
    assert_nt_success(WdfWmiInstanceFireEvent(context->ExpensiveInstance, 1, &x));
    kmdfsim_wmi_event e;
    assert_true(kmdfsim_wmi_recorder_get(recorder, 0, &e));
    assert_string_equal(e.instance_name, "ROOT\\SAMPLE\\0009_0");
    /* Removal sends nothing (WMI does not disable a departing device). */
    assert_nt_success(kmdfsim_device_remove(late));
    kmdfsim_wmi_recorder_stop(recorder);
    assert_win32(WmiCloseBlock(q), ERROR_SUCCESS);
    CD_CONTROL log[CD_MAX_CONTROLS];
    assert_int_equal(controls(0, log), 4); /* device 0 got enable/disable of both */
}

static void test_events_nobody_reads(void **state)
{
    (void)state;
    PCD_DEVICE device = cs_context(0);
    UCHAR payload[8] = {0};
    /* Accepted and dropped. */
    assert_nt_status(WdfWmiInstanceFireEvent(device->EventInstance[0], sizeof(payload), payload), STATUS_SUCCESS);
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EVENT_GUID, &recorder), ERROR_SUCCESS);
    /* Too large for WMI: refused, nobody sees it. */
    static UCHAR big[1024];
    assert_nt_status(WdfWmiInstanceFireEvent(device->EventInstance[0], sizeof(big), big), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 0);
    kmdfsim_wmi_set_max_event_size(2048);
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[0], sizeof(big), big));
    kmdfsim_wmi_set_max_event_size(1024);
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 1);
    kmdfsim_wmi_event e;
    assert_true(kmdfsim_wmi_recorder_get(recorder, 0, &e));
    assert_int_equal(e.size, 1024);
    kmdfsim_wmi_recorder_stop(recorder);
    /* Events of another GUID do not reach a recorder. */
    assert_win32(kmdfsim_wmi_recorder_start(&CD_DATA_GUID, &recorder), ERROR_SUCCESS);
    assert_nt_success(WdfWmiInstanceFireEvent(device->EventInstance[0], 1, payload));
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 0);
    kmdfsim_wmi_recorder_stop(recorder);
}

int cs_run_event_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_events_in_order_with_payload, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_subscribers_in_order, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_many_subscribers, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_function_control, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_collection_control, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_new_provider_joins, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_events_nobody_reads, cs_setup_one, cs_teardown),
    };
    return cmocka_run_group_tests_name("client: events and function control", tests, NULL, NULL);
}
