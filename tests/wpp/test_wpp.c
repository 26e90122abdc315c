/*
 * test_wpp.c - the WPP shim end to end: trace statements in a driver source
 * (wpp_driver.c, and wpp_driver_cpp.cpp in C++), compiled with the .tmh
 * that kmdfsim-wpp generated from a driver-style trace header (trace.h),
 * reach kmdfsim's log sink formatted, with their level and flags; the
 * header's PRE/POST macros change control flow; the simulated trace session
 * filters messages before their arguments are evaluated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kmdfsim/kmdfsim.h>
#include <kmdfsim/wpp.h>
#include <stdio.h>
#include <string.h>

#include "wpp_driver.h"

#define MAX_RECORDS 32

typedef struct captured {
    kmdfsim_log_source source;
    ULONG flags;
    ULONG level;
    char text[512];
} captured;

static captured g_records[MAX_RECORDS];
static unsigned g_count;

static void capture(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    if (g_count < MAX_RECORDS) {
        captured *c = &g_records[g_count];
        c->source = record->source;
        c->flags = record->component_id;
        c->level = record->level;
        snprintf(c->text, sizeof(c->text), "%s", record->text);
    }
    g_count++;
}

static int setup(void **state)
{
    (void)state;
    memset(g_records, 0, sizeof(g_records));
    g_count = 0;
    KsWppSteps = 0;
    KsWppEvaluations = 0;
    kmdfsim_wpp_reset();
    kmdfsim_set_log_sink(capture, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    kmdfsim_set_log_sink(NULL, NULL);
    kmdfsim_wpp_reset();
    return 0;
}

static void assert_record(unsigned index, ULONG level, ULONG flags, const char *text)
{
    assert_true(index < g_count);
    const captured *c = &g_records[index];
    if (strcmp(c->text, text) != 0)
        fail_msg("record %u is \"%s\", expected \"%s\"", index, c->text, text);
    assert_int_equal(c->source, KMDFSIM_LOG_TRACE);
    assert_int_equal(c->level, level);
    assert_int_equal(c->flags, flags);
}

static void test_init_prefix_and_cleanup(void **state)
{
    (void)state;
    DRIVER_OBJECT driver;
    UNICODE_STRING path;
    memset(&driver, 0, sizeof(driver));
    RtlInitUnicodeString(&path, L"\\Registry\\Machine\\System\\KsWpp");
    assert_int_equal(KsWppInit(&driver, &path), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_wpp_init_count(), 1);
    KsWppCleanup(&driver);
    assert_int_equal(kmdfsim_wpp_init_count(), 0);
    assert_int_equal(g_count, 2);
    /* USEPREFIX(TraceEvents, "%!STDPREFIX!") */
    assert_true(strncmp(g_records[0].text, "[wpp_driver.c:", 14) == 0);
    assert_non_null(strstr(g_records[0].text, "] KsWppInit: KsWppInit Entry"));
    assert_int_equal(g_records[0].level, TRACE_LEVEL_INFORMATION);
    assert_int_equal(g_records[0].flags, 0x1);
    /* Trace{FLAG=TRACE_DRIVER}(LEVEL, MSG, ...) */
    assert_record(1, TRACE_LEVEL_INFORMATION, 0x1, "KsWppCleanup cleanup");
}

static void test_return_if_failed_returns(void **state)
{
    (void)state;
    assert_int_equal(KsWppReturnIfFailed(STATUS_INVALID_PARAMETER), STATUS_INVALID_PARAMETER);
    assert_int_equal(KsWppSteps, 1);
    assert_int_equal(g_count, 1);
    assert_record(0, TRACE_LEVEL_ERROR, 0x4, "step 1 failed with STATUS_INVALID_PARAMETER");
}

static void test_return_if_failed_continues_on_success(void **state)
{
    (void)state;
    assert_int_equal(KsWppReturnIfFailed(STATUS_SUCCESS), STATUS_SUCCESS);
    assert_int_equal(KsWppSteps, 2);
    assert_int_equal(g_count, 0);
}

static void test_exit_if_failed_jumps(void **state)
{
    (void)state;
    assert_int_equal(KsWppExitIfFailed(STATUS_DEVICE_NOT_CONNECTED), STATUS_UNSUCCESSFUL);
    assert_int_equal(KsWppSteps, 1);
    assert_record(0, TRACE_LEVEL_WARNING, 0x2, "could not start (7)");
    assert_int_equal(KsWppExitIfFailed(STATUS_SUCCESS), STATUS_SUCCESS);
    assert_int_equal(KsWppSteps, 2);
    assert_int_equal(g_count, 1);
}

static void test_trace_if_without_message(void **state)
{
    (void)state;
    KsWppTraceReturn(STATUS_SUCCESS);
    assert_int_equal(g_count, 0);
    KsWppTraceReturn(STATUS_WMI_GUID_NOT_FOUND);
    /* FUNC TRACE_RETURN{LEVEL=TRACE_DEVICE}(EXP): LEVEL names a flag, as in the WDK documentation. */
    assert_record(0, 0, 0x2, "Function Return=STATUS_WMI_GUID_NOT_FOUND");
}

static void test_message_formats(void **state)
{
    (void)state;
    KsWppFormats();
    assert_int_equal(g_count, 5);
    const char *line_at = strstr(g_records[0].text, "line ");
    assert_non_null(line_at);
    char expected[256];
    int line = 0;
    assert_int_equal(sscanf(line_at, "line %d", &line), 1);
    assert_true(line > 50);
    snprintf(expected, sizeof(expected),
             "[wpp_driver.c:%d] KsWppFormats: status STATUS_WMI_INSTANCE_NOT_FOUND line %d func KsWppFormats file "
             "wpp_driver.c",
             line, line);
    assert_record(0, TRACE_LEVEL_ERROR, 0x4, expected);
    const char *body = strstr(g_records[1].text, "] KsWppFormats: ");
    assert_non_null(body);
    assert_string_equal(body + 16, "-5 7 ff 0000BEEF 123456789abcdef -9 narrow wide Device\xc3\xa9 z %");
    body = strstr(g_records[2].text, "] KsWppFormats: ");
    assert_non_null(body);
    assert_string_equal(body + 16,
                        "TRUE FALSE DISPATCH_LEVEL 12345678-9abc-def0-0123-456789abcdef 0x80070005 5");
    body = strstr(g_records[3].text, "] KsWppFormats: ");
    assert_non_null(body);
    assert_string_equal(body + 16, "IRP_MN_REGINFO_EX IRP_MN_SURPRISE_REMOVAL 127.0.0.1 80 2 TRACE_LEVEL_VERBOSE "
                                   "TRACE_WMI KsWppTraceGuid");
    assert_int_equal(g_records[3].level, TRACE_LEVEL_VERBOSE);
    body = strstr(g_records[4].text, "] KsWppFormats: ");
    assert_non_null(body);
    assert_string_equal(body + 16, "[   42|ab  |abc|  7|xy]");
}

static void test_session_filters_before_evaluating(void **state)
{
    (void)state;
    KsWppLevels();
    assert_int_equal(g_count, 3);
    assert_int_equal(KsWppEvaluations, 3);

    g_count = 0;
    KsWppEvaluations = 0;
    kmdfsim_wpp_set_session(TRACE_LEVEL_WARNING, 0x1); /* TRACE_DRIVER only, up to warnings */
    KsWppLevels();
    assert_int_equal(g_count, 1);
    assert_int_equal(KsWppEvaluations, 1);
    assert_non_null(strstr(g_records[0].text, "error 1"));
    assert_false(KsWppFlagEnabled());

    kmdfsim_wpp_set_session(TRACE_LEVEL_ERROR, 0x4);
    assert_true(KsWppFlagEnabled());
    kmdfsim_wpp_reset();
    assert_true(KsWppFlagEnabled());
}

static void test_trace_is_an_expression(void **state)
{
    (void)state;
    assert_int_equal(KsWppIfElse(TRUE), 1);
    assert_int_equal(KsWppIfElse(FALSE), 2);
    assert_int_equal(g_count, 2);
    assert_non_null(strstr(g_records[0].text, "then"));
    assert_non_null(strstr(g_records[1].text, "else"));
}

static void test_default_do_trace_message(void **state)
{
    (void)state;
    KsWppOldStyle();
    assert_record(0, 0, 0x2, "old style 5");
    kmdfsim_wpp_set_session(TRACE_LEVEL_VERBOSE, 0x1);
    KsWppOldStyle();
    assert_int_equal(g_count, 1);
}

static void test_second_control_guid(void **state)
{
    (void)state;
    KsWppOtherGuid();
    /* OTHER_TWO is the second bit of the second control GUID. */
    assert_record(0, TRACE_LEVEL_INFORMATION, 0x2, "second control GUID");
    assert_ptr_not_equal(kmdfsim_wpp_control(33), kmdfsim_wpp_control(1));
    assert_ptr_equal(kmdfsim_wpp_control(33), kmdfsim_wpp_control(34));
}

static void test_recorder_logs(void **state)
{
    (void)state;
    assert_int_equal(KsWppRecorder(), STATUS_SUCCESS);
    assert_int_equal(g_count, 2);
    assert_record(0, TRACE_LEVEL_ERROR, 0x1, "to my own log");
    assert_record(1, TRACE_LEVEL_ERROR, 0x1, "to the default log");
}

static void test_cpp_source(void **state)
{
    (void)state;
    KsWppFromCpp(12);
    assert_int_equal(g_count, 1);
    assert_non_null(strstr(g_records[0].text, "] KsWppFromCpp: from C++ 12 STATUS_SUCCESS"));
    assert_true(strncmp(g_records[0].text, "[wpp_driver_cpp.cpp:", 20) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_init_prefix_and_cleanup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_return_if_failed_returns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_return_if_failed_continues_on_success, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exit_if_failed_jumps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace_if_without_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_message_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_filters_before_evaluating, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace_is_an_expression, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_do_trace_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_control_guid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recorder_logs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cpp_source, setup, teardown),
    };
    return cmocka_run_group_tests_name("wpp", tests, NULL, NULL);
}
