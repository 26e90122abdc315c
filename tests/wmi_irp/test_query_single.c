/*
 * §3.2.2 IRP_MN_QUERY_SINGLE_INSTANCE and the instance-level query logic of
 * §3.3 (and §2.7 UseContextForQuery / MinInstanceBufferSize).
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

#define IN_FLAGS                                                                                                   \
    (WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES | WNODE_FLAG_PDO_INSTANCE_NAMES |               \
     WNODE_FLAG_FIXED_INSTANCE_SIZE | WNODE_FLAG_USE_TIMESTAMP)
#define SIZE_SENTINEL 0x12345678u

enum { I_SIX, I_MIN16, I_SET_ONLY, I_EXEC_ONLY, I_CONTEXT, I_EVENT_ONLY };

/*
 * GUID A: I_SIX (6 bytes, pattern 0x40), I_SET_ONLY, I_EXEC_ONLY, I_CONTEXT (12 bytes, 0x90).
 * GUID B (M = 16): I_MIN16 (20 bytes, 0x50). GUID C (EventOnly): I_EVENT_ONLY.
 */
static void layout(void)
{
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_provider(1, &WtGuidB, 0, 16, FALSE);
    wt_provider(2, &WtGuidC, WdfWmiProviderEventOnly, 0, FALSE);
    wt_query_instance(I_SIX, 0, 6, 0x40);
    wt_query_instance(I_MIN16, 1, 20, 0x50);
    wt_instance(I_SET_ONLY, 0, WT_CB_SET | WT_CB_SET_ITEM, TRUE);
    wt_instance(I_EXEC_ONLY, 0, WT_CB_EXECUTE, TRUE);
    /* A query callback too: UseContextForQuery makes KMDF ignore it. */
    wt_instance(I_CONTEXT, 0, WT_CB_QUERY | WT_CB_EXECUTE, TRUE);
    WmiTest.Instances[I_CONTEXT].UseContextForQuery = TRUE;
    WmiTest.Behaviour[I_CONTEXT].Pattern = 0x90;
    wt_instance(I_EVENT_ONLY, 2, 0, TRUE);
}

/* Index of each instance in GUID A's list (registration order). */
#define IDX_SIX 0u
#define IDX_SET_ONLY 1u
#define IDX_EXEC_ONLY 2u
#define IDX_CONTEXT 3u

static UCHAR *request(const GUID *guid, ULONG size, ULONG index, ULONG data_offset)
{
    UCHAR *b = wt_alloc(size);
    wt_header(b, size, guid, IN_FLAGS);
    wt_single(b, index, data_offset, SIZE_SENTINEL);
    return b;
}

static NTSTATUS send(const GUID *guid, UCHAR *b, ULONG size, kmdfsim_wmi_irp *irp)
{
    return wt_send(IRP_MN_QUERY_SINGLE_INSTANCE, guid, b, size, irp);
}

static void expect_success(UCHAR *e, ULONG buffer_size, ULONG size_data_block)
{
    wt_put32(e, WT_OFF_BUFFER_SIZE, buffer_size);
    wt_put64(e, WT_OFF_TIMESTAMP, (ULONGLONG)WT_FROZEN_TIME);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, size_data_block);
}

static void test_success_layout(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    /* An instance name at 64 (13 bytes) and the data block right after it, unaligned, at 77. */
    UCHAR *b = request(&WtGuidA, 200, IDX_SIX, 77);
    wt_put32(b, WT_SI_INSTANCE_NAME, 64);
    wt_put16(b, 64, 10);
    wt_put_pattern(b, 66, 11, 'a');
    b[77] = 0x11;
    b[78] = 0x22;
    b[79] = 0x33;
    b[80] = 0x44;
    UCHAR *e = wt_clone(b, 200);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 200, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 83);
    expect_success(e, 83, 6); /* Flags unchanged: IN_FLAGS stays in the image */
    wt_put_pattern(e, 77, 6, 0x40);
    wt_assert_image(b, e, 200);
    wt_assert_canary(b, 200);
    const WT_INSTANCE_RECORD *r = &WmiTest.Records[I_SIX];
    assert_int_equal(r->QueryCalls, 1);
    assert_int_equal(r->QueryOutSize[0], 200 - 77);
    assert_int_equal(r->QueryUsedOnEntry[0], 0);
    /* The callback's buffer is the request buffer at DataBlockOffset: it saw what the sender put there. */
    assert_int_equal(r->QueryFirstBytes[0], 0x11);
    assert_int_equal(r->QueryFirstBytes[3], 0x44);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_no_query_support(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    struct {
        const GUID *guid;
        ULONG index;
    } targets[] = {{&WtGuidA, IDX_SET_ONLY}, {&WtGuidC, 0}};
    for (ULONG t = 0; t < 2; t++) {
        UCHAR *b = request(targets[t].guid, 128, targets[t].index, 64);
        UCHAR *e = wt_clone(b, 128);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = send(targets[t].guid, b, 128, &irp);
        wt_assert_completion(&irp, returned, STATUS_INVALID_DEVICE_REQUEST, 0);
        wt_assert_image(b, e, 128);
        free(e);
        wt_free(b);
    }
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

static void test_min_size_precheck(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    /* 10 bytes of room, M = 16: TOO_SMALL with DataBlockOffset + M; no call; SizeDataBlock not written. */
    UCHAR *b = request(&WtGuidB, 90, 0, 80);
    UCHAR *e = wt_clone(b, 90);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidB, b, 90, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 96);
    wt_assert_image(b, e, 90);
    assert_int_equal(wt_get32(b, WT_SI_SIZE_DATA_BLOCK), SIZE_SENTINEL);
    assert_int_equal(WmiTest.Records[I_MIN16].QueryCalls, 0);
    free(e);
    wt_free(b);

    /* Exactly M: the callback runs; its TOO_SMALL passes through (and is reported, §2.7 item 5). */
    b = request(&WtGuidB, 96, 0, 80);
    e = wt_clone(b, 96);
    returned = send(&WtGuidB, b, 96, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 100);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 20);
    wt_assert_image(b, e, 96);
    assert_int_equal(WmiTest.Records[I_MIN16].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[I_MIN16].QueryOutSize[0], 16);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "QUERY_TOO_SMALL_DESPITE_MIN_SIZE", "EvtWmiInstanceQueryInstance"});
    free(e);
    wt_free(b);

    b = request(&WtGuidB, 100, 0, 80);
    returned = send(&WtGuidB, b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 100);
    assert_int_equal(wt_get32(b, WT_SI_SIZE_DATA_BLOCK), 20);
    wt_free(b);
    wt_bring_down();
}

static void test_callback_too_small(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    UCHAR *b = request(&WtGuidA, 68, IDX_SIX, 64);
    UCHAR *e = wt_clone(b, 68);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 68, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 70);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 6); /* written whatever the status */
    wt_assert_image(b, e, 68);
    assert_int_equal(WmiTest.Records[I_SIX].QueryOutSize[0], 4);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_driver_error(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_SIX].ForceQuery = TRUE;
    WmiTest.Behaviour[I_SIX].QueryStatus = STATUS_DEVICE_NOT_READY;
    WmiTest.Behaviour[I_SIX].QueryUsed = 3;
    wt_bring_up(TRUE);
    UCHAR *b = request(&WtGuidA, 128, IDX_SIX, 64);
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_DEVICE_NOT_READY, 0);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 3); /* whatever the driver set */
    wt_assert_image(b, e, 128);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_pending_becomes_unsuccessful(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_SIX].ForceQuery = TRUE;
    WmiTest.Behaviour[I_SIX].QueryStatus = STATUS_PENDING;
    WmiTest.Behaviour[I_SIX].QueryUsed = 5;
    WmiTest.Behaviour[I_SIX].QueryWriteBytes = 5;
    wt_bring_up(TRUE);
    UCHAR *b = request(&WtGuidA, 128, IDX_SIX, 64);
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_UNSUCCESSFUL, 0);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 0); /* used forced to 0 */
    wt_put_pattern(e, 64, 5, 0x40);        /* what the callback wrote stays */
    wt_assert_image(b, e, 128);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "CALLBACK_RETURNED_PENDING", "EvtWmiInstanceQueryInstance"});
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_success_with_used_above_size(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_SIX].ForceQuery = TRUE;
    WmiTest.Behaviour[I_SIX].QueryStatus = STATUS_SUCCESS;
    wt_bring_up(TRUE);
    /* 16 bytes of room: *BufferUsed 17 is a driver bug, 16 is fine. */
    WmiTest.Behaviour[I_SIX].QueryUsed = 17;
    UCHAR *b = request(&WtGuidA, 80, IDX_SIX, 64);
    UCHAR *e = wt_clone(b, 80);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_UNSUCCESSFUL, 0);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 0);
    wt_assert_image(b, e, 80);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "BUFFER_USED_TOO_LARGE", "EvtWmiInstanceQueryInstance"});
    free(e);
    wt_free(b);

    WmiTest.Behaviour[I_SIX].QueryUsed = 16;
    WmiTest.Behaviour[I_SIX].QueryWriteBytes = 16;
    b = request(&WtGuidA, 80, IDX_SIX, 64);
    returned = send(&WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 80);
    assert_int_equal(wt_get32(b, WT_SI_SIZE_DATA_BLOCK), 16);
    wt_free(b);
    wt_bring_down();
}

static void test_buffer_used_preset_to_zero(void **state)
{
    (void)state;
    layout();
    WmiTest.Behaviour[I_SIX].ForceQuery = TRUE;
    WmiTest.Behaviour[I_SIX].QueryStatus = STATUS_SUCCESS;
    WmiTest.Behaviour[I_SIX].LeaveBufferUsed = TRUE;
    wt_bring_up(TRUE);
    UCHAR *b = request(&WtGuidA, 128, IDX_SIX, 72);
    UCHAR *e = wt_clone(b, 128);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 128, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 72);
    expect_success(e, 72, 0);
    wt_assert_image(b, e, 128);
    assert_int_equal(WmiTest.Records[I_SIX].QueryUsedOnEntry[0], 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_scratch_buffer(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    WT_INSTANCE_BEHAVIOUR *behaviour = &WmiTest.Behaviour[I_SIX];
    kmdfsim_wmi_irp irp;

    /* DataBlockOffset == BufferSize: the callback gets OutBufferSize 1, never 0. Natural answer: 6 needed. */
    UCHAR *b = request(&WtGuidA, 80, IDX_SIX, 80);
    UCHAR *e = wt_clone(b, 80);
    NTSTATUS returned = send(&WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 86);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 6);
    wt_assert_image(b, e, 80);
    assert_int_equal(WmiTest.Records[I_SIX].QueryOutSize[0], 1);
    assert_non_null(WmiTest.Records[I_SIX].QueryBuffer[0]);
    free(e);
    wt_free(b);

    /* A success that used the scratch byte becomes TOO_SMALL; the byte is discarded. */
    behaviour->ForceQuery = TRUE;
    behaviour->QueryStatus = STATUS_SUCCESS;
    behaviour->QueryUsed = 1;
    behaviour->QueryWriteBytes = 1;
    b = request(&WtGuidA, 80, IDX_SIX, 80);
    e = wt_clone(b, 80);
    returned = send(&WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 81);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 1);
    wt_assert_image(b, e, 80);
    wt_assert_canary(b, 80);
    assert_int_equal(WmiTest.Records[I_SIX].QueryOutSize[1], 1);
    free(e);
    wt_free(b);

    /* A success with nothing used is a success of 0 bytes. */
    behaviour->QueryUsed = 0;
    behaviour->QueryWriteBytes = 0;
    b = request(&WtGuidA, 80, IDX_SIX, 80);
    e = wt_clone(b, 80);
    returned = send(&WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 80);
    expect_success(e, 80, 0);
    wt_assert_image(b, e, 80);
    free(e);
    wt_free(b);

    /* Used 2 of the 1 byte offered: the oversize rule applies to the substituted size. */
    behaviour->QueryUsed = 2;
    b = request(&WtGuidA, 80, IDX_SIX, 80);
    returned = send(&WtGuidA, b, 80, &irp);
    wt_assert_completion(&irp, returned, STATUS_UNSUCCESSFUL, 0);
    assert_int_equal(wt_get32(b, WT_SI_SIZE_DATA_BLOCK), 0);
    wt_expect_reports({KMDFSIM_VERIFIER_ERROR, "BUFFER_USED_TOO_LARGE", "EvtWmiInstanceQueryInstance"});
    wt_free(b);
    wt_bring_down();
}

static void test_context_query(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    kmdfsim_wmi_irp irp;
    UCHAR *b = request(&WtGuidA, 76, IDX_CONTEXT, 64);
    UCHAR *e = wt_clone(b, 76);
    NTSTATUS returned = send(&WtGuidA, b, 76, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 76);
    expect_success(e, 76, 12);
    wt_put_pattern(e, 64, 12, 0x90);
    wt_assert_image(b, e, 76);
    free(e);
    wt_free(b);

    /* One byte short, and no room at all (no scratch buffer for a context query): TOO_SMALL 76. */
    static const ULONG sizes[] = {75, 64};
    for (ULONG n = 0; n < 2; n++) {
        b = request(&WtGuidA, sizes[n], IDX_CONTEXT, 64);
        e = wt_clone(b, sizes[n]);
        returned = send(&WtGuidA, b, sizes[n], &irp);
        wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
        wt_expect_too_small(e, 76);
        wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 12);
        wt_assert_image(b, e, sizes[n]);
        free(e);
        wt_free(b);
    }
    /* The query callback given in the config was never called. */
    assert_int_equal(WmiTest.Records[I_CONTEXT].QueryCalls, 0);
    assert_int_equal(WmiTest.Records[I_CONTEXT].ExecuteCalls, 0);
    wt_bring_down();
}

static void test_context_query_with_size_override(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_instance(0, 0, 0, TRUE);
    WmiTest.Instances[0].UseContextForQuery = TRUE;
    WmiTest.Instances[0].ContextSizeOverride = 16;
    WmiTest.Behaviour[0].Pattern = 0x90;
    wt_bring_up(TRUE);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "KMDF_QUIRK_CONTEXT_LENGTH", "WdfWmiInstanceCreate"});
    kmdfsim_wmi_irp irp;
    /* ctxLen = ContextSize 12 + override 16 = 28: the 16-byte context, then 12 zero bytes. */
    UCHAR *b = request(&WtGuidA, 200, 0, 64);
    UCHAR *e = wt_clone(b, 200);
    NTSTATUS returned = send(&WtGuidA, b, 200, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 92);
    expect_success(e, 92, 28);
    wt_put_pattern(e, 64, 12, 0x90);
    wt_put_pattern(e, 76, 4, 0xA0);
    memset(e + 80, 0, 12);
    wt_assert_image(b, e, 200);
    free(e);
    wt_free(b);

    b = request(&WtGuidA, 91, 0, 64);
    e = wt_clone(b, 91);
    returned = send(&WtGuidA, b, 91, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 92);
    wt_put32(e, WT_SI_SIZE_DATA_BLOCK, 28);
    wt_assert_image(b, e, 91);
    free(e);
    wt_free(b);
    wt_bring_down();
}

static void test_execute_only_answers_zero_bytes(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    UCHAR *b = request(&WtGuidA, 100, IDX_EXEC_ONLY, 64);
    UCHAR *e = wt_clone(b, 100);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 64);
    expect_success(e, 64, 0);
    wt_assert_image(b, e, 100);
    assert_int_equal(wt_callback_count(), 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* kmdfsim deviation: DataBlockOffset past BufferSize is refused instead of handing out a wild buffer. */
static void test_data_block_offset_past_buffer_is_refused(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    UCHAR *b = request(&WtGuidA, 100, IDX_SIX, 101);
    UCHAR *e = wt_clone(b, 100);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send(&WtGuidA, b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_INVALID_PARAMETER, 0);
    wt_assert_image(b, e, 100);
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "MALFORMED_WNODE", "IRP_MN_QUERY_SINGLE_INSTANCE"});
    assert_int_equal(wt_callback_count(), 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

int wt_run_query_single_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_success_layout, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_no_query_support, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_min_size_precheck, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_callback_too_small, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_driver_error, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_pending_becomes_unsuccessful, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_success_with_used_above_size, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_buffer_used_preset_to_zero, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_scratch_buffer, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_context_query, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_context_query_with_size_override, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_only_answers_zero_bytes, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_data_block_offset_past_buffer_is_refused, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.2.2 QUERY_SINGLE_INSTANCE", tests, NULL, NULL);
}
