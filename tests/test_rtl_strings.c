/*
 * Counted-string routines of the run-time library (wdm.h): initialisation,
 * copy, comparison, append, case mapping, integer and GUID conversion, ANSI
 * conversion with pool accounting, and the memory helpers.
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

#include <kmdfsim/pool.h>
#include <kmdfsim/status.h>
#include <kmdfsim/verifier.h>

#include "rtl/rtl_internal.h"
#include "rtl/wstr.h"

#define assert_status(actual, expected) assert_string_equal(kmdfsim_status_name(actual), kmdfsim_status_name(expected))

/* ---- Helpers ------------------------------------------------------------ */

static const char *us(const UNICODE_STRING *u)
{
    return escape_utf16(u->Buffer, u->Length / sizeof(WCHAR));
}

static void fill_w(WCHAR *w, size_t n, WCHAR value)
{
    for (size_t i = 0; i < n; i++)
        w[i] = value;
}

static ULONGLONG live_allocations(void)
{
    kmdfsim_pool_stats stats;
    kmdfsim_pool_total_stats(&stats);
    return stats.live_allocations;
}

/* ---- Initialisation ----------------------------------------------------- */

static void test_init_unicode_string(void **state)
{
    (void)state;
    UNICODE_STRING u;
    const WCHAR *text = L"Dev\u00EFce";
    RtlInitUnicodeString(&u, text);
    assert_int_equal(u.Length, 12);
    assert_int_equal(u.MaximumLength, 14);
    assert_ptr_equal(u.Buffer, text);
    RtlInitUnicodeString(&u, NULL);
    assert_int_equal(u.Length, 0);
    assert_int_equal(u.MaximumLength, 0);
    assert_null(u.Buffer);
    RtlInitUnicodeString(&u, L"");
    assert_int_equal(u.Length, 0);
    assert_int_equal(u.MaximumLength, 2);
}

static void test_init_unicode_string_clamps_long_strings(void **state)
{
    (void)state;
    static WCHAR big[40001];
    fill_w(big, 40000, L'x');
    big[40000] = 0;
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, big);
    assert_int_equal(u.Length, 0xFFFC);
    assert_int_equal(u.MaximumLength, 0xFFFE);
    assert_status(RtlInitUnicodeStringEx(&u, big), STATUS_NAME_TOO_LONG);
    assert_int_equal((ULONG)STATUS_NAME_TOO_LONG, 0xC0000106u);
    assert_int_equal(u.Length, 0);
    assert_null(u.Buffer);
    /* 32766 characters is the longest string that fits exactly. */
    big[32766] = 0;
    assert_status(RtlInitUnicodeStringEx(&u, big), STATUS_SUCCESS);
    assert_int_equal(u.Length, 65532);
    assert_int_equal(u.MaximumLength, 65534);
    big[32766] = L'x';
    big[32767] = 0;
    assert_status(RtlInitUnicodeStringEx(&u, big), STATUS_NAME_TOO_LONG);
    assert_status(RtlInitUnicodeStringEx(&u, NULL), STATUS_SUCCESS);
    assert_int_equal(u.MaximumLength, 0);
}

static void test_init_string(void **state)
{
    (void)state;
    STRING s;
    RtlInitString(&s, "abc");
    assert_int_equal(s.Length, 3);
    assert_int_equal(s.MaximumLength, 4);
    assert_string_equal(s.Buffer, "abc");
    ANSI_STRING a;
    RtlInitAnsiString(&a, NULL);
    assert_int_equal(a.Length, 0);
    assert_int_equal(a.MaximumLength, 0);
    assert_null(a.Buffer);
}

static void test_null_destination_is_reported(void **state)
{
    (void)state;
    RtlInitUnicodeString(NULL, L"x");
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "NULL_POINTER");
    assert_string_equal(g_log.last_where, "RtlInitUnicodeString");
    assert_status(RtlInitUnicodeStringEx(NULL, L"x"), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.errors, 2);
}

/* ---- Copy ---------------------------------------------------------------- */

static void test_copy_unicode_string(void **state)
{
    (void)state;
    WCHAR buf[5];
    fill_w(buf, 5, L'#');
    UNICODE_STRING d = {0, sizeof(buf), buf};
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, L"abc");
    RtlCopyUnicodeString(&d, &s);
    assert_int_equal(d.Length, 6);
    assert_string_equal(us(&d), "abc");
    assert_int_equal(buf[3], 0); /* terminated: there was room */
    /* Truncated to MaximumLength, no room left for a terminator. */
    RtlInitUnicodeString(&s, L"abcdefgh");
    RtlCopyUnicodeString(&d, &s);
    assert_int_equal(d.Length, 10);
    assert_string_equal(us(&d), "abcde");
    /* A NULL source empties the destination. */
    RtlCopyUnicodeString(&d, NULL);
    assert_int_equal(d.Length, 0);
    /* An odd MaximumLength copies whole characters only. */
    UNICODE_STRING odd = {0, 5, buf};
    RtlCopyUnicodeString(&odd, &s);
    assert_int_equal(odd.Length, 4);
}

static void test_copy_reports_malformed_source(void **state)
{
    (void)state;
    WCHAR buf[4] = {L'k', L'e', L'e', L'p'};
    UNICODE_STRING d = {4, sizeof(buf), buf};
    WCHAR src[2] = {L'a', L'b'};
    UNICODE_STRING bad = {400, 4, src};
    RtlCopyUnicodeString(&d, &bad);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "INVALID_UNICODE_STRING");
    assert_string_equal(g_log.last_where, "RtlCopyUnicodeString");
    assert_int_equal(d.Length, 4);
    assert_string_equal(us(&d), "ke");
}

/* ---- Compare ------------------------------------------------------------- */

static void test_compare_and_equal(void **state)
{
    (void)state;
    UNICODE_STRING a, b, c, upper;
    RtlInitUnicodeString(&a, L"Apple");
    RtlInitUnicodeString(&b, L"Apples");
    RtlInitUnicodeString(&c, L"Banana");
    RtlInitUnicodeString(&upper, L"APPLE");
    assert_int_equal(RtlCompareUnicodeString(&a, &a, FALSE), 0);
    assert_true(RtlCompareUnicodeString(&a, &b, FALSE) < 0);
    assert_true(RtlCompareUnicodeString(&b, &a, FALSE) > 0);
    assert_true(RtlCompareUnicodeString(&a, &c, FALSE) < 0);
    assert_true(RtlCompareUnicodeString(&upper, &a, FALSE) < 0); /* 'P' < 'p' */
    assert_int_equal(RtlCompareUnicodeString(&upper, &a, TRUE), 0);
    assert_true(RtlEqualUnicodeString(&upper, &a, TRUE));
    assert_false(RtlEqualUnicodeString(&upper, &a, FALSE));
    assert_false(RtlEqualUnicodeString(&a, &b, TRUE));

    /* Case-insensitive comparison folds beyond ASCII. */
    UNICODE_STRING e1, e2, r1, r2;
    RtlInitUnicodeString(&e1, L"\u00C9T\u00C9");
    RtlInitUnicodeString(&e2, L"\u00E9t\u00E9");
    RtlInitUnicodeString(&r1, L"\u0414\u0420\u0410\u0419\u0412\u0415\u0420"); /* ДРАЙВЕР */
    RtlInitUnicodeString(&r2, L"\u0434\u0440\u0430\u0439\u0432\u0435\u0440"); /* драйвер */
    assert_true(RtlEqualUnicodeString(&e1, &e2, TRUE));
    assert_true(RtlEqualUnicodeString(&r1, &r2, TRUE));
    assert_false(RtlEqualUnicodeString(&r1, &r2, FALSE));

    /* A counted string is compared for Length bytes only. */
    WCHAR raw[6] = {L'A', L'p', L'p', L'l', L'e', L'X'};
    UNICODE_STRING counted = {10, 12, raw};
    assert_true(RtlEqualUnicodeString(&counted, &a, FALSE));
}

static void test_prefix(void **state)
{
    (void)state;
    UNICODE_STRING pre, full, other;
    RtlInitUnicodeString(&pre, L"\\Device\\");
    RtlInitUnicodeString(&full, L"\\device\\Foo0");
    RtlInitUnicodeString(&other, L"\\Driver\\Foo");
    assert_true(RtlPrefixUnicodeString(&pre, &full, TRUE));
    assert_false(RtlPrefixUnicodeString(&pre, &full, FALSE));
    assert_false(RtlPrefixUnicodeString(&pre, &other, TRUE));
    assert_false(RtlPrefixUnicodeString(&full, &pre, TRUE)); /* longer than the string */
    UNICODE_STRING empty = {0, 0, NULL};
    assert_true(RtlPrefixUnicodeString(&empty, &full, FALSE));
}

/* ---- Append -------------------------------------------------------------- */

static void test_append_success_and_overflow_leaves_destination_unchanged(void **state)
{
    (void)state;
    WCHAR buf[6];
    fill_w(buf, 6, L'#');
    UNICODE_STRING d = {0, 8, buf}; /* 4 characters */
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, L"ab");
    assert_status(RtlAppendUnicodeStringToString(&d, &s), STATUS_SUCCESS);
    assert_string_equal(us(&d), "ab");
    assert_int_equal(buf[2], 0); /* terminated: room was left */
    assert_status(RtlAppendUnicodeToString(&d, L"c"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "abc");

    WCHAR before[6];
    memcpy(before, buf, sizeof(buf));
    assert_status(RtlAppendUnicodeStringToString(&d, &s), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(d.Length, 6);
    assert_memory_equal(buf, before, sizeof(buf));
    assert_status(RtlAppendUnicodeToString(&d, L"de"), STATUS_BUFFER_TOO_SMALL);
    assert_memory_equal(buf, before, sizeof(buf));
    assert_int_equal(d.Length, 6);

    /* An exact fit succeeds and writes no terminator beyond MaximumLength. */
    assert_status(RtlAppendUnicodeToString(&d, L"d"), STATUS_SUCCESS);
    assert_string_equal(us(&d), "abcd");
    assert_int_equal(buf[4], L'#');
    /* A NULL source appends nothing. */
    assert_status(RtlAppendUnicodeToString(&d, NULL), STATUS_SUCCESS);
    assert_int_equal(d.Length, 8);
}

/* ---- Case mapping -------------------------------------------------------- */

static void test_case_mapping(void **state)
{
    (void)state;
    static const struct {
        unsigned lower, upper;
    } pairs[] = {
        {'a', 'A'},       {'z', 'Z'},       {0xE9, 0xC9},   {0xFE, 0xDE},   {0xFF, 0x178},  {0x101, 0x100},
        {0x12F, 0x12E},   {0x133, 0x132},   {0x13A, 0x139}, {0x142, 0x141}, {0x148, 0x147}, {0x14B, 0x14A},
        {0x177, 0x176},   {0x17A, 0x179},   {0x17E, 0x17D}, {0x3B1, 0x391}, {0x3C9, 0x3A9}, {0x430, 0x410},
        {0x44F, 0x42F},   {0x451, 0x401},   {0x45F, 0x40F}, {0xFF41, 0xFF21},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        assert_int_equal(RtlUpcaseUnicodeChar((WCHAR)pairs[i].lower), pairs[i].upper);
        assert_int_equal(RtlDowncaseUnicodeChar((WCHAR)pairs[i].upper), pairs[i].lower);
        assert_int_equal(RtlUpcaseUnicodeChar((WCHAR)pairs[i].upper), pairs[i].upper);
        assert_int_equal(RtlDowncaseUnicodeChar((WCHAR)pairs[i].lower), pairs[i].lower);
    }
    /* Final sigma upcases to sigma; sigma downcases to the ordinary form. */
    assert_int_equal(RtlUpcaseUnicodeChar(0x3C2), 0x3A3);
    assert_int_equal(RtlDowncaseUnicodeChar(0x3A3), 0x3C3);
    /* No simple mapping: unchanged. */
    static const unsigned fixed[] = {'0', '_', 0xDF, 0xF7, 0xD7, 0xB5, 0x131, 0x130, 0x138, 0x149, 0x4E2D, 0xD800};
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        assert_int_equal(RtlUpcaseUnicodeChar((WCHAR)fixed[i]), fixed[i]);
        assert_int_equal(RtlDowncaseUnicodeChar((WCHAR)fixed[i]), fixed[i]);
    }
}

/* ---- Integers ------------------------------------------------------------ */

static void test_integer_to_unicode_string(void **state)
{
    (void)state;
    WCHAR buf[40];
    UNICODE_STRING u = {0, sizeof(buf), buf};
    static const struct {
        ULONG value, base;
        const char *text;
    } cases[] = {
        {0, 10, "0"},           {1234, 0, "1234"},          {4294967295u, 10, "4294967295"}, {255, 16, "FF"},
        {0xDEADBEEF, 16, "DEADBEEF"}, {8, 8, "10"},         {5, 2, "101"},
        {4294967295u, 2, "11111111111111111111111111111111"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_status(RtlIntegerToUnicodeString(cases[i].value, cases[i].base, &u), STATUS_SUCCESS);
        assert_string_equal(us(&u), cases[i].text);
        assert_int_equal(buf[u.Length / 2], 0);
    }
    assert_status(RtlIntegerToUnicodeString(1, 3, &u), STATUS_INVALID_PARAMETER);
    assert_status(RtlIntegerToUnicodeString(1, 36, &u), STATUS_INVALID_PARAMETER);

    WCHAR small[3];
    fill_w(small, 3, L'#');
    UNICODE_STRING s = {0, 4, small};
    assert_status(RtlIntegerToUnicodeString(123, 10, &s), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(s.Length, 0);
    assert_int_equal(small[0], L'#');
    /* Exactly fitting digits: no terminator beyond MaximumLength. */
    assert_status(RtlIntegerToUnicodeString(12, 10, &s), STATUS_SUCCESS);
    assert_string_equal(us(&s), "12");
    assert_int_equal(small[2], L'#');
}

static NTSTATUS to_integer(const WCHAR *text, ULONG base, ULONG *value)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, text);
    return RtlUnicodeStringToInteger(&u, base, value);
}

static void test_unicode_string_to_integer(void **state)
{
    (void)state;
    static const struct {
        const WCHAR *text;
        ULONG base;
        ULONG value;
    } cases[] = {
        /* The documentation's table. */
        {L"123", 10, 123},
        {L"  -345", 10, (ULONG)-345},
        {L"xyz", 10, 0},
        {L"   +678abc", 10, 678},
        {L"   +678abc", 16, 6785724},
        {L"007", 10, 7},
        {L"789", 8, 7},
        {L"FGH", 16, 15},
        {L"      ", 10, 0},
        /* Base 0 picks the base from the prefix. */
        {L"0x1F", 0, 31},
        {L"0o17", 0, 15},
        {L"0b101", 0, 5},
        {L"42", 0, 42},
        {L"-0x10", 0, (ULONG)-16},
        {L"\t 0b2", 0, 0},
        /* A prefix is not recognised when the base is given. */
        {L"0x1F", 16, 0},
        {L"1010", 2, 10},
        {L"ff", 16, 255},
        {L"4294967295", 10, 4294967295u},
        {L"4294967296", 10, 0}, /* wraps modulo 2^32 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ULONG value = 0xAAAAAAAAu;
        assert_status(to_integer(cases[i].text, cases[i].base, &value), STATUS_SUCCESS);
        assert_int_equal(value, cases[i].value);
    }
    ULONG value = 77;
    assert_status(to_integer(L"", 10, &value), STATUS_INVALID_PARAMETER);
    assert_status(to_integer(L"12", 7, &value), STATUS_INVALID_PARAMETER);
    assert_int_equal(value, 77);
    /* The counted length bounds the digits read. */
    WCHAR raw[4] = {L'1', L'2', L'3', L'4'};
    UNICODE_STRING counted = {4, 8, raw};
    assert_status(RtlUnicodeStringToInteger(&counted, 10, &value), STATUS_SUCCESS);
    assert_int_equal(value, 12);
}

/* ---- GUIDs --------------------------------------------------------------- */

static const GUID g_guid = {0x1234ABCDu, 0x5678, 0x9ABC, {0xDE, 0xF0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB}};

static void test_guid_round_trip(void **state)
{
    (void)state;
    ULONGLONG live = live_allocations();
    UNICODE_STRING s;
    assert_status(RtlStringFromGUID(&g_guid, &s), STATUS_SUCCESS);
    assert_int_equal(s.Length, 76);
    assert_int_equal(s.MaximumLength, 78);
    assert_string_equal(us(&s), "{1234ABCD-5678-9ABC-DEF0-0123456789AB}");
    assert_int_equal(s.Buffer[38], 0);
    assert_int_equal(live_allocations(), live + 1);
    kmdfsim_pool_stats tag_stats;
    assert_true(kmdfsim_pool_tag_stats(KMDFSIM_RTL_POOL_TAG, &tag_stats));
    assert_true(tag_stats.live_allocations >= 1);

    GUID back;
    memset(&back, 0, sizeof(back));
    assert_status(RtlGUIDFromString(&s, &back), STATUS_SUCCESS);
    assert_memory_equal(&back, &g_guid, sizeof(GUID));
    RtlFreeUnicodeString(&s);
    assert_null(s.Buffer);
    assert_int_equal(s.Length, 0);
    assert_int_equal(s.MaximumLength, 0);
    assert_int_equal(live_allocations(), live);
}

static void test_guid_from_string_rejects_malformed_text(void **state)
{
    (void)state;
    static const WCHAR *const bad[] = {
        L"1234ABCD-5678-9ABC-DEF0-0123456789AB",    /* no braces */
        L"{1234ABCD-5678-9ABC-DEF0-0123456789AB",   /* one short */
        L"{1234ABCD-5678-9ABC-DEF0-0123456789AB}x", /* one long */
        L"{1234ABCD-5678-9ABC-DEF0+0123456789AB}",  /* wrong separator */
        L"{1234ABCG-5678-9ABC-DEF0-0123456789AB}",  /* not hex */
        L"{1234ABCD-5678-9ABC-DEF0-0123456789A }",
        L"",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        UNICODE_STRING s;
        RtlInitUnicodeString(&s, bad[i]);
        GUID g = g_guid;
        assert_status(RtlGUIDFromString(&s, &g), STATUS_INVALID_PARAMETER);
        assert_memory_equal(&g, &g_guid, sizeof(GUID));
    }
    UNICODE_STRING lower;
    RtlInitUnicodeString(&lower, L"{1234abcd-5678-9abc-def0-0123456789ab}");
    GUID g;
    assert_status(RtlGUIDFromString(&lower, &g), STATUS_SUCCESS);
    assert_memory_equal(&g, &g_guid, sizeof(GUID));
}

static void test_guid_allocation_failure(void **state)
{
    (void)state;
    ULONGLONG live = live_allocations();
    UNICODE_STRING s = {0, 0, NULL};
    kmdfsim_pool_fail_after(KMDFSIM_RTL_POOL_TAG, 0);
    assert_status(RtlStringFromGUID(&g_guid, &s), STATUS_NO_MEMORY);
    kmdfsim_pool_fail_after(0, (ULONG)-1);
    assert_null(s.Buffer);
    assert_int_equal(live_allocations(), live);
}

/* ---- ANSI <-> Unicode ---------------------------------------------------- */

static void test_unicode_to_ansi_allocating(void **state)
{
    (void)state;
    ULONGLONG live = live_allocations();
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, L"caf\u00E9 \U0001F600!");
    ANSI_STRING a = {0, 0, NULL};
    assert_status(RtlUnicodeStringToAnsiString(&a, &u, TRUE), STATUS_SUCCESS);
    assert_int_equal(live_allocations(), live + 1);
    /* Outside ASCII every UTF-16 unit becomes '?'. */
    assert_int_equal(a.Length, 8);
    assert_int_equal(a.MaximumLength, 9);
    assert_memory_equal(a.Buffer, "caf? ?" "?!", 9);
    RtlFreeAnsiString(&a);
    assert_null(a.Buffer);
    assert_int_equal(a.Length, 0);
    assert_int_equal(a.MaximumLength, 0);
    assert_int_equal(live_allocations(), live);
}

static void test_ansi_to_unicode_allocating(void **state)
{
    (void)state;
    ULONGLONG live = live_allocations();
    ANSI_STRING a;
    RtlInitAnsiString(&a, "drv\xE9x");
    UNICODE_STRING u = {0, 0, NULL};
    assert_status(RtlAnsiStringToUnicodeString(&u, &a, TRUE), STATUS_SUCCESS);
    assert_int_equal(live_allocations(), live + 1);
    assert_int_equal(u.Length, 10);
    assert_int_equal(u.MaximumLength, 12);
    assert_string_equal(us(&u), "drv?x");
    assert_int_equal(u.Buffer[5], 0);
    RtlFreeUnicodeString(&u);
    assert_int_equal(live_allocations(), live);

    /* Empty source: a one-character (terminator only) allocation. */
    RtlInitAnsiString(&a, "");
    assert_status(RtlAnsiStringToUnicodeString(&u, &a, TRUE), STATUS_SUCCESS);
    assert_int_equal(u.Length, 0);
    assert_int_equal(u.MaximumLength, 2);
    RtlFreeUnicodeString(&u);
    assert_int_equal(live_allocations(), live);
}

static void test_conversion_into_caller_buffers(void **state)
{
    (void)state;
    ULONGLONG live = live_allocations();
    WCHAR wbuf[4];
    fill_w(wbuf, 4, L'#');
    UNICODE_STRING u = {0, sizeof(wbuf), wbuf};
    ANSI_STRING a;
    RtlInitAnsiString(&a, "abc");
    assert_status(RtlAnsiStringToUnicodeString(&u, &a, FALSE), STATUS_SUCCESS);
    assert_ptr_equal(u.Buffer, wbuf);
    assert_int_equal(u.MaximumLength, sizeof(wbuf));
    assert_string_equal(us(&u), "abc");
    assert_int_equal(wbuf[3], 0);
    /* Text plus terminator must fit; otherwise nothing is converted. */
    RtlInitAnsiString(&a, "abcd");
    assert_status(RtlAnsiStringToUnicodeString(&u, &a, FALSE), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(u.Length, 6);
    assert_string_equal(us(&u), "abc");

    char abuf[4];
    memset(abuf, '#', sizeof(abuf));
    ANSI_STRING out = {0, sizeof(abuf), abuf};
    UNICODE_STRING src;
    RtlInitUnicodeString(&src, L"xyz");
    assert_status(RtlUnicodeStringToAnsiString(&out, &src, FALSE), STATUS_SUCCESS);
    assert_memory_equal(abuf, "xyz", 4);
    RtlInitUnicodeString(&src, L"wxyz");
    memset(abuf, '#', sizeof(abuf));
    out.Length = 0;
    assert_status(RtlUnicodeStringToAnsiString(&out, &src, FALSE), STATUS_BUFFER_OVERFLOW);
    assert_int_equal(out.Length, 0);
    assert_int_equal(abuf[0], '#');
    assert_int_equal(live_allocations(), live);
}

static void test_conversion_allocation_failure(void **state)
{
    (void)state;
    ULONGLONG live = live_allocations();
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, L"text");
    ANSI_STRING a = {0, 0, NULL};
    kmdfsim_pool_fail_after(KMDFSIM_RTL_POOL_TAG, 0);
    assert_status(RtlUnicodeStringToAnsiString(&a, &u, TRUE), STATUS_NO_MEMORY);
    kmdfsim_pool_fail_after(0, (ULONG)-1);
    assert_null(a.Buffer);
    assert_int_equal(live_allocations(), live);
}

static void test_conversion_reports_bad_arguments(void **state)
{
    (void)state;
    ANSI_STRING a = {0, 0, NULL};
    WCHAR w[2] = {L'a', L'b'};
    UNICODE_STRING bad = {6, 4, w};
    assert_status(RtlUnicodeStringToAnsiString(&a, &bad, TRUE), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.errors, 1);
    assert_string_equal(g_log.last_rule, "INVALID_UNICODE_STRING");
    assert_status(RtlUnicodeStringToAnsiString(NULL, &bad, TRUE), STATUS_INVALID_PARAMETER);
    assert_string_equal(g_log.last_rule, "NULL_POINTER");
    char c[2] = {'x', 'y'};
    ANSI_STRING bad_ansi = {5, 2, c};
    UNICODE_STRING u = {0, 0, NULL};
    assert_status(RtlAnsiStringToUnicodeString(&u, &bad_ansi, TRUE), STATUS_INVALID_PARAMETER);
    assert_string_equal(g_log.last_rule, "INVALID_ANSI_STRING");
    assert_int_equal(g_log.errors, 3);
    /* Freeing an empty string is harmless. */
    RtlFreeUnicodeString(&u);
    RtlFreeAnsiString(&a);
    assert_int_equal(g_log.errors, 3);
}

/* ---- Memory -------------------------------------------------------------- */

static void test_memory_helpers(void **state)
{
    (void)state;
    assert_int_equal(RtlCompareMemory("abcdef", "abcxef", 6), 3);
    assert_int_equal(RtlCompareMemory("abc", "abc", 3), 3);
    assert_int_equal(RtlCompareMemory("abc", "xbc", 3), 0);
    assert_int_equal(RtlCompareMemory(NULL, NULL, 0), 0);
    unsigned char secret[8];
    memset(secret, 0x5A, sizeof(secret));
    assert_ptr_equal(RtlSecureZeroMemory(secret, 6), secret);
    assert_memory_equal(secret, "\0\0\0\0\0\0\x5A\x5A", 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_unicode_string),
        cmocka_unit_test(test_init_unicode_string_clamps_long_strings),
        cmocka_unit_test(test_init_string),
        cmocka_unit_test_setup_teardown(test_null_destination_is_reported, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test(test_copy_unicode_string),
        cmocka_unit_test_setup_teardown(test_copy_reports_malformed_source, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test(test_compare_and_equal),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_append_success_and_overflow_leaves_destination_unchanged),
        cmocka_unit_test(test_case_mapping),
        cmocka_unit_test(test_integer_to_unicode_string),
        cmocka_unit_test(test_unicode_string_to_integer),
        cmocka_unit_test(test_guid_round_trip),
        cmocka_unit_test(test_guid_from_string_rejects_malformed_text),
        cmocka_unit_test(test_guid_allocation_failure),
        cmocka_unit_test(test_unicode_to_ansi_allocating),
        cmocka_unit_test(test_ansi_to_unicode_allocating),
        cmocka_unit_test(test_conversion_into_caller_buffers),
        cmocka_unit_test(test_conversion_allocation_failure),
        cmocka_unit_test_setup_teardown(test_conversion_reports_bad_arguments, capture_reports_setup, release_reports_teardown),
        cmocka_unit_test(test_memory_helpers),
    };
    return cmocka_run_group_tests_name("rtl_strings", tests, NULL, NULL);
}
