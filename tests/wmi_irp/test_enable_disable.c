/*
 * §3.2.6 IRP_MN_ENABLE/DISABLE_EVENTS and ENABLE/DISABLE_COLLECTION:
 * flags change before the function-control callback, which runs on every
 * request; failures force the flag FALSE; tracing providers capture the
 * HistoricalContext.
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

enum { P_EXPENSIVE, P_PLAIN, P_TRACING, P_EMPTY };

static void layout(void)
{
    wt_provider(P_EXPENSIVE, &WtGuidA, WdfWmiProviderExpensive, 0, TRUE);
    wt_provider(P_PLAIN, &WtGuidB, 0, 0, FALSE);
    wt_provider(P_TRACING, &WtGuidC, WdfWmiProviderTracing, 0, TRUE);
    wt_provider(P_EMPTY, &WtGuidD, WdfWmiProviderExpensive, 0, TRUE); /* no instances */
    wt_query_instance(0, P_EXPENSIVE, 4, 0x10);
    wt_query_instance(1, P_PLAIN, 4, 0x20);
}

static const GUID *guid_of(ULONG provider)
{
    static const GUID *const guids[] = {&WtGuidA, &WtGuidB, &WtGuidC, &WtGuidD};
    return guids[provider];
}

/* Sends `minor` to `provider` with a 48-byte WNODE_HEADER carrying `historical`; checks Information 0 and no writes. */
static NTSTATUS control(UCHAR minor, ULONG provider, ULONGLONG historical)
{
    UCHAR *b = wt_alloc(48);
    wt_header(b, 48, guid_of(provider), 0);
    wt_put64(b, WT_OFF_HISTORICAL, historical);
    UCHAR *e = wt_clone(b, 48);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = wt_send(minor, guid_of(provider), b, 48, &irp);
    assert_false(irp.forwarded);
    wt_assert_status(irp.io_status.Status, returned);
    assert_true(irp.io_status.Information == 0);
    wt_assert_image(b, e, 48);
    wt_assert_canary(b, 48);
    free(e);
    wt_free(b);
    return returned;
}

static BOOLEAN events_on(ULONG provider) { return WdfWmiProviderIsEnabled(WmiTest.ProviderHandles[provider], WdfWmiEventControl); }
static BOOLEAN collection_on(ULONG provider)
{
    return WdfWmiProviderIsEnabled(WmiTest.ProviderHandles[provider], WdfWmiInstanceControl);
}

static void test_buffer_below_header_size(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    static const UCHAR minors[] = {IRP_MN_ENABLE_EVENTS, IRP_MN_DISABLE_EVENTS, IRP_MN_ENABLE_COLLECTION,
                                   IRP_MN_DISABLE_COLLECTION};
    static const ULONG sizes[] = {47, 0};
    for (ULONG s = 0; s < 2; s++) {
        for (ULONG m = 0; m < 4; m++) {
            UCHAR *b = wt_alloc(48);
            wt_header(b, 48, &WtGuidA, 0);
            UCHAR *e = wt_clone(b, 48);
            kmdfsim_wmi_irp irp;
            NTSTATUS returned = wt_send(minors[m], &WtGuidA, b, sizes[s], &irp);
            /* Information is set to 0 first, so not left as the sender preset it. */
            wt_assert_completion(&irp, returned, STATUS_INVALID_PARAMETER, 0);
            wt_assert_image(b, e, 48);
            free(e);
            wt_free(b);
        }
    }
    assert_int_equal(wt_callback_count(), 0);
    assert_false(events_on(P_EXPENSIVE));
    assert_false(collection_on(P_EXPENSIVE));
    wt_bring_down();
}

static void test_flag_is_set_before_the_callback(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    const WT_PROVIDER_RECORD *r = &WmiTest.ProviderRecords[P_EXPENSIVE];

    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_int_equal(r->ControlCalls, 1);
    assert_int_equal(r->LastControl, WdfWmiEventControl);
    assert_int_equal(r->LastEnable, TRUE);
    assert_true(r->EventEnabledSeen);
    assert_false(r->CollectionEnabledSeen);
    assert_true(events_on(P_EXPENSIVE));

    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_int_equal(r->LastControl, WdfWmiInstanceControl);
    assert_int_equal(r->LastEnable, TRUE);
    assert_true(r->EventEnabledSeen);
    assert_true(r->CollectionEnabledSeen);

    wt_assert_status(control(IRP_MN_DISABLE_EVENTS, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_int_equal(r->LastControl, WdfWmiEventControl);
    assert_int_equal(r->LastEnable, FALSE);
    assert_false(r->EventEnabledSeen);
    assert_true(r->CollectionEnabledSeen);

    wt_assert_status(control(IRP_MN_DISABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_int_equal(r->LastControl, WdfWmiInstanceControl);
    assert_int_equal(r->LastEnable, FALSE);
    assert_false(r->CollectionEnabledSeen);
    assert_int_equal(r->ControlCalls, 4);
    assert_false(events_on(P_EXPENSIVE));
    assert_false(collection_on(P_EXPENSIVE));
    /* Only this provider's callback ran; instances play no part. */
    assert_int_equal(wt_callback_count(), 4);
    wt_bring_down();
}

static void test_callback_runs_every_time(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    for (ULONG n = 0; n < 3; n++)
        wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0), STATUS_SUCCESS);
    for (ULONG n = 0; n < 2; n++)
        wt_assert_status(control(IRP_MN_DISABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_int_equal(WmiTest.ProviderRecords[P_EXPENSIVE].ControlCalls, 5);
    assert_true(events_on(P_EXPENSIVE));
    assert_false(collection_on(P_EXPENSIVE));
    wt_bring_down();
}

static void test_failure_forces_the_flag_false(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    const WT_PROVIDER_RECORD *r = &WmiTest.ProviderRecords[P_EXPENSIVE];
    NTSTATUS *driver = &WmiTest.ControlStatus[P_EXPENSIVE];

    /* A failed ENABLE: the callback saw TRUE, the flag ends FALSE. */
    *driver = STATUS_DEVICE_NOT_READY;
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0), STATUS_DEVICE_NOT_READY);
    assert_true(r->EventEnabledSeen);
    assert_false(events_on(P_EXPENSIVE));

    /* A failed DISABLE after a good ENABLE: FALSE, the previous TRUE is not restored. */
    *driver = STATUS_SUCCESS;
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_true(events_on(P_EXPENSIVE));
    *driver = STATUS_INSUFFICIENT_RESOURCES;
    wt_assert_status(control(IRP_MN_DISABLE_EVENTS, P_EXPENSIVE, 0), STATUS_INSUFFICIENT_RESOURCES);
    assert_false(r->EventEnabledSeen);
    assert_false(events_on(P_EXPENSIVE));
    *driver = STATUS_SUCCESS;
    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_SUCCESS);
    assert_true(collection_on(P_EXPENSIVE));
    *driver = STATUS_INSUFFICIENT_RESOURCES;
    wt_assert_status(control(IRP_MN_DISABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_INSUFFICIENT_RESOURCES);
    assert_false(collection_on(P_EXPENSIVE));

    /* A failed event control leaves the collection flag alone, and vice versa. */
    *driver = STATUS_SUCCESS;
    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_SUCCESS);
    *driver = STATUS_DEVICE_NOT_READY;
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0), STATUS_DEVICE_NOT_READY);
    assert_true(collection_on(P_EXPENSIVE));
    assert_false(events_on(P_EXPENSIVE));

    /* A warning status is a failure too. */
    *driver = STATUS_BUFFER_OVERFLOW;
    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_EXPENSIVE, 0), STATUS_BUFFER_OVERFLOW);
    assert_false(collection_on(P_EXPENSIVE));

    /* PENDING becomes UNSUCCESSFUL, a failure. */
    *driver = STATUS_PENDING;
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0), STATUS_UNSUCCESSFUL);
    assert_false(events_on(P_EXPENSIVE));
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "CALLBACK_RETURNED_PENDING", "EvtWmiProviderFunctionControl"});
    assert_int_equal(r->ControlCalls, 9);
    wt_bring_down();
}

static void test_tracing_handle(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    WDFWMIPROVIDER tracing = WmiTest.ProviderHandles[P_TRACING];
    const WT_PROVIDER_RECORD *r = &WmiTest.ProviderRecords[P_TRACING];
    assert_true(WdfWmiProviderGetTracingHandle(tracing) == 0);

    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_TRACING, 0x1122334455667788ull), STATUS_SUCCESS);
    assert_true(r->TracingHandleSeen == 0x1122334455667788ull); /* stored before the callback */
    assert_true(WdfWmiProviderGetTracingHandle(tracing) == 0x1122334455667788ull);
    assert_true(events_on(P_TRACING));

    /* Collection control does not touch the handle. */
    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_TRACING, 0x55ull), STATUS_SUCCESS);
    assert_true(WdfWmiProviderGetTracingHandle(tracing) == 0x1122334455667788ull);

    /* DISABLE stores whatever it carries. */
    wt_assert_status(control(IRP_MN_DISABLE_EVENTS, P_TRACING, 0x99ull), STATUS_SUCCESS);
    assert_true(r->TracingHandleSeen == 0x99ull);
    assert_true(WdfWmiProviderGetTracingHandle(tracing) == 0x99ull);
    assert_false(events_on(P_TRACING));

    /* A failed event control resets it to 0. */
    WmiTest.ControlStatus[P_TRACING] = STATUS_DEVICE_NOT_READY;
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_TRACING, 0xABCull), STATUS_DEVICE_NOT_READY);
    assert_true(r->TracingHandleSeen == 0xABCull);
    assert_true(WdfWmiProviderGetTracingHandle(tracing) == 0);
    assert_false(events_on(P_TRACING));

    /* A failed collection control leaves it alone. */
    WmiTest.ControlStatus[P_TRACING] = STATUS_SUCCESS;
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_TRACING, 0x77ull), STATUS_SUCCESS);
    WmiTest.ControlStatus[P_TRACING] = STATUS_DEVICE_NOT_READY;
    wt_assert_status(control(IRP_MN_DISABLE_COLLECTION, P_TRACING, 0x66ull), STATUS_DEVICE_NOT_READY);
    assert_true(WdfWmiProviderGetTracingHandle(tracing) == 0x77ull);

    /* Other providers never capture one. */
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EXPENSIVE, 0x1234ull), STATUS_SUCCESS);
    assert_true(WdfWmiProviderGetTracingHandle(WmiTest.ProviderHandles[P_EXPENSIVE]) == 0);
    wt_bring_down();
}

static void test_provider_without_instances_gets_the_callback(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_EMPTY, 0), STATUS_SUCCESS);
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_EMPTY, 0), STATUS_SUCCESS);
    assert_int_equal(WmiTest.ProviderRecords[P_EMPTY].ControlCalls, 2);
    assert_true(collection_on(P_EMPTY));
    assert_true(events_on(P_EMPTY));
    wt_bring_down();
}

static void test_provider_without_callback_updates_flags(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    wt_assert_status(control(IRP_MN_ENABLE_EVENTS, P_PLAIN, 0), STATUS_SUCCESS);
    assert_true(events_on(P_PLAIN));
    assert_false(collection_on(P_PLAIN));
    wt_assert_status(control(IRP_MN_ENABLE_COLLECTION, P_PLAIN, 0), STATUS_SUCCESS);
    assert_true(collection_on(P_PLAIN));
    wt_assert_status(control(IRP_MN_DISABLE_EVENTS, P_PLAIN, 0), STATUS_SUCCESS);
    assert_false(events_on(P_PLAIN));
    assert_true(collection_on(P_PLAIN));
    /* Deregistering the provider's only instance does not reset the flags (§1.7.5). */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[1]);
    assert_true(collection_on(P_PLAIN));
    wt_assert_status(control(IRP_MN_DISABLE_COLLECTION, P_PLAIN, 0), STATUS_SUCCESS);
    assert_false(collection_on(P_PLAIN));
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

int wt_run_enable_disable_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_buffer_below_header_size, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_flag_is_set_before_the_callback, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_callback_runs_every_time, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_failure_forces_the_flag_false, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_tracing_handle, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_provider_without_instances_gets_the_callback, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_provider_without_callback_updates_flags, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.2.6 ENABLE/DISABLE", tests, NULL, NULL);
}
