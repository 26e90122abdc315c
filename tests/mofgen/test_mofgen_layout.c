/*
 * test_mofgen_layout.c - the golden headers of tests/mofgen/golden, as the
 * compiler lays them out, must agree with the golden JSON descriptions:
 * what a client decodes by property name is what the driver writes
 * through the header. The tables come from json_to_c.cmake.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mof_layout.h"

int mofgen_headers_cpp_check(void);

static void test_json_matches_compiled_headers(void **state)
{
    (void)state;
    assert_true(mof_layout_check_count > 100);
    assert_true(mof_guid_check_count >= 10);
    assert_int_equal(mof_layout_verify(), 0);
}

static void test_headers_compile_as_cpp(void **state)
{
    (void)state;
    assert_int_equal(mofgen_headers_cpp_check(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_matches_compiled_headers),
        cmocka_unit_test(test_headers_compile_as_cpp),
    };
    return cmocka_run_group_tests_name("mofgen_layout", tests, NULL, NULL);
}
