/* The simulated pool: zeroing rules, per-tag accounting, and every misuse reported, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <kmdfsim/pool.h>
#include <kmdfsim/verifier.h>
#include <ntddk.h>
#include <string.h>

#define TAG_A 'AlpT'
#define TAG_B 'BlpT'


static int setup(void **state)
{
    (void)state;
    capture_reports();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    release_reports();
    return 0;
}

static void test_pool2_zeroes_and_aligns(void **state)
{
    (void)state;
    unsigned char *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, TAG_A);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % MEMORY_ALLOCATION_ALIGNMENT, 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(p[i], 0);
    ExFreePoolWithTag(p, TAG_A);
    assert_int_equal(g_log.count, 0);
}

static void test_uninitialized_allocations_are_not_zero(void **state)
{
    (void)state;
    unsigned char *p = ExAllocatePoolWithTag(NonPagedPoolNx, 32, TAG_A);
    unsigned char *q = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_UNINITIALIZED, 32, TAG_A);
    unsigned char *z = ExAllocatePoolZero(PagedPool, 32, TAG_A);
    assert_non_null(p);
    assert_non_null(q);
    assert_non_null(z);
    /* A driver that forgets to initialize must see garbage, as it would on Windows. */
    assert_int_equal(p[0], 0xCD);
    assert_int_equal(q[31], 0xCD);
    assert_int_equal(z[0], 0);
    assert_int_equal(z[31], 0);
    ExFreePool(p);
    ExFreePool(q);
    ExFreePool(z);
    assert_int_equal(g_log.count, 0);
}

static void test_per_tag_accounting(void **state)
{
    (void)state;
    kmdfsim_pool_stats before_b, after, total_before, total_after;
    kmdfsim_pool_tag_stats(TAG_B, &before_b);
    kmdfsim_pool_total_stats(&total_before);
    void *a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 10, TAG_B);
    void *b = ExAllocatePool2(POOL_FLAG_NON_PAGED, 30, TAG_B);
    assert_true(kmdfsim_pool_tag_stats(TAG_B, &after));
    assert_int_equal(after.live_allocations, before_b.live_allocations + 2);
    assert_int_equal(after.live_bytes, before_b.live_bytes + 40);
    assert_true(after.peak_bytes >= 40);
    ExFreePoolWithTag(a, TAG_B);
    kmdfsim_pool_tag_stats(TAG_B, &after);
    assert_int_equal(after.live_bytes, before_b.live_bytes + 30);
    assert_int_equal(after.frees, before_b.frees + 1);
    ExFreePoolWithTag(b, TAG_B);
    kmdfsim_pool_total_stats(&total_after);
    assert_int_equal(total_after.live_allocations, total_before.live_allocations);
    assert_int_equal(total_after.allocations, total_before.allocations + 2);
    kmdfsim_pool_stats never;
    assert_false(kmdfsim_pool_tag_stats('nvrT', &never));
    assert_int_equal(never.allocations, 0);
}

static void test_double_free_is_reported_not_crashed(void **state)
{
    (void)state;
    void *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_A);
    ExFreePool(p);
    ExFreePool(p);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "POOL_INVALID_FREE");
    assert_ptr_equal(g_log.last_handle, p);
    int on_stack;
    ExFreePool(&on_stack);
    assert_int_equal(g_log.errors, 2);
    assert_string_equal(g_log.last_rule, "POOL_INVALID_FREE");
    ExFreePool(NULL);
    assert_string_equal(g_log.last_rule, "POOL_FREE_NULL");
}

static void test_tag_mismatch_is_reported_and_still_freed(void **state)
{
    (void)state;
    kmdfsim_pool_stats before, after;
    kmdfsim_pool_total_stats(&before);
    void *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_A);
    ExFreePoolWithTag(p, TAG_B);
    assert_string_equal(g_log.last_rule, "POOL_TAG_MISMATCH");
    assert_non_null(strstr(g_log.last_message, "'TplA'"));
    assert_non_null(strstr(g_log.last_message, "'TplB'"));
    kmdfsim_pool_total_stats(&after);
    assert_int_equal(after.live_allocations, before.live_allocations);
}

static void test_overrun_is_detected_at_free(void **state)
{
    (void)state;
    unsigned char *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 13, TAG_A);
    p[13] = 0x42; /* one byte past the end */
    ExFreePool(p);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "POOL_OVERRUN");
    assert_non_null(strstr(g_log.last_message, "13-byte"));
}

static void test_invalid_flags_fail(void **state)
{
    (void)state;
    assert_null(ExAllocatePool2(0, 8, TAG_A));
    assert_string_equal(g_log.last_rule, "POOL_INVALID_FLAGS");
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 8, TAG_A));
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RESERVED2, 8, TAG_A));
    assert_int_equal(g_log.errors, 3);
    /* Optional (upper) flags are accepted. */
    void *p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_SPECIAL_POOL, 8, TAG_A);
    assert_non_null(p);
    ExFreePool(p);
}

static void test_paged_pool_at_dispatch_is_an_irql_error(void **state)
{
    (void)state;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    void *paged = ExAllocatePool2(POOL_FLAG_PAGED, 8, TAG_A);
    void *nonpaged = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_A);
    KeLowerIrql(old);
    assert_null(paged);
    assert_non_null(nonpaged);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "IRQL_TOO_HIGH");
    assert_string_equal(g_log.last_where, "ExAllocatePool2");
    ExFreePool(nonpaged);
}

static void test_failure_injection_is_one_shot_and_per_tag(void **state)
{
    (void)state;
    kmdfsim_pool_stats before, after;
    kmdfsim_pool_tag_stats(TAG_B, &before);
    kmdfsim_pool_fail_after(TAG_B, 1);
    void *other = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_A); /* other tag: unaffected */
    void *first = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_B);
    void *second = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_B);
    void *third = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_B);
    assert_non_null(other);
    assert_non_null(first);
    assert_null(second);
    assert_non_null(third);
    kmdfsim_pool_tag_stats(TAG_B, &after);
    assert_int_equal(after.failed, before.failed + 1);
    ExFreePool(other);
    ExFreePool(first);
    ExFreePool(third);
    assert_int_equal(g_log.count, 0);
}

static void test_leak_report_lists_live_blocks(void **state)
{
    (void)state;
    kmdfsim_pool_stats total;
    kmdfsim_pool_total_stats(&total);
    ULONG already = (ULONG)total.live_allocations;
    void *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 24, 'kaeL');
    assert_int_equal(kmdfsim_pool_report_leaks(), already + 1);
    assert_int_equal(g_log.errors, already + 1);
    assert_string_equal(g_log.last_rule, "POOL_LEAK");
    ExFreePool(p);
    memset(&g_log, 0, sizeof(g_log));
    assert_int_equal(kmdfsim_pool_report_leaks(), already);
}

static void test_zero_tag_warns_and_zero_size_is_unique(void **state)
{
    (void)state;
    void *a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 0, 0);
    void *b = ExAllocatePool2(POOL_FLAG_NON_PAGED, 0, TAG_A);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_int_equal(g_log.warnings, 1);
    assert_string_equal(g_log.last_rule, "POOL_ZERO_TAG");
    ExFreePool(a);
    ExFreePool(b);
    assert_int_equal(g_log.errors, 0);
}

static void test_tag_string(void **state)
{
    (void)state;
    char s[5];
    kmdfsim_pool_tag_string('gaTx', s);
    assert_string_equal(s, "xTag");
    kmdfsim_pool_tag_string(0x00414243, s);
    assert_string_equal(s, "CBA.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pool2_zeroes_and_aligns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uninitialized_allocations_are_not_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_per_tag_accounting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_free_is_reported_not_crashed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tag_mismatch_is_reported_and_still_freed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overrun_is_detected_at_free, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_flags_fail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paged_pool_at_dispatch_is_an_irql_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_injection_is_one_shot_and_per_tag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leak_report_lists_live_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_tag_warns_and_zero_size_is_unique, setup, teardown),
        cmocka_unit_test(test_tag_string),
    };
    return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
