/* 16-bit wide-string routines: C semantics on UTF-16 units, whatever the host's wchar_t. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <wdm.h>

#include "rtl/wstr.h"

static void test_wcslen_counts_16_bit_units(void **state)
{
    (void)state;
    assert_int_equal(sizeof(WCHAR), 2);
    assert_int_equal(kmdfsim_wdk_wcslen(L""), 0);
    assert_int_equal(kmdfsim_wdk_wcslen(L"abc"), 3);
    /* A surrogate pair is two units. */
    assert_int_equal(kmdfsim_wdk_wcslen(L"a\U0001F600b"), 4);
#if !defined(_WIN32)
    /* Driver code calls the plain names; wdm.h maps them to kmdfsim's. */
    assert_int_equal(wcslen(L"driver"), 6);
    assert_int_equal(wcsnlen(L"driver", 3), 3);
#endif
}

static void test_wcsnlen_stops_at_limit_without_reading_further(void **state)
{
    (void)state;
    const WCHAR unterminated[3] = {L'x', L'y', L'z'};
    assert_int_equal(kmdfsim_wdk_wcsnlen(unterminated, 3), 3);
    assert_int_equal(kmdfsim_wdk_wcsnlen(unterminated, 2), 2);
    assert_int_equal(kmdfsim_wdk_wcsnlen(L"ab", 10), 2);
    assert_int_equal(kmdfsim_wdk_wcsnlen(L"ab", 0), 0);
}

static void test_wcscmp_orders_unsigned_units(void **state)
{
    (void)state;
    assert_int_equal(kmdfsim_wdk_wcscmp(L"abc", L"abc"), 0);
    assert_true(kmdfsim_wdk_wcscmp(L"abc", L"abd") < 0);
    assert_true(kmdfsim_wdk_wcscmp(L"abd", L"abc") > 0);
    assert_true(kmdfsim_wdk_wcscmp(L"ab", L"abc") < 0);
    assert_true(kmdfsim_wdk_wcscmp(L"abc", L"ab") > 0);
    /* 0xFFFF sorts after ASCII: units compare unsigned. */
    const WCHAR high[] = {0xFFFF, 0};
    assert_true(kmdfsim_wdk_wcscmp(high, L"a") > 0);
    assert_int_equal(kmdfsim_wdk_wcsncmp(L"abcX", L"abcY", 3), 0);
    assert_true(kmdfsim_wdk_wcsncmp(L"abcX", L"abcY", 4) < 0);
    assert_int_equal(kmdfsim_wdk_wcsncmp(L"a", L"b", 0), 0);
#if !defined(_WIN32)
    assert_true(wcscmp(L"a", L"b") < 0);
    assert_int_equal(wcsncmp(L"ab", L"ac", 1), 0);
#endif
}

static void test_wcsicmp_folds_ascii_and_latin1(void **state)
{
    (void)state;
    assert_int_equal(kmdfsim_wdk_wcsicmp(L"Hello", L"hELLO"), 0);
    assert_int_equal(kmdfsim_wdk_wcsicmp(L"\u00C9COLE", L"\u00E9cole"), 0); /* École */
    assert_true(kmdfsim_wdk_wcsicmp(L"apple", L"BANANA") < 0);
    assert_true(kmdfsim_wdk_wcsicmp(L"Zebra", L"apple") > 0);
    /* Lowercase comparison, as the Microsoft C runtime: '_' (0x5F) sorts before 'a'. */
    assert_true(kmdfsim_wdk_wcsicmp(L"_", L"A") < 0);
    assert_int_equal(kmdfsim_wdk_wcsnicmp(L"ABCdef", L"abcXYZ", 3), 0);
    assert_true(kmdfsim_wdk_wcsnicmp(L"ABCdef", L"abcXYZ", 4) < 0);
#if !defined(_WIN32)
    assert_int_equal(_wcsicmp(L"DEVICE", L"device"), 0);
    assert_int_equal(_wcsnicmp(L"DEVICEx", L"devicey", 6), 0);
#endif
}

static void test_wcscpy_and_wcscat(void **state)
{
    (void)state;
    WCHAR buf[16];
    assert_ptr_equal(kmdfsim_wdk_wcscpy(buf, L"abc"), buf);
    assert_int_equal(kmdfsim_wdk_wcscmp(buf, L"abc"), 0);
    assert_ptr_equal(kmdfsim_wdk_wcscat(buf, L"def"), buf);
    assert_int_equal(kmdfsim_wdk_wcscmp(buf, L"abcdef"), 0);
    assert_int_equal(buf[6], 0);
    kmdfsim_wdk_wcscpy(buf, L"");
    assert_int_equal(buf[0], 0);
}

static void test_wcsncpy_pads_and_may_leave_unterminated(void **state)
{
    (void)state;
    WCHAR buf[6];
    for (size_t i = 0; i < 6; i++)
        buf[i] = L'#';
    kmdfsim_wdk_wcsncpy(buf, L"ab", 5);
    assert_int_equal(buf[0], L'a');
    assert_int_equal(buf[1], L'b');
    assert_int_equal(buf[2], 0);
    assert_int_equal(buf[3], 0);
    assert_int_equal(buf[4], 0);
    assert_int_equal(buf[5], L'#');
    kmdfsim_wdk_wcsncpy(buf, L"abcdefgh", 3);
    assert_int_equal(buf[2], L'c');
    assert_int_equal(buf[3], 0); /* untouched from before: no terminator written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wcslen_counts_16_bit_units),
        cmocka_unit_test(test_wcsnlen_stops_at_limit_without_reading_further),
        cmocka_unit_test(test_wcscmp_orders_unsigned_units),
        cmocka_unit_test(test_wcsicmp_folds_ascii_and_latin1),
        cmocka_unit_test(test_wcscpy_and_wcscat),
        cmocka_unit_test(test_wcsncpy_pads_and_may_leave_unterminated),
    };
    return cmocka_run_group_tests_name("wcs", tests, NULL, NULL);
}
