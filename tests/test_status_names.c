/* kmdfsim_status_name: generated from the status headers, hex for unknown codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kmdfsim/status.h>
#include <ntstatus.h>
#include <string.h>

static void test_known_codes(void **state)
{
    (void)state;
    assert_string_equal(kmdfsim_status_name(STATUS_WMI_READ_ONLY), "STATUS_WMI_READ_ONLY");
    assert_string_equal(kmdfsim_status_name(STATUS_WMI_SET_FAILURE), "STATUS_WMI_SET_FAILURE");
    assert_string_equal(kmdfsim_status_name(STATUS_BUFFER_TOO_SMALL), "STATUS_BUFFER_TOO_SMALL");
    assert_string_equal(kmdfsim_status_name(STATUS_OBJECT_NAME_EXISTS), "STATUS_OBJECT_NAME_EXISTS");
    assert_string_equal(kmdfsim_status_name(STATUS_BUFFER_OVERFLOW), "STATUS_BUFFER_OVERFLOW");
    assert_string_equal(kmdfsim_status_name((NTSTATUS)0xC0000295L), "STATUS_WMI_GUID_NOT_FOUND");
}

static void test_shared_values_give_first_name(void **state)
{
    (void)state;
    /* STATUS_SUCCESS and STATUS_WAIT_0 are both 0. */
    assert_string_equal(kmdfsim_status_name(0), "STATUS_SUCCESS");
    assert_string_equal(kmdfsim_status_name(STATUS_ABANDONED), "STATUS_ABANDONED");
}

static void test_wdf_codes_are_named(void **state)
{
    (void)state;
    assert_string_equal(kmdfsim_status_name((NTSTATUS)0xC0200209L), "STATUS_WDF_OBJECT_ATTRIBUTES_INVALID");
    assert_string_equal(kmdfsim_status_name((NTSTATUS)0xC020020FL), "STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED");
}

static void test_unknown_codes_are_hex(void **state)
{
    (void)state;
    assert_string_equal(kmdfsim_status_name((NTSTATUS)0xC0DE1234L), "0xC0DE1234");
    assert_string_equal(kmdfsim_status_name((NTSTATUS)0x00000042L), "0x00000042");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_codes),
        cmocka_unit_test(test_shared_values_give_first_name),
        cmocka_unit_test(test_wdf_codes_are_named),
        cmocka_unit_test(test_unknown_codes_are_hex),
    };
    return cmocka_run_group_tests_name("status_names", tests, NULL, NULL);
}
