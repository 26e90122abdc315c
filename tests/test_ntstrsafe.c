/*
 * ntstrsafe.h: every family's success, truncation and invalid-parameter
 * results, with the exact bytes left in the destination.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <stdio.h>
#include <string.h>
#include <wdm.h>
#include <ntstrsafe.h>

#include <kmdfsim/status.h>
#include <kmdfsim/verifier.h>

#include "rtl/wstr.h"

#define assert_status(actual, expected) assert_string_equal(kmdfsim_status_name(actual), kmdfsim_status_name(expected))

/* ---- Helpers ------------------------------------------------------------ */

/* A NUL-terminated wide string, escaped. */
static const char *wz(const WCHAR *w)
{
    return escape_utf16(w, kmdfsim_wdk_wcslen(w));
}

/* The text of a UNICODE_STRING (Length bytes), escaped. */
static const char *us(const UNICODE_STRING *u)
{
    return escape_utf16(u->Buffer, u->Length / sizeof(WCHAR));
}

static void fill_w(WCHAR *w, size_t n, WCHAR value)
{
    for (size_t i = 0; i < n; i++)
        w[i] = value;
}

/* ---- Header ------------------------------------------------------------- */

static void test_limits(void **state)
{
    (void)state;
    assert_int_equal(NTSTRSAFE_MAX_CCH, 2147483647);
    assert_int_equal(NTSTRSAFE_UNICODE_STRING_MAX_CCH, 32767);
    assert_int_equal(STRSAFE_FILL_BYTE(0x1AB), 0x2AB);
}

/* ---- Copy ---------------------------------------------------------------- */

static void test_cch_copy_a(void **state)
{
    (void)state;
    char d[6];
    memset(d, '#', sizeof(d));
    assert_status(RtlStringCchCopyA(d, sizeof(d), "hello"), STATUS_SUCCESS);
    assert_memory_equal(d, "hello", 6);
    memset(d, '#', sizeof(d));
    assert_status(RtlStringCchCopyA(d, 4, "hello"), STATUS_BUFFER_OVERFLOW);
    assert_memory_equal(d, "hel\0##", 6);
    assert_status(RtlStringCchCopyA(d, 1, "x"), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(d[0], '\0');
    /* Bad sizes and NULL destinations leave the buffer alone. */
    memset(d, '#', sizeof(d));
    assert_status(RtlStringCchCopyA(d, 0, "x"), STATUS_INVALID_PARAMETER);
    assert_status(RtlStringCchCopyA(d, (size_t)NTSTRSAFE_MAX_CCH + 1, "x"), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], '#');
    assert_status(RtlStringCchCopyA(NULL, 5, "x"), STATUS_INVALID_PARAMETER);
    /* A NULL source leaves an empty string. */
    assert_status(RtlStringCchCopyA(d, sizeof(d), NULL), STATUS_INVALID_PARAMETER);
    assert_memory_equal(d, "\0#####", 6);
}

static void test_cch_copy_w(void **state)
{
    (void)state;
    WCHAR d[6];
    fill_w(d, 6, L'#');
    assert_status(RtlStringCchCopyW(d, 6, L"hello"), STATUS_SUCCESS);
    assert_string_equal(wz(d), "hello");
    fill_w(d, 6, L'#');
    assert_status(RtlStringCchCopyW(d, 4, L"h\u00E9llo"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(d), "h\\u00E9l");
    assert_int_equal(d[4], L'#');
    assert_status(RtlStringCchCopyW(d, 0, L"x"), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], L'h');
    assert_status(RtlStringCchCopyW(d, 6, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], 0);
}

static void test_cb_copy(void **state)
{
    (void)state;
    char a[4];
    assert_status(RtlStringCbCopyA(a, sizeof(a), "abcdef"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "abc");
    WCHAR w[4];
    fill_w(w, 4, L'#');
    /* 7 bytes hold 3 WCHARs: two characters and the terminator. */
    assert_status(RtlStringCbCopyW(w, 7, L"abcdef"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(w), "ab");
    assert_int_equal(w[3], L'#');
    assert_status(RtlStringCbCopyW(w, sizeof(w), L"xyz"), STATUS_SUCCESS);
    assert_string_equal(wz(w), "xyz");
    /* One byte holds no WCHAR at all. */
    assert_status(RtlStringCbCopyW(w, 1, L"x"), STATUS_INVALID_PARAMETER);
    assert_string_equal(wz(w), "xyz");
    assert_status(RtlStringCbCopyW(w, (size_t)NTSTRSAFE_MAX_CCH * sizeof(WCHAR) + 2, L"x"), STATUS_INVALID_PARAMETER);
}

static void test_copy_n(void **state)
{
    (void)state;
    char a[8];
    assert_status(RtlStringCchCopyNA(a, sizeof(a), "abcdef", 3), STATUS_SUCCESS);
    assert_string_equal(a, "abc");
    assert_status(RtlStringCchCopyNA(a, sizeof(a), "ab", 5), STATUS_SUCCESS);
    assert_string_equal(a, "ab");
    assert_status(RtlStringCchCopyNA(a, 4, "abcdef", 5), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "abc");
    /* Copying exactly cchDest characters leaves no room for the NUL. */
    assert_status(RtlStringCchCopyNA(a, 4, "abcd", 4), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "abc");
    assert_status(RtlStringCchCopyNA(a, sizeof(a), "abc", (size_t)NTSTRSAFE_MAX_CCH + 1), STATUS_INVALID_PARAMETER);
    assert_string_equal(a, "");
    /* The count bounds the read: an unterminated source is fine. */
    const char raw[3] = {'x', 'y', 'z'};
    assert_status(RtlStringCchCopyNA(a, sizeof(a), raw, 3), STATUS_SUCCESS);
    assert_string_equal(a, "xyz");
    assert_status(RtlStringCbCopyNA(a, sizeof(a), raw, 2), STATUS_SUCCESS);
    assert_string_equal(a, "xy");

    WCHAR w[8];
    const WCHAR wraw[3] = {L'p', L'q', L'r'};
    assert_status(RtlStringCchCopyNW(w, 8, wraw, 3), STATUS_SUCCESS);
    assert_string_equal(wz(w), "pqr");
    assert_status(RtlStringCchCopyNW(w, 3, wraw, 3), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(w), "pq");
    /* CbCopyN counts bytes of the source too: 4 bytes = 2 WCHARs. */
    assert_status(RtlStringCbCopyNW(w, sizeof(w), wraw, 4), STATUS_SUCCESS);
    assert_string_equal(wz(w), "pq");
    assert_status(RtlStringCbCopyNW(w, sizeof(w), NULL, 4), STATUS_INVALID_PARAMETER);
    assert_string_equal(wz(w), "");
}

/* ---- Cat ----------------------------------------------------------------- */

static void test_cat_a(void **state)
{
    (void)state;
    char d[8] = "abc";
    assert_status(RtlStringCchCatA(d, sizeof(d), "de"), STATUS_SUCCESS);
    assert_string_equal(d, "abcde");
    assert_status(RtlStringCchCatA(d, sizeof(d), "fghij"), STATUS_BUFFER_OVERFLOW);
    assert_memory_equal(d, "abcdefg", 8);
    /* Full: an empty source still succeeds, anything else overflows without change. */
    assert_status(RtlStringCchCatA(d, sizeof(d), ""), STATUS_SUCCESS);
    assert_status(RtlStringCchCatA(d, sizeof(d), "x"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(d, "abcdefg");
    /* No NUL within cchDest: refused, untouched. */
    char unterminated[4] = {'w', 'x', 'y', 'z'};
    assert_status(RtlStringCchCatA(unterminated, sizeof(unterminated), "a"), STATUS_INVALID_PARAMETER);
    assert_memory_equal(unterminated, "wxyz", 4);
    assert_status(RtlStringCchCatA(d, sizeof(d), NULL), STATUS_INVALID_PARAMETER);
    assert_string_equal(d, "abcdefg");
    assert_status(RtlStringCchCatA(d, 0, "x"), STATUS_INVALID_PARAMETER);
    char small[6] = "ab";
    assert_status(RtlStringCbCatA(small, sizeof(small), "cdefgh"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(small, "abcde");
}

static void test_cat_w(void **state)
{
    (void)state;
    WCHAR d[6] = L"ab";
    assert_status(RtlStringCchCatW(d, 6, L"c"), STATUS_SUCCESS);
    assert_string_equal(wz(d), "abc");
    assert_status(RtlStringCchCatW(d, 6, L"\u00E9fgh"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(d), "abc\\u00E9f");
    WCHAR e[6] = L"x";
    /* 8 bytes = 4 WCHARs. */
    assert_status(RtlStringCbCatW(e, 8, L"yzw"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(e), "xyz");
    assert_int_equal(e[4], 0); /* from the initializer: untouched */
    WCHAR full[2] = {L'a', L'b'};
    assert_status(RtlStringCchCatW(full, 2, L"c"), STATUS_INVALID_PARAMETER);
    assert_int_equal(full[1], L'b');
}

/* ---- Length -------------------------------------------------------------- */

static void test_length(void **state)
{
    (void)state;
    size_t n = 99;
    assert_status(RtlStringCchLengthA("abc", 4, &n), STATUS_SUCCESS);
    assert_int_equal(n, 3);
    /* The NUL must be within cchMax. */
    n = 99;
    assert_status(RtlStringCchLengthA("abc", 3, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    assert_status(RtlStringCchLengthA("", 0, &n), STATUS_INVALID_PARAMETER);
    assert_status(RtlStringCchLengthA(NULL, 10, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    assert_status(RtlStringCchLengthA("abc", (size_t)NTSTRSAFE_MAX_CCH + 1, &n), STATUS_INVALID_PARAMETER);
    assert_status(RtlStringCchLengthA("abc", NTSTRSAFE_MAX_CCH, NULL), STATUS_SUCCESS);

    assert_status(RtlStringCchLengthW(L"\u00E9t\u00E9", 10, &n), STATUS_SUCCESS);
    assert_int_equal(n, 3);
    const WCHAR raw[2] = {L'a', L'b'};
    assert_status(RtlStringCchLengthW(raw, 2, &n), STATUS_INVALID_PARAMETER);

    assert_status(RtlStringCbLengthA("abcd", 5, &n), STATUS_SUCCESS);
    assert_int_equal(n, 4);
    assert_status(RtlStringCbLengthW(L"abcd", 10, &n), STATUS_SUCCESS);
    assert_int_equal(n, 8); /* bytes */
    assert_status(RtlStringCbLengthW(L"abcd", 9, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(n, 0);
}

/* ---- Printf -------------------------------------------------------------- */

static NTSTATUS vprintf_a(char *d, size_t cch, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS s = RtlStringCchVPrintfA(d, cch, format, args);
    va_end(args);
    return s;
}

static NTSTATUS vprintf_w(WCHAR *d, size_t cch, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS s = RtlStringCchVPrintfW(d, cch, format, args);
    va_end(args);
    return s;
}

static NTSTATUS cb_vprintf_a(char *d, size_t cb, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS s = RtlStringCbVPrintfA(d, cb, format, args);
    va_end(args);
    return s;
}

static NTSTATUS cb_vprintf_w(WCHAR *d, size_t cb, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS s = RtlStringCbVPrintfW(d, cb, format, args);
    va_end(args);
    return s;
}

static void test_printf_a(void **state)
{
    (void)state;
    char d[16];
    memset(d, '#', sizeof(d));
    assert_status(RtlStringCchPrintfA(d, sizeof(d), "%s=%I64u %ws", "n", (ULONGLONG)5, L"\u00E9"), STATUS_SUCCESS);
    assert_string_equal(d, "n=5 \xC3\xA9");
    memset(d, '#', sizeof(d));
    assert_status(RtlStringCchPrintfA(d, 6, "%d-%d", 1234, 5678), STATUS_BUFFER_OVERFLOW);
    assert_memory_equal(d, "1234-\0#", 7);
    assert_status(RtlStringCbPrintfA(d, 4, "%x", 0xABCDEu), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(d, "abc");
    assert_status(vprintf_a(d, sizeof(d), "[%5s]", "ab"), STATUS_SUCCESS);
    assert_string_equal(d, "[   ab]");
    assert_status(cb_vprintf_a(d, 3, "%d", 100), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(d, "10");
    memset(d, '#', sizeof(d));
    assert_status(RtlStringCchPrintfA(d, 0, "x"), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], '#');
    assert_status(RtlStringCchPrintfA(NULL, 4, "x"), STATUS_INVALID_PARAMETER);
    assert_status(RtlStringCchPrintfA(d, sizeof(d), NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], '\0');
    /* An output that fits exactly succeeds. */
    assert_status(RtlStringCchPrintfA(d, 4, "abc"), STATUS_SUCCESS);
    assert_string_equal(d, "abc");
}

static void test_printf_w(void **state)
{
    (void)state;
    WCHAR d[16];
    /* Wide format: %s and %c are wide, %S/%hs narrow. */
    assert_status(RtlStringCchPrintfW(d, 16, L"%s|%S|%hs|%c", L"w", "n", "h", (int)L'c'), STATUS_SUCCESS);
    assert_string_equal(wz(d), "w|n|h|c");
    fill_w(d, 16, L'#');
    assert_status(RtlStringCchPrintfW(d, 5, L"%08X", 0xBEEFu), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(d), "0000");
    assert_int_equal(d[5], L'#');
    /* 10 bytes = 5 WCHARs. */
    assert_status(RtlStringCbPrintfW(d, 10, L"%ws", L"abcdefg"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(d), "abcd");
    assert_status(vprintf_w(d, 16, L"%u%%", 50u), STATUS_SUCCESS);
    assert_string_equal(wz(d), "50%");
    assert_status(cb_vprintf_w(d, 4, L"%d", 123), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(wz(d), "1");
    assert_status(RtlStringCchPrintfW(d, 16, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], 0);
}

static void test_printf_percent_n_fails_with_empty_result(void **state)
{
    (void)state;
    char d[16];
    int target = 7;
    assert_status(RtlStringCchPrintfA(d, sizeof(d), "ab%ncd", &target), STATUS_INVALID_PARAMETER);
    assert_string_equal(d, "");
    assert_int_equal(target, 7);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "FORMAT_PERCENT_N");
    assert_string_equal(g_log.last_where, "RtlStringCchPrintfA");

    WCHAR w[8];
    assert_status(RtlStringCbPrintfW(w, sizeof(w), L"%q"), STATUS_INVALID_PARAMETER);
    assert_int_equal(w[0], 0);
    assert_int_equal(g_log.errors, 2);
    assert_string_equal(g_log.last_rule, "FORMAT_INVALID");
}

/* ---- UNICODE_STRING ------------------------------------------------------ */

static void test_unicode_string_init(void **state)
{
    (void)state;
    WCHAR junk[2] = {L'j', 0};
    UNICODE_STRING u = {1, 1, junk};
    assert_status(RtlUnicodeStringInit(&u, NULL), STATUS_SUCCESS);
    assert_int_equal(u.Length, 0);
    assert_int_equal(u.MaximumLength, 0);
    assert_null(u.Buffer);
    const WCHAR *text = L"driver";
    assert_status(RtlUnicodeStringInit(&u, text), STATUS_SUCCESS);
    assert_int_equal(u.Length, 12);
    assert_int_equal(u.MaximumLength, 14);
    assert_ptr_equal(u.Buffer, text);
    assert_status(RtlUnicodeStringInit(NULL, text), STATUS_INVALID_PARAMETER);

    static WCHAR big[32768];
    fill_w(big, 32767, L'a');
    big[32767] = 0;
    /* 32767 characters need a MaximumLength of 65536: too long. */
    assert_status(RtlUnicodeStringInit(&u, big), STATUS_INVALID_PARAMETER);
    assert_int_equal(u.Length, 0);
    assert_null(u.Buffer);
    big[32766] = 0;
    assert_status(RtlUnicodeStringInit(&u, big), STATUS_SUCCESS);
    assert_int_equal(u.Length, 65532);
    assert_int_equal(u.MaximumLength, 65534);
}

static void test_unicode_string_validate(void **state)
{
    (void)state;
    WCHAR b[4];
    UNICODE_STRING ok = {4, 8, b};
    UNICODE_STRING empty = {0, 0, NULL};
    UNICODE_STRING odd_length = {3, 8, b};
    UNICODE_STRING odd_max = {4, 7, b};
    UNICODE_STRING too_long = {8, 4, b};
    UNICODE_STRING huge = {0, 65535, b};
    UNICODE_STRING no_buffer = {0, 2, NULL};
    assert_status(RtlUnicodeStringValidate(&ok), STATUS_SUCCESS);
    assert_status(RtlUnicodeStringValidate(&empty), STATUS_SUCCESS);
    assert_status(RtlUnicodeStringValidate(&odd_length), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringValidate(&odd_max), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringValidate(&too_long), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringValidate(&huge), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringValidate(&no_buffer), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringValidate(NULL), STATUS_INVALID_PARAMETER);
    /* Validate is a query: it reports nothing to the verifier. */
    assert_int_equal(g_log.count, 0);
}

static void test_unicode_string_copy(void **state)
{
    (void)state;
    WCHAR buf[4];
    fill_w(buf, 4, L'#');
    UNICODE_STRING d = {0, sizeof(buf), buf};
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, L"ab");
    assert_status(RtlUnicodeStringCopy(&d, &s), STATUS_SUCCESS);
    assert_int_equal(d.Length, 4);
    assert_string_equal(us(&d), "ab");
    assert_int_equal(buf[2], L'#'); /* no terminator is written */
    RtlInitUnicodeString(&s, L"abcdef");
    assert_status(RtlUnicodeStringCopy(&d, &s), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(d.Length, 8);
    assert_string_equal(us(&d), "abcd");

    assert_status(RtlUnicodeStringCopyString(&d, L"xy"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "xy");
    assert_status(RtlUnicodeStringCopyString(&d, L"12345"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(us(&d), "1234");
    assert_status(RtlUnicodeStringCopyString(&d, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(d.Length, 0);
    assert_status(RtlUnicodeStringCopy(NULL, &s), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringCopy(&d, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.count, 0); /* NULL pointers have a documented status, no report */

    /* A zero-capacity destination overflows on any text. */
    UNICODE_STRING none = {0, 0, NULL};
    assert_status(RtlUnicodeStringCopyString(&none, L"a"), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(none.Length, 0);
    assert_status(RtlUnicodeStringCopyString(&none, L""), STATUS_SUCCESS);
}

static void test_unicode_string_copy_reports_malformed_strings(void **state)
{
    (void)state;
    WCHAR buf[4] = {L'q', L'q', L'q', L'q'};
    UNICODE_STRING d = {2, sizeof(buf), buf};
    WCHAR src[2] = {L'a', L'b'};
    UNICODE_STRING bad_source = {40, 4, src}; /* Length > MaximumLength: a driver bug */
    assert_status(RtlUnicodeStringCopy(&d, &bad_source), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "INVALID_UNICODE_STRING");
    assert_string_equal(g_log.last_where, "RtlUnicodeStringCopy");
    assert_ptr_equal(g_log.last_handle, &bad_source);
    assert_int_equal(d.Length, 0);
    assert_int_equal(buf[0], L'q');

    UNICODE_STRING bad_dest = {0, 8, NULL};
    UNICODE_STRING s = {4, 4, src};
    assert_status(RtlUnicodeStringCopy(&bad_dest, &s), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.errors, 2);
    assert_status(RtlUnicodeStringCat(&bad_dest, &s), STATUS_INVALID_PARAMETER);
    assert_status(RtlUnicodeStringPrintf(&bad_dest, L"x"), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.errors, 4);
}

static void test_unicode_string_cat(void **state)
{
    (void)state;
    WCHAR buf[5];
    fill_w(buf, 5, L'#');
    UNICODE_STRING d = {0, 10, buf};
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, L"ab");
    assert_status(RtlUnicodeStringCat(&d, &s), STATUS_SUCCESS);
    assert_status(RtlUnicodeStringCatString(&d, L"c"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "abc");
    assert_int_equal(buf[3], L'#');
    assert_status(RtlUnicodeStringCat(&d, &s), STATUS_SUCCESS);
    assert_int_equal(d.Length, 10);
    assert_string_equal(us(&d), "abcab");
    /* Full: overflow, nothing changes. */
    assert_status(RtlUnicodeStringCatString(&d, L"z"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(us(&d), "abcab");
    assert_status(RtlUnicodeStringCatString(&d, L""), STATUS_SUCCESS);
    d.Length = 6;
    assert_status(RtlUnicodeStringCatString(&d, L"xyz"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(us(&d), "abcxy");
    assert_status(RtlUnicodeStringCatString(&d, NULL), STATUS_INVALID_PARAMETER);
    assert_string_equal(us(&d), "abcxy"); /* Cat failures leave the destination alone */
}

static NTSTATUS unicode_vprintf(PUNICODE_STRING d, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS s = RtlUnicodeStringVPrintf(d, format, args);
    va_end(args);
    return s;
}

/* The conversions the issue requires of RtlUnicodeStringPrintf, one by one. */
static void test_unicode_string_printf_required_conversions(void **state)
{
    (void)state;
    WCHAR buf[64];
    UNICODE_STRING d = {0, sizeof(buf), buf};
    assert_status(RtlUnicodeStringPrintf(&d, L"%ws", L"Dev\u00EFce"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "Dev\\u00EFce");
    assert_status(RtlUnicodeStringPrintf(&d, L"%s", L"wide"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "wide");
    assert_status(RtlUnicodeStringPrintf(&d, L"%d", -42), STATUS_SUCCESS);
    assert_string_equal(us(&d), "-42");
    assert_status(RtlUnicodeStringPrintf(&d, L"%u", 4000000000u), STATUS_SUCCESS);
    assert_string_equal(us(&d), "4000000000");
    assert_status(RtlUnicodeStringPrintf(&d, L"%x", 0xC0FFEEu), STATUS_SUCCESS);
    assert_string_equal(us(&d), "c0ffee");
    assert_status(RtlUnicodeStringPrintf(&d, L"%lu", (ULONG)4294967295u), STATUS_SUCCESS);
    assert_string_equal(us(&d), "4294967295");
    assert_status(RtlUnicodeStringPrintf(&d, L"%ld", (LONG)-2147483647 - 1), STATUS_SUCCESS);
    assert_string_equal(us(&d), "-2147483648");
    assert_status(RtlUnicodeStringPrintf(&d, L"%llx", 0xFEDCBA9876543210ull), STATUS_SUCCESS);
    assert_string_equal(us(&d), "fedcba9876543210");
    assert_status(RtlUnicodeStringPrintf(&d, L"%p", (void *)(uintptr_t)0xDEADBEEFu), STATUS_SUCCESS);
    assert_string_equal(us(&d), sizeof(void *) == 8 ? "00000000DEADBEEF" : "DEADBEEF");
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, L"Instance");
    assert_status(RtlUnicodeStringPrintf(&d, L"%wZ_%d: %S", &name, 3, "ok"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "Instance_3: ok");
    assert_status(unicode_vprintf(&d, L"%s-%lu", L"v", (ULONG)9), STATUS_SUCCESS);
    assert_string_equal(us(&d), "v-9");
}

static void test_unicode_string_printf_truncation(void **state)
{
    (void)state;
    WCHAR buf[6];
    fill_w(buf, 6, L'#');
    UNICODE_STRING d = {0, 8, buf}; /* 4 characters */
    assert_status(RtlUnicodeStringPrintf(&d, L"%d", 1234), STATUS_SUCCESS);
    assert_int_equal(d.Length, 8);
    assert_string_equal(us(&d), "1234");
    assert_int_equal(buf[4], L'#'); /* exactly full; no terminator needed or written */
    assert_status(RtlUnicodeStringPrintf(&d, L"%s=%d", L"key", 77), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(d.Length, 8);
    assert_string_equal(us(&d), "key=");
    assert_int_equal(buf[4], L'#');
    UNICODE_STRING none = {0, 0, NULL};
    assert_status(RtlUnicodeStringPrintf(&none, L""), STATUS_SUCCESS);
    assert_status(RtlUnicodeStringPrintf(&none, L"%d", 1), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(none.Length, 0);
    assert_status(RtlUnicodeStringPrintf(&d, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(d.Length, 0);
    assert_status(RtlUnicodeStringPrintf(NULL, L"x"), STATUS_INVALID_PARAMETER);
}

static void test_unicode_string_printf_refuses_percent_n(void **state)
{
    (void)state;
    WCHAR buf[16];
    UNICODE_STRING d = {0, sizeof(buf), buf};
    int target = 1;
    assert_status(RtlUnicodeStringPrintf(&d, L"abc%n", &target), STATUS_INVALID_PARAMETER);
    assert_int_equal(d.Length, 0);
    assert_int_equal(target, 1);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "FORMAT_PERCENT_N");
    assert_string_equal(g_log.last_where, "RtlUnicodeStringPrintf");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_cch_copy_a),
        cmocka_unit_test(test_cch_copy_w),
        cmocka_unit_test(test_cb_copy),
        cmocka_unit_test(test_copy_n),
        cmocka_unit_test(test_cat_a),
        cmocka_unit_test(test_cat_w),
        cmocka_unit_test(test_length),
        cmocka_unit_test(test_printf_a),
        cmocka_unit_test(test_printf_w),
        cmocka_unit_test_setup_teardown(test_printf_percent_n_fails_with_empty_result, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test(test_unicode_string_init),
        cmocka_unit_test_setup_teardown(test_unicode_string_validate, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test_setup_teardown(test_unicode_string_copy, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test_setup_teardown(test_unicode_string_copy_reports_malformed_strings, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test(test_unicode_string_cat),
        cmocka_unit_test(test_unicode_string_printf_required_conversions),
        cmocka_unit_test(test_unicode_string_printf_truncation),
        cmocka_unit_test_setup_teardown(test_unicode_string_printf_refuses_percent_n, capture_reports_setup, release_reports_teardown),
    };
    return cmocka_run_group_tests_name("ntstrsafe", tests, NULL, NULL);
}
