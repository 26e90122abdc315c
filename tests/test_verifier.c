/* Verifier routing: one handler, installed and removed by tests; reports carry their fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kmdfsim/verifier.h>
#include <string.h>

#include "verifier/verifier_internal.h"

static void test_log_handler_records_report(void **state)
{
    (void)state;
    kmdfsim_verifier_log log;
    memset(&log, 0, sizeof(log));
    kmdfsim_set_verifier_handler(kmdfsim_verifier_log_handler, &log);
    int object = 0;
    kmdfsim_verify_fail("INVALID_HANDLE", "WdfObjectDelete", &object, "handle %d is stale", 7);
    kmdfsim_verify_warn("KMDF_QUIRK", "WdfWmiProviderCreate", NULL, "duplicate GUID");
    kmdfsim_set_verifier_handler(NULL, NULL);

    assert_int_equal(log.count, 2);
    assert_int_equal(log.errors, 1);
    assert_int_equal(log.warnings, 1);
    assert_int_equal(log.last_severity, KMDFSIM_VERIFIER_WARNING);
    assert_string_equal(log.last_rule, "KMDF_QUIRK");
    assert_string_equal(log.last_where, "WdfWmiProviderCreate");
    assert_string_equal(log.last_message, "duplicate GUID");
    assert_null(log.last_handle);
}

static void test_error_report_carries_handle_and_message(void **state)
{
    (void)state;
    kmdfsim_verifier_log log;
    memset(&log, 0, sizeof(log));
    kmdfsim_set_verifier_handler(kmdfsim_verifier_log_handler, &log);
    int object = 0;
    kmdfsim_verify_fail("INVALID_HANDLE", "WdfObjectDelete", &object, "handle %d is stale", 7);
    kmdfsim_set_verifier_handler(NULL, NULL);
    assert_int_equal(log.last_severity, KMDFSIM_VERIFIER_ERROR);
    assert_ptr_equal(log.last_handle, &object);
    assert_string_equal(log.last_message, "handle 7 is stale");
}

static void test_format_names_rule_and_place(void **state)
{
    (void)state;
    kmdfsim_verifier_report report;
    memset(&report, 0, sizeof(report));
    report.severity = KMDFSIM_VERIFIER_ERROR;
    report.rule = "IRQL_TOO_HIGH";
    report.where = "WdfDeviceAssignMofResourceName";
    report.message = "called at DISPATCH_LEVEL";
    char line[256];
    kmdfsim_verifier_format(&report, line, sizeof(line));
    assert_string_equal(line,
                        "kmdfsim verifier: ERROR [IRQL_TOO_HIGH] in WdfDeviceAssignMofResourceName: called at DISPATCH_LEVEL");
    report.severity = KMDFSIM_VERIFIER_WARNING;
    report.file = "wmi.c";
    report.line = 42;
    kmdfsim_verifier_format(&report, line, sizeof(line));
    assert_string_equal(line, "kmdfsim verifier: WARNING [IRQL_TOO_HIGH] in WdfDeviceAssignMofResourceName (wmi.c:42): "
                              "called at DISPATCH_LEVEL");
}

static void test_long_messages_are_truncated_not_overrun(void **state)
{
    (void)state;
    kmdfsim_verifier_log log;
    memset(&log, 0, sizeof(log));
    kmdfsim_set_verifier_handler(kmdfsim_verifier_log_handler, &log);
    char big[2000];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    kmdfsim_verify_fail("R", "W", NULL, "%s", big);
    kmdfsim_set_verifier_handler(NULL, NULL);
    assert_int_equal(strlen(log.last_message), sizeof(log.last_message) - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_handler_records_report),
        cmocka_unit_test(test_error_report_carries_handle_and_message),
        cmocka_unit_test(test_format_names_rule_and_place),
        cmocka_unit_test(test_long_messages_are_truncated_not_overrun),
    };
    return cmocka_run_group_tests_name("verifier", tests, NULL, NULL);
}
