/*
 * §3.2.1 IRP_MN_QUERY_ALL_DATA: the layout KMDF builds, the sizes each
 * query callback is offered, and KMDF's size arithmetic, checked against
 * the worked examples of the specification (whole reply images).
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

/* What the client sends; KMDF must clear only FIXED_INSTANCE_SIZE (step 3). */
#define IN_FLAGS                                                                                                   \
    (WNODE_FLAG_ALL_DATA | WNODE_FLAG_FIXED_INSTANCE_SIZE | WNODE_FLAG_STATIC_INSTANCE_NAMES | WNODE_FLAG_USE_TIMESTAMP)
#define OUT_FLAGS (IN_FLAGS & ~(ULONG)WNODE_FLAG_FIXED_INSTANCE_SIZE)

/* A WNODE_ALL_DATA request of `size` bytes in an allocation of at least 72 (for the short-buffer cases). */
static UCHAR *all_data_request(ULONG size)
{
    UCHAR *b = wt_alloc(size < WT_SIZEOF_ALL_DATA ? WT_SIZEOF_ALL_DATA : size);
    wt_header(b, size, &WtGuidA, IN_FLAGS);
    return b;
}

static NTSTATUS send_all_data(UCHAR *b, ULONG size, kmdfsim_wmi_irp *irp)
{
    return wt_send(IRP_MN_QUERY_ALL_DATA, &WtGuidA, b, size, irp);
}

/* A success reply's header on top of the request image. */
static void expect_success_header(UCHAR *e, ULONG buffer_size, ULONG data_offset, ULONG count)
{
    wt_put32(e, WT_OFF_BUFFER_SIZE, buffer_size);
    wt_put64(e, WT_OFF_TIMESTAMP, (ULONGLONG)WT_FROZEN_TIME);
    wt_put32(e, WT_OFF_FLAGS, OUT_FLAGS);
    wt_put32(e, WT_AD_DATA_BLOCK_OFFSET, data_offset);
    wt_put32(e, WT_AD_INSTANCE_COUNT, count);
}

static void expect_offset(UCHAR *e, ULONG index, ULONG offset, ULONG length)
{
    wt_put32(e, WT_AD_OFFSETS + 8 * index, offset);
    wt_put32(e, WT_AD_OFFSETS + 8 * index + 4, length);
}

/* The two instances of the worked examples: 6 bytes (pattern 0x40) and 10 bytes (pattern 0x60). */
static void layout_6_10(ULONG min_size)
{
    wt_provider(0, &WtGuidA, 0, min_size, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_query_instance(1, 0, 10, 0x60);
}

static void assert_query_calls(ULONG slot, ULONG calls, ULONG first, ULONG second)
{
    assert_int_equal(WmiTest.Records[slot].QueryCalls, calls);
    if (calls >= 1)
        assert_int_equal(WmiTest.Records[slot].QueryOutSize[0], first);
    if (calls >= 2)
        assert_int_equal(WmiTest.Records[slot].QueryOutSize[1], second);
    for (ULONG c = 0; c < calls && c < WT_MAX_CALLS; c++)
        assert_int_equal(WmiTest.Records[slot].QueryUsedOnEntry[c], 0); /* *BufferUsed pre-set to 0 */
}

#if MEMORY_ALLOCATION_ALIGNMENT == 16

/* Worked example, x64, B = 4096. */
static void test_example_b4096(void **state)
{
    (void)state;
    layout_6_10(0);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(4096);
    UCHAR *e = wt_clone(b, 4096);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 4096, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 106);
    expect_success_header(e, 106, 80, 2);
    expect_offset(e, 0, 80, 6);
    expect_offset(e, 1, 96, 10);
    wt_put_pattern(e, 80, 6, 0x40);
    wt_put_pattern(e, 96, 10, 0x60);
    wt_assert_image(b, e, 4096);
    wt_assert_canary(b, 4096);
    /* Each callback is offered the whole remaining buffer, at an A-aligned address. */
    assert_query_calls(0, 1, 4016, 0);
    assert_query_calls(1, 1, 4000, 0);
    assert_true(WmiTest.Records[1].QueryBuffer[0] - WmiTest.Records[0].QueryBuffer[0] == 16);
    assert_int_equal((uintptr_t)WmiTest.Records[0].QueryBuffer[0] % 16, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* Worked example, x64, B = 100: the second instance no longer fits. Also §3.4: what WNODE_TOO_SMALL keeps. */
static void test_example_b100_too_small_keeps_header(void **state)
{
    (void)state;
    layout_6_10(0);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(100);
    UCHAR *e = wt_clone(b, 100);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 106);
    wt_put32(e, WT_AD_INSTANCE_COUNT, 2); /* offset 52 keeps the value KMDF wrote */
    expect_offset(e, 0, 80, 6);           /* written for the instance that fitted */
    wt_put_pattern(e, 80, 6, 0x40);
    wt_assert_image(b, e, 100);
    wt_assert_canary(b, 100);
    /* Field by field, the parts WNODE_TOO_SMALL leaves as sent. */
    assert_int_equal(wt_get32(b, WT_OFF_PROVIDER_ID), WT_HDR_PROVIDER_ID);
    assert_true(wt_get64(b, WT_OFF_HISTORICAL) == WT_HDR_HISTORICAL);
    assert_true(wt_get64(b, WT_OFF_TIMESTAMP) == WT_HDR_TIMESTAMP);
    assert_int_equal(wt_get32(b, WT_OFF_GUID), WtGuidA.Data1);
    assert_int_equal(wt_get32(b, WT_OFF_CLIENT_CONTEXT), WT_HDR_CLIENT_CONTEXT);
    assert_int_equal(wt_get32(b, WT_OFF_FLAGS), WNODE_FLAG_TOO_SMALL);
    assert_query_calls(0, 1, 20, 0);
    assert_query_calls(1, 1, 4, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* Worked example, x64, B = 72: even the header does not fit; callbacks get the 1-byte scratch buffer. */
static void test_example_b72_scratch(void **state)
{
    (void)state;
    layout_6_10(0);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(72);
    UCHAR *e = wt_clone(b, 72);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 72, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 106);
    wt_put32(e, WT_AD_INSTANCE_COUNT, 2);
    wt_assert_image(b, e, 72);
    wt_assert_canary(b, 72);
    assert_query_calls(0, 1, 1, 0);
    assert_query_calls(1, 1, 1, 0);
    assert_non_null(WmiTest.Records[0].QueryBuffer[0]);
    assert_non_null(WmiTest.Records[1].QueryBuffer[0]);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* Worked example, x64: one 6-byte instance, B = 4096. */
static void test_example_one_instance(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(4096);
    UCHAR *e = wt_clone(b, 4096);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 4096, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 86);
    expect_success_header(e, 86, 80, 1);
    expect_offset(e, 0, 80, 6);
    wt_put_pattern(e, 80, 6, 0x40);
    wt_assert_image(b, e, 4096);
    assert_query_calls(0, 1, 4016, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* Worked example, x64: two instances, M = 6, B = 90: the precheck fails and no callback runs. */
static void test_example_min_size_precheck(void **state)
{
    (void)state;
    layout_6_10(6);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(90);
    UCHAR *e = wt_clone(b, 90);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 90, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 80 + 16 + 6);
    wt_put32(e, WT_AD_INSTANCE_COUNT, 2);
    wt_assert_image(b, e, 90);
    assert_int_equal(wt_callback_count(), 0);

    /* Just enough for the precheck (80 + 22): the callbacks run; the second one still does not fit. */
    UCHAR *b2 = all_data_request(102);
    returned = send_all_data(b2, 102, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    assert_int_equal(wt_get32(b2, WT_TS_SIZE_NEEDED), 106);
    assert_query_calls(0, 1, 22, 0);
    assert_query_calls(1, 1, 6, 0);
    /* TOO_SMALL from a callback although M != 0 is only reported (§2.7 item 5). */
    wt_expect_reports({KMDFSIM_VERIFIER_WARNING, "QUERY_TOO_SMALL_DESPITE_MIN_SIZE", "EvtWmiInstanceQueryInstance"});
    free(e);
    wt_free(b);
    wt_free(b2);
    wt_bring_down();
}

/* The documented under-count defect: the last instance fits exactly but unaligned. */
static void test_undercount_defect(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(86);
    UCHAR *e = wt_clone(b, 86);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 86, &irp);
    /* BufferSize 76 although the data sits at 80..85. */
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 76);
    expect_success_header(e, 76, 80, 1);
    expect_offset(e, 0, 80, 6);
    wt_put_pattern(e, 80, 6, 0x40);
    wt_assert_image(b, e, 86);
    wt_assert_canary(b, 86);
    assert_query_calls(0, 1, 6, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* An instance without query support takes no space: {cur, 0}, and the next instance shares the offset. */
static void test_instance_without_query_support(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_instance(1, 0, WT_CB_SET | WT_CB_SET_ITEM, TRUE);
    wt_query_instance(2, 0, 10, 0x60);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(4096);
    UCHAR *e = wt_clone(b, 4096);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 4096, &irp);
    /* DataBlockOffset = ALIGN_UP(60 + 24, 16) = 96. */
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 122);
    expect_success_header(e, 122, 96, 3);
    expect_offset(e, 0, 96, 6);
    expect_offset(e, 1, 112, 0);
    expect_offset(e, 2, 112, 10);
    wt_put_pattern(e, 96, 6, 0x40);
    wt_put_pattern(e, 112, 10, 0x60);
    wt_assert_image(b, e, 4096);
    assert_query_calls(0, 1, 4000, 0);
    assert_query_calls(2, 1, 3984, 0);
    assert_int_equal(WmiTest.Records[1].SetCalls + WmiTest.Records[1].SetItemCalls, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/*
 * An execute-only instance does support query (§3.3) and answers 0 bytes:
 * unlike an instance without support it resets the last padding, so the
 * reported size differs (96 against 86).
 */
static void test_execute_only_versus_unsupported_last_instance(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_provider(1, &WtGuidB, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_instance(1, 0, WT_CB_EXECUTE, TRUE);
    wt_query_instance(2, 1, 6, 0x40);
    wt_instance(3, 1, WT_CB_SET, TRUE);
    wt_bring_up(TRUE);

    UCHAR *b = all_data_request(4096);
    UCHAR *e = wt_clone(b, 4096);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 4096, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 96);
    expect_success_header(e, 96, 80, 2);
    expect_offset(e, 0, 80, 6);
    expect_offset(e, 1, 96, 0);
    wt_put_pattern(e, 80, 6, 0x40);
    wt_assert_image(b, e, 4096);
    assert_int_equal(WmiTest.Records[1].ExecuteCalls, 0);
    free(e);
    wt_free(b);

    b = wt_alloc(4096);
    wt_header(b, 4096, &WtGuidB, IN_FLAGS);
    e = wt_clone(b, 4096);
    returned = wt_send(IRP_MN_QUERY_ALL_DATA, &WtGuidB, b, 4096, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 86);
    expect_success_header(e, 86, 80, 2);
    expect_offset(e, 0, 80, 6);
    expect_offset(e, 1, 96, 0);
    wt_put_pattern(e, 80, 6, 0x40);
    wt_assert_image(b, e, 4096);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* A UseContextForQuery instance answers with its context, aligned like any other. */
static void test_context_instance_in_all_data(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_instance(0, 0, 0, TRUE);
    WmiTest.Instances[0].UseContextForQuery = TRUE;
    WmiTest.Behaviour[0].Pattern = 0x90;
    wt_query_instance(1, 0, 6, 0x40);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(4096);
    UCHAR *e = wt_clone(b, 4096);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 4096, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 102);
    expect_success_header(e, 102, 80, 2);
    expect_offset(e, 0, 80, 12);
    expect_offset(e, 1, 96, 6);
    wt_put_pattern(e, 80, 12, 0x90);
    wt_put_pattern(e, 96, 6, 0x40);
    wt_assert_image(b, e, 4096);
    assert_query_calls(1, 1, 4000, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/* A driver error stops the loop and becomes the status with Information 0, even after a TOO_SMALL. */
static void test_driver_error_stops_the_loop(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    wt_query_instance(1, 0, 8, 0x50);
    wt_query_instance(2, 0, 10, 0x60);
    WmiTest.Behaviour[1].ForceQuery = TRUE;
    WmiTest.Behaviour[1].QueryUsed = 3;
    wt_bring_up(TRUE);

    static const NTSTATUS errors[] = {STATUS_DEVICE_NOT_READY, STATUS_BUFFER_OVERFLOW /* a warning is not success */};
    for (ULONG n = 0; n < 2; n++) {
        WmiTest.Behaviour[1].QueryStatus = errors[n];
        UCHAR *b = all_data_request(4096);
        UCHAR *e = wt_clone(b, 4096);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = send_all_data(b, 4096, &irp);
        wt_assert_completion(&irp, returned, errors[n], 0);
        /* Steps 3-4 and the first instance's entry are written; BufferSize and TimeStamp are not. */
        wt_put32(e, WT_OFF_FLAGS, OUT_FLAGS);
        wt_put32(e, WT_AD_DATA_BLOCK_OFFSET, 96);
        wt_put32(e, WT_AD_INSTANCE_COUNT, 3);
        expect_offset(e, 0, 96, 6);
        wt_put_pattern(e, 96, 6, 0x40);
        wt_assert_image(b, e, 4096);
        assert_int_equal(WmiTest.Records[0].QueryCalls, n + 1);
        assert_int_equal(WmiTest.Records[1].QueryCalls, n + 1);
        assert_int_equal(WmiTest.Records[2].QueryCalls, 0);
        free(e);
        wt_free(b);
    }

    /* The header does not fit (90 < 96): instances 0 and 1 report TOO_SMALL, then instance 1 fails. */
    WmiTest.Behaviour[1].ForceQuery = FALSE;
    WmiTest.Behaviour[2].ForceQuery = TRUE;
    WmiTest.Behaviour[2].QueryStatus = STATUS_INVALID_DEVICE_STATE;
    UCHAR *b = all_data_request(90);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 90, &irp);
    wt_assert_completion(&irp, returned, STATUS_INVALID_DEVICE_STATE, 0);
    assert_int_equal(wt_get32(b, WT_OFF_BUFFER_SIZE), 90);
    assert_int_equal(wt_get32(b, WT_OFF_FLAGS), OUT_FLAGS);
    assert_int_equal(WmiTest.Records[2].QueryCalls, 1);
    assert_int_equal(WmiTest.Records[2].QueryOutSize[0], 1);
    wt_free(b);
    wt_bring_down();
}

/* A success after a TOO_SMALL instance does not hide it: the reply is still WNODE_TOO_SMALL. */
static void test_later_success_keeps_too_small(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_query_instance(0, 0, 10, 0x40);
    wt_query_instance(1, 0, 0, 0x50); /* answers 0 bytes */
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(88);
    UCHAR *e = wt_clone(b, 88);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 88, &irp);
    /* 80 + ALIGN_UP(10) + 0, minus the last padding (0). */
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    wt_expect_too_small(e, 96);
    wt_put32(e, WT_AD_INSTANCE_COUNT, 2);
    wt_assert_image(b, e, 88);
    assert_query_calls(0, 1, 8, 0);
    assert_query_calls(1, 1, 1, 0);
    free(e);
    wt_free(b);
    wt_bring_down();
}

/*
 * Retrying with exactly SizeNeeded triggers the under-count (the last
 * instance, 10 bytes, fits but is not a multiple of A): BufferSize 100 for
 * data ending at 106. The client's ALIGN_UP(SizeNeeded, A) retry gets 106.
 */
static void test_retry_with_size_needed(void **state)
{
    (void)state;
    layout_6_10(0);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(72);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 72, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    ULONG needed = wt_get32(b, WT_TS_SIZE_NEEDED);
    assert_int_equal(needed, 106);
    wt_free(b);

    b = all_data_request(needed);
    returned = send_all_data(b, needed, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 100);
    assert_int_equal(wt_get32(b, WT_OFF_BUFFER_SIZE), 100);
    assert_int_equal(wt_get32(b, WT_AD_OFFSETS + 8), 96);
    assert_int_equal(wt_get32(b, WT_AD_OFFSETS + 12), 10);
    wt_free(b);

    b = all_data_request(112);
    returned = send_all_data(b, 112, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 106);
    assert_int_equal(wt_get32(b, WT_OFF_BUFFER_SIZE), 106);
    wt_free(b);
    wt_bring_down();
}

#elif MEMORY_ALLOCATION_ALIGNMENT == 8

/* The worked examples, x86 column (A = 8). */
static void test_example_x86(void **state)
{
    (void)state;
    layout_6_10(0);
    wt_bring_up(TRUE);
    UCHAR *b = all_data_request(4096);
    UCHAR *e = wt_clone(b, 4096);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned = send_all_data(b, 4096, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 98);
    expect_success_header(e, 98, 80, 2);
    expect_offset(e, 0, 80, 6);
    expect_offset(e, 1, 88, 10);
    wt_put_pattern(e, 80, 6, 0x40);
    wt_put_pattern(e, 88, 10, 0x60);
    wt_assert_image(b, e, 4096);
    assert_query_calls(0, 1, 4016, 0);
    assert_query_calls(1, 1, 4008, 0);
    free(e);
    wt_free(b);

    /* B = 100: the defect, success with BufferSize 94 while instance 1 is at 88..98. */
    b = all_data_request(100);
    returned = send_all_data(b, 100, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 94);
    assert_int_equal(wt_get32(b, WT_AD_OFFSETS + 8), 88);
    assert_int_equal(wt_get32(b, WT_AD_OFFSETS + 12), 10);
    wt_free(b);

    b = all_data_request(72);
    returned = send_all_data(b, 72, &irp);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, 56);
    assert_int_equal(wt_get32(b, WT_TS_SIZE_NEEDED), 98);
    wt_free(b);
    wt_bring_down();
}

#endif

/* B < sizeof(WNODE_ALL_DATA): STATUS_UNSUCCESSFUL, not TOO_SMALL, and nothing is written. */
static void test_buffer_below_72_is_unsuccessful(void **state)
{
    (void)state;
    layout_6_10(0);
    wt_bring_up(TRUE);
    static const ULONG sizes[] = {71, 64, 48};
    for (ULONG n = 0; n < 3; n++) {
        UCHAR *b = all_data_request(sizes[n]);
        UCHAR *e = wt_clone(b, WT_SIZEOF_ALL_DATA);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = send_all_data(b, sizes[n], &irp);
        wt_assert_completion(&irp, returned, STATUS_UNSUCCESSFUL, 0);
        wt_assert_image(b, e, WT_SIZEOF_ALL_DATA);
        free(e);
        wt_free(b);
    }
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

/* No registered instance: STATUS_WMI_INSTANCE_NOT_FOUND with Information 0. */
static void test_zero_instances(void **state)
{
    (void)state;
    wt_provider(0, &WtGuidA, 0, 0, FALSE);
    wt_provider(1, &WtGuidB, 0, 0, FALSE);
    wt_query_instance(0, 0, 6, 0x40);
    WmiTest.Instances[0].Register = FALSE; /* created, never registered */
    wt_query_instance(1, 1, 6, 0x40);
    wt_bring_up(TRUE);
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[1]); /* every instance deregistered */
    const GUID *guids[] = {&WtGuidA, &WtGuidB};
    for (ULONG n = 0; n < 2; n++) {
        UCHAR *b = wt_alloc(4096);
        wt_header(b, 4096, guids[n], IN_FLAGS);
        UCHAR *e = wt_clone(b, 4096);
        kmdfsim_wmi_irp irp;
        NTSTATUS returned = wt_send(IRP_MN_QUERY_ALL_DATA, guids[n], b, 4096, &irp);
        wt_assert_completion(&irp, returned, STATUS_WMI_INSTANCE_NOT_FOUND, 0);
        wt_assert_image(b, e, 4096);
        free(e);
        wt_free(b);
    }
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

int wt_run_query_all_data_tests(void)
{
    const struct CMUnitTest tests[] = {
#if MEMORY_ALLOCATION_ALIGNMENT == 16
        cmocka_unit_test_setup_teardown(test_example_b4096, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_example_b100_too_small_keeps_header, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_example_b72_scratch, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_example_one_instance, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_example_min_size_precheck, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_undercount_defect, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_instance_without_query_support, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_execute_only_versus_unsupported_last_instance, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_context_instance_in_all_data, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_driver_error_stops_the_loop, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_later_success_keeps_too_small, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_retry_with_size_needed, wt_setup, wt_teardown),
#elif MEMORY_ALLOCATION_ALIGNMENT == 8
        cmocka_unit_test_setup_teardown(test_example_x86, wt_setup, wt_teardown),
#endif
        cmocka_unit_test_setup_teardown(test_buffer_below_72_is_unsuccessful, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_zero_instances, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.2.1 QUERY_ALL_DATA", tests, NULL, NULL);
}
