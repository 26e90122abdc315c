/*
 * The kernel printf dialect (src/rtl/format.c), exercised directly through
 * kmdfsim_rtl_snprintf / kmdfsim_rtl_snwprintf. Every expectation is the
 * exact output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <wdm.h>

#include <kmdfsim/verifier.h>

#include "rtl/format.h"
#include "rtl/wstr.h"

/* ---- Helpers ------------------------------------------------------------ */

static char g_out[4096];

/* Formats narrow into g_out and returns it; also checks the returned length is strlen. */
static const char *fmt(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = kmdfsim_rtl_vsnprintf(g_out, sizeof(g_out), format, args, "test", NULL);
    va_end(args);
    assert_int_equal(n, strlen(g_out));
    return g_out;
}

static WCHAR g_wout[2048];

static const char *wfmt(const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = kmdfsim_rtl_vsnwprintf(g_wout, sizeof(g_wout) / sizeof(g_wout[0]), format, args, "test", NULL);
    va_end(args);
    assert_int_equal(n, kmdfsim_wdk_wcslen(g_wout));
    return escape_utf16(g_wout, n);
}

#define W(lit) escape_utf16(lit, sizeof(lit) / sizeof(WCHAR) - 1)

/* ---- Integers ----------------------------------------------------------- */

static void test_plain_integers(void **state)
{
    (void)state;
    assert_string_equal(fmt("%d|%i|%u", 42, -7, 3000000000u), "42|-7|3000000000");
    assert_string_equal(fmt("%x|%X|%o", 0xbeefu, 0xbeefu, 8u), "beef|BEEF|10");
    assert_string_equal(fmt("%d|%d", INT_MIN, INT_MAX), "-2147483648|2147483647");
    assert_string_equal(fmt("%u", 0u), "0");
    assert_string_equal(fmt("no conversions"), "no conversions");
    assert_string_equal(fmt("100%% sure %%d"), "100% sure %d");
}

static void test_integer_flags(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%+d][%+d][% d][% d]", 5, -5, 5, -5), "[+5][-5][ 5][-5]");
    assert_string_equal(fmt("[%5d][%-5d][%05d][%-05d]", 42, 42, 42, 42), "[   42][42   ][00042][42   ]");
    assert_string_equal(fmt("[%05d][%+05d][% 05d]", -42, 42, 42), "[-0042][+0042][ 0042]");
    assert_string_equal(fmt("[%#x][%#X][%#o][%#x][%#o]", 255u, 255u, 8u, 0u, 0u), "[0xff][0XFF][010][0][0]");
    assert_string_equal(fmt("[%#08x][%#-8x]", 255u, 255u), "[0x0000ff][0xff    ]");
    /* '+' and ' ' apply to signed conversions only. */
    assert_string_equal(fmt("[%+u][% x]", 5u, 5u), "[5][5]");
}

static void test_integer_precision(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%.3d][%.3d][%5.3d][%-6.3d]", 7, -7, 7, 7), "[007][-007][  007][007   ]");
    /* Precision 0 prints nothing for 0; '0' is ignored when a precision is given. */
    assert_string_equal(fmt("[%.0d][%.0x][%5.0d][%05.2d]", 0, 0u, 0, 3), "[][][     ][   03]");
    assert_string_equal(fmt("[%#.0o][%#.3o]", 0u, 8u), "[0][010]");
    assert_string_equal(fmt("[%.d]", 0), "[]");
}

static void test_star_width_and_precision(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%*d][%-*d][%*d]", 4, 1, 4, 2, -4, 3), "[   1][2   ][3   ]");
    assert_string_equal(fmt("[%.*d][%.*d]", 3, 5, -1, 5), "[005][5]");
    assert_string_equal(fmt("[%*.*d]", 6, 4, 12), "[  0012]");
}

static void test_size_prefixes(void **state)
{
    (void)state;
    assert_string_equal(fmt("%hd|%hu|%hhd|%hhu", 70000, 65537, 300, 257), "4464|1|44|1");
    assert_string_equal(fmt("%hx|%hhx", 0x12345u, 0x1FFu), "2345|ff");
    /* "l" is 32-bit (Windows LONG) on every host; the next argument must still be read correctly. */
    assert_string_equal(fmt("%ld|%lu|%lx|%d", (LONG)MINLONG, (ULONG)MAXULONG, (ULONG)0xDEADBEEFu, 7),
                        "-2147483648|4294967295|deadbeef|7");
    assert_string_equal(fmt("%lld|%llu|%llx", LLONG_MIN, ULLONG_MAX, 0x123456789ABCDEFull),
                        "-9223372036854775808|18446744073709551615|123456789abcdef");
    assert_string_equal(fmt("%I64d|%I64u|%I64X|%d", (LONGLONG)-1, (ULONGLONG)1 << 40, (ULONGLONG)0xFEDCBA9876543210ull, 9),
                        "-1|1099511627776|FEDCBA9876543210|9");
    assert_string_equal(fmt("%I32d|%I32x|%d", (INT32)-5, (UINT32)0xCAFEu, 1), "-5|cafe|1");
    assert_string_equal(fmt("%Iu|%Id|%Ix", (SIZE_T)12345, (SSIZE_T)-2, (ULONG_PTR)0xABCu), "12345|-2|abc");
    assert_string_equal(fmt("%zu|%zd|%td|%jd|%ju", (size_t)99, (ptrdiff_t)-99, (ptrdiff_t)-3, (intmax_t)-4,
                            (uintmax_t)4),
                        "99|-99|-3|-4|4");
    assert_string_equal(fmt("%Lx|%Ld", 0x1122334455667788ull, -1234567890123ll), "1122334455667788|-1234567890123");
    /* SIZE_T maximum is pointer-sized. */
    char expect[32];
    snprintf(expect, sizeof(expect), "%llu", (unsigned long long)SIZE_MAX);
    assert_string_equal(fmt("%Iu", (SIZE_T)SIZE_MAX), expect);
}

/* ---- Characters and strings --------------------------------------------- */

static void test_narrow_characters(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%c][%3c][%-3c][%hc]", 'A', 'b', 'c', 'd'), "[A][  b][c  ][d]");
    /* %C, %wc and %lc take a WCHAR and produce UTF-8. */
    assert_string_equal(fmt("[%C][%wc][%lc]", (int)L'Z', (int)0x00E9, (int)0x4E2D), "[Z][\xC3\xA9][\xE4\xB8\xAD]");
    /* A lone surrogate cannot be encoded: U+FFFD. */
    assert_string_equal(fmt("[%C]", 0xD800), "[\xEF\xBF\xBD]");
    /* Width counts output bytes. */
    assert_string_equal(fmt("[%3C]", 0x00E9), "[ \xC3\xA9]");
}

static void test_narrow_strings(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%s][%5s][%-5s][%.2s][%5.1s]", "abc", "abc", "abc", "abc", "abc"),
                        "[abc][  abc][abc  ][ab][    a]");
    assert_string_equal(fmt("[%hs][%hS]", "narrow", "also"), "[narrow][also]");
    assert_string_equal(fmt("[%s][%ws][%S][%ls]", (char *)NULL, (WCHAR *)NULL, (WCHAR *)NULL, (WCHAR *)NULL),
                        "[(null)][(null)][(null)][(null)]");
    assert_string_equal(fmt("[%.3s]", (char *)NULL), "[(nu]");
    /* Precision bounds the read: a buffer without a terminator is safe. */
    const char raw[3] = {'x', 'y', 'z'};
    assert_string_equal(fmt("[%.*s]", 3, raw), "[xyz]");
    /* Narrow text is copied byte for byte, even if it is not UTF-8. */
    assert_string_equal(fmt("[%s]", "\xFF\xC3\xA9"), "[\xFF\xC3\xA9]");
}

static void test_wide_strings_in_narrow_output(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%ws][%S][%ls][%wS]", L"one", L"two", L"three", L"four"), "[one][two][three][four]");
    assert_string_equal(fmt("[%6ws][%-6ws][%.2ws]", L"abc", L"abc", L"abc"), "[   abc][abc   ][ab]");
    /* Non-ASCII UTF-16 becomes UTF-8, surrogate pairs included. */
    assert_string_equal(fmt("%ws", L"\u00E9\u4E2D\U0001F600"), "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    /* Lone surrogates (high, then low) become U+FFFD. */
    const WCHAR lone[] = {L'a', 0xD800, L'b', 0xDC00, 0};
    assert_string_equal(fmt("%ws", lone), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    /* A pair cut by the precision leaves a lone high surrogate. */
    assert_string_equal(fmt("[%.1ws]", L"\U0001F600"), "[\xEF\xBF\xBD]");
    /* Width counts UTF-8 bytes. */
    assert_string_equal(fmt("[%4ws]", L"\u00E9"), "[  \xC3\xA9]");
    const WCHAR raw[4] = {L'a', L'b', L'c', L'd'};
    assert_string_equal(fmt("[%.*ws]", 4, raw), "[abcd]");
}

static void test_counted_strings(void **state)
{
    (void)state;
    /* %wZ reads exactly Length bytes: this buffer has no terminator. */
    WCHAR buffer[6] = {L'd', L'r', L'v', L'X', L'Y', L'Z'};
    UNICODE_STRING u = {3 * sizeof(WCHAR), sizeof(buffer), buffer};
    assert_string_equal(fmt("[%wZ][%6wZ][%-6wZ][%.2wZ][%lZ]", &u, &u, &u, &u, &u), "[drv][   drv][drv   ][dr][drv]");
    UNICODE_STRING empty = {0, 0, NULL};
    UNICODE_STRING too_long = {8, 4, buffer};
    UNICODE_STRING odd = {3, 6, buffer};
    UNICODE_STRING no_buffer = {4, 4, NULL};
    assert_string_equal(fmt("[%wZ][%wZ][%wZ][%wZ][%wZ]", (UNICODE_STRING *)NULL, &empty, &too_long, &odd, &no_buffer),
                        "[(null)][(null)][(null)][(null)][(null)]");
    UNICODE_STRING zero_length = {0, sizeof(buffer), buffer};
    assert_string_equal(fmt("[%wZ]", &zero_length), "[]");
    WCHAR utf16[] = L"\u00FC\U0001F600";
    UNICODE_STRING u2 = {sizeof(utf16) - sizeof(WCHAR), sizeof(utf16), utf16};
    assert_string_equal(fmt("%wZ", &u2), "\xC3\xBC\xF0\x9F\x98\x80");

    char abuf[5] = {'a', 'n', 's', 'i', '!'};
    ANSI_STRING a = {4, 5, abuf};
    ANSI_STRING bad = {6, 5, abuf};
    assert_string_equal(fmt("[%Z][%hZ][%5Z][%.1Z][%Z][%Z]", &a, &a, &a, &a, (ANSI_STRING *)NULL, &bad),
                        "[ansi][ansi][ ansi][a][(null)][(null)]");
}

/* ---- Pointers and floats ------------------------------------------------- */

static void test_pointer_is_windows_style(void **state)
{
    (void)state;
    if (sizeof(void *) == 8) {
        assert_string_equal(fmt("%p", (void *)(uintptr_t)0xDEADBEEFu), "00000000DEADBEEF");
        assert_string_equal(fmt("%p", (void *)NULL), "0000000000000000");
        assert_string_equal(fmt("[%18p][%-18p]", (void *)(uintptr_t)0xABCu, (void *)(uintptr_t)0xABCu),
                            "[  0000000000000ABC][0000000000000ABC  ]");
        /* Flags other than '-' and precision do not change a pointer. */
        assert_string_equal(fmt("%+#.3p", (void *)(uintptr_t)1u), "0000000000000001");
    } else {
        assert_string_equal(fmt("%p", (void *)(uintptr_t)0xDEADBEEFu), "DEADBEEF");
    }
}

static void test_floats_use_c_digits(void **state)
{
    (void)state;
    assert_string_equal(fmt("%f|%.2f|%.0f|%#.0f", 3.5, 2.345, 2.5, 3.0), "3.500000|2.35|2|3.");
    assert_string_equal(fmt("%e|%E|%.1e", 12345.678, 0.00012, 5.0), "1.234568e+04|1.200000E-04|5.0e+00");
    assert_string_equal(fmt("%g|%G|%g", 0.0001, 1e-10, 100000.0), "0.0001|1E-10|100000");
    assert_string_equal(fmt("[%08.2f][%+08.2f][%-8.1f][% f][%+.1f]", 3.14159, -3.14159, 2.0, 1.0, 1.0),
                        "[00003.14][-0003.14][2.0     ][ 1.000000][+1.0]");
    assert_string_equal(fmt("[%10.3e]", 1234.5), "[ 1.234e+03]");
    assert_string_equal(fmt("%Lf|%d", (long double)2.5, 7), "2.500000|7");
    assert_string_equal(fmt("%F", 1.5), "1.500000");
    char expect[64];
    snprintf(expect, sizeof(expect), "%a|%.2A", 1.0, 3.0);
    assert_string_equal(fmt("%a|%.2A", 1.0, 3.0), expect);
    /* '0' never pads an infinity with zeros. */
    snprintf(expect, sizeof(expect), "%6f", (double)INFINITY);
    assert_string_equal(fmt("%06f", (double)INFINITY), expect);
    /* Long output goes through a heap buffer and is complete. */
    const char *big = fmt("%.300f", 1.0);
    assert_int_equal(strlen(big), 302);
    assert_memory_equal(big, "1.000", 5);
}

/* ---- Refusals ------------------------------------------------------------ */

static void test_percent_n_is_refused_and_reported(void **state)
{
    (void)state;
    int target = 12345;
    char out[32];
    size_t n = kmdfsim_rtl_snprintf(out, sizeof(out), "a%nb%d", &target, 5);
    assert_int_equal(n, 3);
    assert_string_equal(out, "ab5");
    assert_int_equal(target, 12345); /* nothing written through the pointer */
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "FORMAT_PERCENT_N");
    assert_string_equal(g_log.last_where, "kmdfsim_rtl_snprintf");
}

static size_t format_refused(char *out, size_t size, BOOLEAN *refused, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = kmdfsim_rtl_vsnprintf(out, size, format, args, "where", refused);
    va_end(args);
    return n;
}

static void test_unknown_conversion_stops_formatting(void **state)
{
    (void)state;
    char out[32];
    BOOLEAN refused = FALSE;
    format_refused(out, sizeof(out), &refused, "x%ky%d", 1);
    assert_string_equal(out, "x");
    assert_true(refused);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "FORMAT_INVALID");
    assert_string_equal(g_log.last_where, "where");

    refused = FALSE;
    format_refused(out, sizeof(out), &refused, "trailing %");
    assert_string_equal(out, "trailing ");
    assert_true(refused);
    assert_int_equal(g_log.errors, 2);

    refused = TRUE;
    format_refused(out, sizeof(out), &refused, "fine %d", 1);
    assert_false(refused);
    assert_int_equal(g_log.errors, 2);

    /* A format ending inside a conversion (after flags and width) is refused too. */
    format_refused(out, sizeof(out), &refused, "w%-5");
    assert_string_equal(out, "w");
    assert_true(refused);
    assert_int_equal(g_log.errors, 3);

    /* A NULL format produces nothing and is reported. */
    memset(out, '#', sizeof(out));
    assert_int_equal(format_refused(out, sizeof(out), &refused, NULL), 0);
    assert_string_equal(out, "");
    assert_true(refused);
    assert_int_equal(g_log.errors, 4);
    assert_string_equal(g_log.last_rule, "NULL_POINTER");
}

/* ---- Truncation and sizes ------------------------------------------------ */

static void test_truncation_reports_full_length(void **state)
{
    (void)state;
    char out[8];
    memset(out, '#', sizeof(out));
    assert_int_equal(kmdfsim_rtl_snprintf(out, 5, "hello %s", "world"), 11);
    assert_string_equal(out, "hell");
    assert_int_equal(out[5], '#');
    /* Size 0 stores nothing and still measures. */
    memset(out, '#', sizeof(out));
    assert_int_equal(kmdfsim_rtl_snprintf(out, 0, "%d", 123456), 6);
    assert_int_equal(out[0], '#');
    assert_int_equal(kmdfsim_rtl_snprintf(NULL, 0, "%ws", L"abc"), 3);
    /* A huge width is counted, not looped over byte by byte into the buffer. */
    assert_int_equal(kmdfsim_rtl_snprintf(out, sizeof(out), "%100000000d", 1), 100000000);
    assert_string_equal(out, "       ");
}

static kmdfsim_fmt_result vformat_into(char *out, size_t capacity, const char *format, ...)
{
    kmdfsim_fmt_result r;
    va_list args;
    va_start(args, format);
    kmdfsim_rtl_vformat(FALSE, out, capacity, format, args, "test", &r);
    va_end(args);
    return r;
}

static void test_vformat_stores_no_terminator(void **state)
{
    (void)state;
    char out[4] = {'#', '#', '#', '#'};
    kmdfsim_fmt_result r = vformat_into(out, 3, "%s", "abcdef");
    assert_int_equal(r.needed, 6);
    assert_int_equal(r.stored, 3);
    assert_false(r.refused);
    assert_memory_equal(out, "abc#", 4);
    r = vformat_into(out, 4, "xy");
    assert_int_equal(r.needed, 2);
    assert_int_equal(r.stored, 2);
    assert_memory_equal(out, "xyc#", 4);
    /* A NULL output measures only. */
    r = vformat_into(NULL, 0, "%d%s", 12345, "ab");
    assert_int_equal(r.needed, 7);
    assert_int_equal(r.stored, 0);
}

/* ---- Wide mode ----------------------------------------------------------- */

static void test_wide_mode_swaps_string_widths(void **state)
{
    (void)state;
    /* In a wide format %s/%c are wide and %S/%C/%hs narrow, as in wprintf. */
    assert_string_equal(wfmt(L"[%s][%S][%hs][%ws][%ls][%hS]", L"wide", "narrow", "h", L"w", L"l", "hS"),
                        W(L"[wide][narrow][h][w][l][hS]"));
    assert_string_equal(wfmt(L"[%c][%C][%hc][%wc][%lc]", (int)L'W', 'n', 'h', (int)L'w', (int)L'l'), W(L"[W][n][h][w][l]"));
    assert_string_equal(wfmt(L"[%s][%S]", (WCHAR *)NULL, (char *)NULL), W(L"[(null)][(null)]"));
    /* Narrow text is decoded as UTF-8 on its way into UTF-16. */
    assert_string_equal(wfmt(L"%S|%S", "\xC3\xA9\xF0\x9F\x98\x80", "a\xFF" "b"), W(L"\u00E9\U0001F600|a\uFFFDb"));
    /* Wide text is copied unit for unit, even a lone surrogate. */
    const WCHAR lone[] = {0xD800, 0};
    assert_string_equal(wfmt(L"%s", lone), "\\uD800");
}

static void test_wide_mode_numbers_and_counted_strings(void **state)
{
    (void)state;
    assert_string_equal(wfmt(L"%d %u %x %lu %ld %llx %05d %-4d|", -1, 2u, 0xABu, (ULONG)7, (LONG)-8, 0x1234567890ull, 42, 3),
                        W(L"-1 2 ab 7 -8 1234567890 00042 3   |"));
    WCHAR buffer[3] = {L'a', L'b', L'c'};
    UNICODE_STRING u = {sizeof(buffer), sizeof(buffer), buffer};
    char abuf[] = "ansi";
    ANSI_STRING a = {4, 5, abuf};
    assert_string_equal(wfmt(L"[%wZ][%Z][%5wZ]", &u, &a, &u), W(L"[abc][ansi][  abc]"));
    if (sizeof(void *) == 8)
        assert_string_equal(wfmt(L"%p", (void *)(uintptr_t)0xDEADBEEFu), W(L"00000000DEADBEEF"));
    assert_string_equal(wfmt(L"%.2f%%", 99.5), W(L"99.50%"));
    assert_string_equal(wfmt(L"\u00E9%s", L"\u4E2D"), W(L"\u00E9\u4E2D"));
}

static void test_wide_truncation(void **state)
{
    (void)state;
    WCHAR out[4];
    assert_int_equal(kmdfsim_rtl_snwprintf(out, 4, L"%s-%d", L"abc", 12), 6);
    assert_string_equal(escape_utf16(out, kmdfsim_wdk_wcslen(out)), "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_integers),
        cmocka_unit_test(test_integer_flags),
        cmocka_unit_test(test_integer_precision),
        cmocka_unit_test(test_star_width_and_precision),
        cmocka_unit_test(test_size_prefixes),
        cmocka_unit_test(test_narrow_characters),
        cmocka_unit_test(test_narrow_strings),
        cmocka_unit_test(test_wide_strings_in_narrow_output),
        cmocka_unit_test(test_counted_strings),
        cmocka_unit_test(test_pointer_is_windows_style),
        cmocka_unit_test(test_floats_use_c_digits),
        cmocka_unit_test_setup_teardown(test_percent_n_is_refused_and_reported, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_conversion_stops_formatting, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test(test_truncation_reports_full_length),
        cmocka_unit_test(test_vformat_stores_no_terminator),
        cmocka_unit_test(test_wide_mode_swaps_string_widths),
        cmocka_unit_test(test_wide_mode_numbers_and_counted_strings),
        cmocka_unit_test(test_wide_truncation),
    };
    return cmocka_run_group_tests_name("rtl_format", tests, NULL, NULL);
}
