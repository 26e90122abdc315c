/*
 * §3.2.5 IRP_MN_EXECUTE_METHOD: one shared in/out buffer, the sizes the
 * method is given, the completion forms, and what KMDF does not check
 * (MethodId, MinInstanceBufferSize, an oversized *BufferUsed).
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

#define IN_FLAGS (WNODE_FLAG_METHOD_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES)

enum { I_METHOD, I_NO_METHOD };

/* GUID A with M = 64 (ignored for methods): I_METHOD (index 0), I_NO_METHOD (query only, index 1). */
static void layout(void)
{
    wt_provider(0, &WtGuidA, 0, 64, FALSE);
    wt_instance(I_METHOD, 0, WT_CB_EXECUTE | WT_CB_QUERY, TRUE);
    WmiTest.Behaviour[I_METHOD].Pattern = 0x80;
    WmiTest.Behaviour[I_METHOD].DataSize = 64;
    wt_query_instance(I_NO_METHOD, 0, 64, 0x40);
}

/* A method call with `in` input bytes (pattern 0x30) at `data_offset` of a `size`-byte buffer. */
static UCHAR *method_request(ULONG size, ULONG index, ULONG method_id, ULONG data_offset, ULONG in)
{
    UCHAR *b = wt_alloc(size);
    wt_header(b, size, &WtGuidA, IN_FLAGS);
    wt_item(b, index, method_id, data_offset, in);
    wt_put_pattern(b, data_offset, in, 0x30);
    return b;
}

static NTSTATUS send(UCHAR *b, ULONG size, kmdfsim_wmi_irp *irp)
{
    return wt_send(IRP_MN_EXECUTE_METHOD, &WtGuidA, b, size, irp);
}

static void test_execute_success(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_METHOD].ExecuteOutSize = 20;
    wt_bring_up(TRUE);
    UCHAR *b = method_request(200, 0, 7, 72, 8);
    UCHAR *e = wt_clone(b, 200);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 200, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 92);
    wt_put32(e, WT_OFF_BUFFER_SIZE, 92);
    wt_put64(e, WT_OFF_TIMESTAMP, (ULONGLONG)WT_FROZEN_TIME);
    wt_put32(e, WT_IT_SIZE, 20); /* SizeDataBlock = what the method used */
    wt_put_pattern(e, 72, 20, 0x80);
    wt_assert_image(b, e, 200);
    wt_assert_canary(b, 200);
    const WT_INSTANCE_RECORD *r = &WmiTest.Records[I_METHOD];
    assert_int_equal(r->ExecuteCalls, 1);
    assert_int_equal(r->MethodId, 7);
    assert_int_equal(r->ExecuteIn, 8);
    assert_int_equal(r->ExecuteOut, 200 - 72); /* the whole rest of the buffer */
    assert_false(r->ExecuteBufferNull);
    assert_int_equal(r->ExecuteUsedOnEntry, 0);
    for (ULONG k = 0; k < 8; k++)
        assert_int_equal(r->ExecuteData[k], 0x30 + k); /* input read from the same buffer */
    assert_int_equal(r->QueryCalls, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_execute_buffer_sizes(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    const WT_INSTANCE_RECORD *r = &WmiTest.Records[I_METHOD];
    kmdfsim_wmi_irp irp;

    /* No input, no room: NULL buffer, and success with 0 bytes. */
    UCHAR *b = method_request(72, 0, 1, 72, 0);
    UCHAR *e = wt_clone(b, 72);
    NTSTATUS returned = send(b, 72, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 72);
    wt_put32(e, WT_OFF_BUFFER_SIZE, 72);
    wt_put64(e, WT_OFF_TIMESTAMP, (ULONGLONG)WT_FROZEN_TIME);
    wt_put32(e, WT_IT_SIZE, 0);
    wt_assert_image(b, e, 72);
    assert_int_equal(r->ExecuteIn, 0);
    assert_int_equal(r->ExecuteOut, 0);
    assert_true(r->ExecuteBufferNull);
    free(e);
    wt_free(b);

    /* No input, room for output: a buffer. */
    b = method_request(100, 0, 1, 72, 0);
    returned = send(b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 72);
    assert_int_equal(r->ExecuteIn, 0);
    assert_int_equal(r->ExecuteOut, 28);
    assert_false(r->ExecuteBufferNull);
    wt_free(b);

    /* Input filling the buffer exactly: In = Out = 6. */
    b = method_request(78, 0, 1, 72, 6);
    returned = send(b, 78, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 72);
    assert_int_equal(r->ExecuteIn, 6);
    assert_int_equal(r->ExecuteOut, 6);
    assert_false(r->ExecuteBufferNull);
    assert_int_equal(r->ExecuteData[5], 0x35);

    /* MinInstanceBufferSize (64) is not checked for methods: 28 bytes of room, the method still runs. */
    assert_int_equal(r->ExecuteCalls, 3);
    wt_free(b);
    wt_bring_down();
}

static void test_execute_without_callback(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    UCHAR *b = method_request(128, 1, 1, 72, 4);
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_INVALID_DEVICE_REQUEST, 0);
    wt_assert_image(b, e, 128);
    assert_int_equal(wt_callback_count(), 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_execute_too_small(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_METHOD].ExecuteOutSize = 50;
    wt_bring_up(TRUE);
    UCHAR *b = method_request(100, 0, 2, 72, 4);
    UCHAR *e = wt_clone(b, 100);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 72 + 50); /* SizeDataBlock keeps the input size */
    wt_assert_image(b, e, 100);
    assert_int_equal(WmiTest.Records[I_METHOD].ExecuteOut, 28);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_method_id_is_not_checked(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    static const ULONG ids[] = {0, 0xFFFFFFFFu, 0x80000001u};
    for (ULONG n = 0; n < 3; n++) {
        UCHAR *b = method_request(128, 0, ids[n], 72, 4);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = send(b, 128, &irp);
        wt_assert_completion(&irp, returned, STATUS_SUCCESS, 72);
        assert_int_equal(WmiTest.Records[I_METHOD].MethodId, ids[n]);
        wt_free(b);
    }
    /* The driver's own answer for an unknown method passes through. */
    WmiTest.Behaviour[I_METHOD].ForceExecute = TRUE;
    WmiTest.Behaviour[I_METHOD].ExecuteStatus = STATUS_WMI_ITEMID_NOT_FOUND;
    UCHAR *b = method_request(128, 0, 42, 72, 4);
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_WMI_ITEMID_NOT_FOUND, 0);
    wt_assert_image(b, e, 128);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_execute_pending(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_METHOD].ForceExecute = TRUE;
    WmiTest.Behaviour[I_METHOD].ExecuteStatus = STATUS_PENDING;
    WmiTest.Behaviour[I_METHOD].ExecuteUsed = 9;
    wt_bring_up(TRUE);
    UCHAR *b = method_request(128, 0, 1, 72, 4);
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_UNSUCCESSFUL, 0);
    wt_assert_image(b, e, 128);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "CALLBACK_RETURNED_PENDING", "EvtWmiInstanceExecuteMethod"});
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* KMDF does not check a success whose *BufferUsed exceeds OutBufferSize: the reply claims it (§6.2 q11). */
static void test_execute_used_above_out_is_not_checked(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_METHOD].ForceExecute = TRUE;
    WmiTest.Behaviour[I_METHOD].ExecuteStatus = STATUS_SUCCESS;
    WmiTest.Behaviour[I_METHOD].ExecuteUsed = 40;
    wt_bring_up(TRUE);
    UCHAR *b = method_request(100, 0, 1, 72, 4);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 112);
    assert_int_equal(wt_get32(b, WT_OFF_BUFFER_SIZE), 112);
    assert_int_equal(wt_get32(b, WT_IT_SIZE), 40);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "BUFFER_USED_TOO_LARGE", "EvtWmiInstanceExecuteMethod"});
    wt_free(b);
    wt_bring_down();
}

/*
 * The fields of a WNODE_METHOD_ITEM end at 68 (VariableData): a 68-byte
 * request is complete and is handled; a shorter one is refused (kmdfsim
 * deviation, with a MALFORMED_WNODE warning) instead of being read past.
 */
static void test_execute_minimal_buffer(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    UCHAR *b = method_request(68, 0, 5, 68, 0);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(b, 68, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 68);
    assert_true(WmiTest.Records[I_METHOD].ExecuteBufferNull);
    assert_int_equal(WmiTest.Records[I_METHOD].MethodId, 5);
    wt_free(b);

    b = method_request(72, 0, 5, 66, 0);
    UCHAR *e = wt_clone(b, 72);
    returned = send(b, 66, &irp);
    wt_assert_completion(&irp, returned, STATUS_INVALID_PARAMETER, 0);
    wt_assert_image(b, e, 72);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "MALFORMED_WNODE", "IRP_MN_EXECUTE_METHOD"});
    assert_int_equal(WmiTest.Records[I_METHOD].ExecuteCalls, 1);
    free(e);
    wt_free(b);
    wt_bring_down();
}

int wt_run_execute_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_execute_success, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_buffer_sizes, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_without_callback, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_too_small, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_method_id_is_not_checked, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_pending, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_used_above_out_is_not_checked, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_minimal_buffer, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.2.5 EXECUTE_METHOD", tests, NULL, NULL);
}
