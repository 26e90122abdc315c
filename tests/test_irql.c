/* Simulated IRQL: per-thread, raise/lower rules, PAGED_CODE and the DDI maximum checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <kmdfsim/verifier.h>
#include <ntddk.h>
#include <string.h>

#include "kernel/irql.h"
#include "platform/platform.h"


static int setup(void **state)
{
    (void)state;
    capture_reports();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    kmdfsim_irql_set(PASSIVE_LEVEL);
    release_reports();
    return 0;
}

static void test_raise_and_lower(void **state)
{
    (void)state;
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    KIRQL old = 0xFF;
    KeRaiseIrql(APC_LEVEL, &old);
    assert_int_equal(old, PASSIVE_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), APC_LEVEL);
    KIRQL old2 = KeRaiseIrqlToDpcLevel();
    assert_int_equal(old2, APC_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KeLowerIrql(old2);
    KeLowerIrql(old);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    assert_int_equal(g_log.count, 0);
}

static void test_raise_below_current_is_reported_and_ignored(void **state)
{
    (void)state;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KIRQL bogus;
    KeRaiseIrql(APC_LEVEL, &bogus);
    assert_int_equal(bogus, DISPATCH_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "IRQL_NOT_GREATER_OR_EQUAL");
    KeLowerIrql(PASSIVE_LEVEL);
}

static void test_lower_above_current_is_reported_and_ignored(void **state)
{
    (void)state;
    KeLowerIrql(DISPATCH_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    assert_string_equal(g_log.last_rule, "IRQL_NOT_LESS_OR_EQUAL");
    KIRQL old;
    KeRaiseIrql(HIGH_LEVEL + 1, &old);
    assert_string_equal(g_log.last_rule, "IRQL_INVALID");
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    assert_int_equal(g_log.errors, 2);
}

static void worker(void *arg) { *(KIRQL *)arg = KeGetCurrentIrql(); }

static void test_irql_is_per_thread(void **state)
{
    (void)state;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KIRQL seen = 0xFF;
    kmdfsim_thread thread;
    assert_int_equal(kmdfsim_thread_create(&thread, worker, &seen), 0);
    kmdfsim_thread_join(&thread);
    assert_int_equal(seen, PASSIVE_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KeLowerIrql(old);
}

static VOID PageableRoutine(VOID) { PAGED_CODE(); }

static void test_paged_code(void **state)
{
    (void)state;
    PageableRoutine();
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    PageableRoutine();
    assert_int_equal(g_log.count, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PageableRoutine();
    KeLowerIrql(PASSIVE_LEVEL);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "PAGED_CODE_AT_RAISED_IRQL");
    assert_string_equal(g_log.last_where, "PageableRoutine");
    assert_non_null(strstr(g_log.last_message, "DISPATCH_LEVEL"));
}

static void test_check_max(void **state)
{
    (void)state;
    assert_true(kmdfsim_irql_check_max(PASSIVE_LEVEL, "SomeDdi"));
    kmdfsim_irql_set(DISPATCH_LEVEL);
    assert_true(kmdfsim_irql_check_max(DISPATCH_LEVEL, "SomeDdi"));
    assert_false(kmdfsim_irql_check_max(APC_LEVEL, "WdfWmiInstanceFireEvent"));
    assert_string_equal(g_log.last_rule, "IRQL_TOO_HIGH");
    assert_string_equal(g_log.last_where, "WdfWmiInstanceFireEvent");
    assert_string_equal(g_log.last_message, "called at DISPATCH_LEVEL; the maximum is APC_LEVEL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_raise_and_lower, setup, teardown),
        cmocka_unit_test_setup_teardown(test_raise_below_current_is_reported_and_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lower_above_current_is_reported_and_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_irql_is_per_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paged_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_max, setup, teardown),
    };
    return cmocka_run_group_tests_name("irql", tests, NULL, NULL);
}
