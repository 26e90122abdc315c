/*
 * DbgPrint and friends reach the log sink with component, level and the
 * formatted text; RtlAssert and DbgBreakPoint report through the verifier.
 */
#define DBG 1 /* so that ASSERT expands to RtlAssert, as in a checked driver build */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <wdm.h>

#include <kmdfsim/log.h>
#include <kmdfsim/status.h>
#include <kmdfsim/verifier.h>

#define assert_status(actual, expected) \
    assert_string_equal(kmdfsim_status_name((NTSTATUS)(actual)), kmdfsim_status_name(expected))

/* ---- A capturing log sink ------------------------------------------------ */

typedef struct captured_log {
    int count;
    kmdfsim_log_source source;
    ULONG component_id;
    ULONG level;
    size_t length;
    char text[2048];
} captured_log;

static captured_log g_captured;

static void capture_sink(const kmdfsim_log_record *record, void *context)
{
    captured_log *log = (captured_log *)context;
    log->count++;
    log->source = record->source;
    log->component_id = record->component_id;
    log->level = record->level;
    log->length = record->length;
    size_t n = record->length < sizeof(log->text) - 1 ? record->length : sizeof(log->text) - 1;
    memcpy(log->text, record->text, n);
    log->text[n] = '\0';
}

/* ---- A verifier handler that keeps file and line ------------------------- */

typedef struct captured_report {
    int count;
    kmdfsim_verifier_severity severity;
    char rule[64];
    char where[64];
    char message[512];
    char file[256];
    ULONG line;
} captured_report;

static captured_report g_report;

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = src != NULL ? strlen(src) : 0;
    if (n >= size)
        n = size - 1;
    if (n > 0)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

static void capture_report(const kmdfsim_verifier_report *report, void *context)
{
    captured_report *r = (captured_report *)context;
    r->count++;
    r->severity = report->severity;
    copy_text(r->rule, sizeof(r->rule), report->rule);
    copy_text(r->where, sizeof(r->where), report->where);
    copy_text(r->message, sizeof(r->message), report->message);
    copy_text(r->file, sizeof(r->file), report->file);
    r->line = report->line;
}

static int install(void **state)
{
    (void)state;
    memset(&g_captured, 0, sizeof(g_captured));
    memset(&g_report, 0, sizeof(g_report));
    kmdfsim_set_log_sink(capture_sink, &g_captured);
    kmdfsim_set_verifier_handler(capture_report, &g_report);
    return 0;
}

static int uninstall(void **state)
{
    (void)state;
    kmdfsim_set_log_sink(NULL, NULL);
    kmdfsim_set_verifier_handler(NULL, NULL);
    return 0;
}

/* ---- DbgPrint family ----------------------------------------------------- */

static void test_dbgprint_uses_default_component_and_info_level(void **state)
{
    (void)state;
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, L"MyDriver");
    assert_status(DbgPrint("%wZ: value %d, flags 0x%08lX\n", &name, 42, (ULONG)0x1F), STATUS_SUCCESS);
    assert_int_equal(g_captured.count, 1);
    assert_int_equal(g_captured.source, KMDFSIM_LOG_DBGPRINT);
    assert_int_equal(g_captured.component_id, DPFLTR_DEFAULT_ID);
    assert_int_equal(g_captured.level, DPFLTR_INFO_LEVEL);
    assert_string_equal(g_captured.text, "MyDriver: value 42, flags 0x0000001F\n");
    assert_int_equal(g_captured.length, strlen(g_captured.text));
    assert_int_equal(g_report.count, 0);
}

static void test_dbgprintex_passes_component_and_level(void **state)
{
    (void)state;
    assert_status(DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "error %s", "here"), STATUS_SUCCESS);
    assert_int_equal(g_captured.component_id, DPFLTR_IHVDRIVER_ID);
    assert_int_equal(g_captured.level, DPFLTR_ERROR_LEVEL);
    assert_string_equal(g_captured.text, "error here");
    /* A level above 31 is a mask; it is passed on untouched. */
    assert_status(DbgPrintEx(DPFLTR_IHVBUS_ID, 0x80000004u, "masked"), STATUS_SUCCESS);
    assert_int_equal(g_captured.component_id, DPFLTR_IHVBUS_ID);
    assert_int_equal(g_captured.level, 0x80000004u);
    assert_int_equal(g_captured.count, 2);
}

static ULONG call_vdbgprintex(ULONG component, ULONG level, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ULONG status = vDbgPrintEx(component, level, format, args);
    va_end(args);
    return status;
}

static ULONG call_vdbgprintex_with_prefix(const char *prefix, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ULONG status = vDbgPrintExWithPrefix(prefix, DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL, format, args);
    va_end(args);
    return status;
}

static void test_va_list_variants(void **state)
{
    (void)state;
    assert_status(call_vdbgprintex(DPFLTR_IHVAUDIO_ID, DPFLTR_WARNING_LEVEL, "%I64u bytes", (ULONGLONG)1 << 33),
                  STATUS_SUCCESS);
    assert_int_equal(g_captured.component_id, DPFLTR_IHVAUDIO_ID);
    assert_int_equal(g_captured.level, DPFLTR_WARNING_LEVEL);
    assert_string_equal(g_captured.text, "8589934592 bytes");
    assert_status(call_vdbgprintex_with_prefix("[drv] ", "%s=%u", "n", 3u), STATUS_SUCCESS);
    assert_int_equal(g_captured.level, DPFLTR_TRACE_LEVEL);
    assert_string_equal(g_captured.text, "[drv] n=3");
    assert_status(call_vdbgprintex_with_prefix(NULL, "no prefix"), STATUS_SUCCESS);
    assert_string_equal(g_captured.text, "no prefix");
}

static void test_wide_text_reaches_the_sink_as_utf8(void **state)
{
    (void)state;
    DbgPrint("%ws|%S|%C", L"\u00C9t\u00E9", L"\U0001F600", (int)0x4E2D);
    assert_string_equal(g_captured.text, "\xC3\x89t\xC3\xA9|\xF0\x9F\x98\x80|\xE4\xB8\xAD");
}

static void test_long_messages_are_truncated_to_511_bytes(void **state)
{
    (void)state;
    char big[700];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_status(DbgPrint("%s", big), STATUS_SUCCESS);
    assert_int_equal(g_captured.length, 511);
    assert_int_equal(strlen(g_captured.text), 511);
    /* The prefix counts toward the limit too. */
    call_vdbgprintex_with_prefix("PFX:", "%s", big);
    assert_int_equal(g_captured.length, 511);
    assert_memory_equal(g_captured.text, "PFX:aaa", 7);
    /* A multi-byte character cut by the limit is dropped whole. */
    big[510] = '\0';
    DbgPrint("%s%ws", big, L"\u00E9");
    assert_int_equal(g_captured.length, 510);
    big[509] = '\0';
    DbgPrint("%s%ws", big, L"\u00E9");
    assert_int_equal(g_captured.length, 511);
    assert_memory_equal(g_captured.text + 509, "\xC3\xA9", 2);
}

static void test_percent_n_and_null_format(void **state)
{
    (void)state;
    int target = 5;
    assert_status(DbgPrint("x%ny", &target), STATUS_INVALID_PARAMETER);
    assert_int_equal(target, 5);
    assert_string_equal(g_captured.text, "xy");
    assert_int_equal(g_report.count, 1);
    assert_string_equal(g_report.rule, "FORMAT_PERCENT_N");
    assert_string_equal(g_report.where, "DbgPrint");

    int before = g_captured.count;
    assert_status(DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_captured.count, before);
    assert_int_equal(g_report.count, 2);
    assert_string_equal(g_report.rule, "NULL_POINTER");
    assert_string_equal(g_report.where, "DbgPrintEx");
}

/* ---- Assertions and breakpoints ----------------------------------------- */

static void test_rtl_assert_reports_file_and_line(void **state)
{
    (void)state;
    char expr[] = "count == 2";
    char file[] = "driver.c";
    RtlAssert(expr, file, 123, NULL);
    assert_int_equal(g_report.count, 1);
    assert_int_equal(g_report.severity, KMDFSIM_VERIFIER_ERROR);
    assert_string_equal(g_report.rule, "ASSERTION_FAILED");
    assert_string_equal(g_report.where, "ASSERT");
    assert_string_equal(g_report.file, "driver.c");
    assert_int_equal(g_report.line, 123);
    assert_string_equal(g_report.message, "count == 2");

    char message[] = "queue must be empty";
    RtlAssert(expr, file, 7, message);
    assert_string_equal(g_report.message, "count == 2 (queue must be empty)");
    assert_int_equal(g_report.line, 7);
}

static void test_assert_macro_lands_in_rtl_assert(void **state)
{
    (void)state;
    int count = 3;
    ULONG line = __LINE__ + 1;
    BOOLEAN held = (BOOLEAN)ASSERT(count == 2);
    assert_false(held);
    assert_int_equal(g_report.count, 1);
    assert_string_equal(g_report.message, "count == 2");
    assert_string_equal(g_report.file, __FILE__);
    assert_int_equal(g_report.line, line);
    assert_true(ASSERT(count == 3));
    assert_int_equal(g_report.count, 1);
    ASSERTMSG("too many", count < 2);
    assert_string_equal(g_report.message, "count < 2 (too many)");
}
static void test_dbg_break_point_is_a_warning(void **state)
{
    (void)state;
    DbgBreakPoint();
    assert_int_equal(g_report.count, 1);
    assert_int_equal(g_report.severity, KMDFSIM_VERIFIER_WARNING);
    assert_string_equal(g_report.rule, "DBG_BREAKPOINT");
    assert_string_equal(g_report.where, "DbgBreakPoint");
    KdBreakPoint();
    assert_int_equal(g_report.count, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dbgprint_uses_default_component_and_info_level, install, uninstall),
        cmocka_unit_test_setup_teardown(test_dbgprintex_passes_component_and_level, install, uninstall),
        cmocka_unit_test_setup_teardown(test_va_list_variants, install, uninstall),
        cmocka_unit_test_setup_teardown(test_wide_text_reaches_the_sink_as_utf8, install, uninstall),
        cmocka_unit_test_setup_teardown(test_long_messages_are_truncated_to_511_bytes, install, uninstall),
        cmocka_unit_test_setup_teardown(test_percent_n_and_null_format, install, uninstall),
        cmocka_unit_test_setup_teardown(test_rtl_assert_reports_file_and_line, install, uninstall),
        cmocka_unit_test_setup_teardown(test_assert_macro_lands_in_rtl_assert, install, uninstall),
        cmocka_unit_test_setup_teardown(test_dbg_break_point_is_a_warning, install, uninstall),
    };
    return cmocka_run_group_tests_name("dbgprint", tests, NULL, NULL);
}
