/*
 * DEFINE_GUID after initguid.h and WDF_DECLARE_CONTEXT_TYPE_WITH_NAME, both
 * in a header shared by several C and C++ translation units, give one GUID
 * object and one context type descriptor for the whole program (selectany /
 * weak definitions), so the framework's pointer comparison of context types
 * holds across units. This unit includes the header without initguid.h: it
 * only declares the GUID.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "multi_tu_shared.h"

static void test_guid_is_one_object(void **state)
{
    static const GUID expected = {0x6f2c1a3e, 0x48d7, 0x4b1c, {0x9e, 0x21, 0x0a, 0x3b, 0x5c, 0x7d, 0x9e, 0xf0}};
    MULTI_TU_VIEW a = multi_tu_view_a();
    MULTI_TU_VIEW b = multi_tu_view_b();
    MULTI_TU_VIEW cpp = multi_tu_view_cpp();
    (void)state;

    assert_ptr_equal(a.Guid, b.Guid);
    assert_ptr_equal(a.Guid, cpp.Guid);
    assert_ptr_equal(a.Guid, &MULTI_TU_GUID); /* the declaring unit resolves to the same object */
    assert_memory_equal(&MULTI_TU_GUID, &expected, sizeof(GUID));
}

static void test_context_type_info_is_one_object(void **state)
{
    MULTI_TU_VIEW a = multi_tu_view_a();
    MULTI_TU_VIEW b = multi_tu_view_b();
    MULTI_TU_VIEW cpp = multi_tu_view_cpp();
    (void)state;

    assert_ptr_equal(a.TypeInfo, b.TypeInfo);
    assert_ptr_equal(a.TypeInfo, cpp.TypeInfo);
    assert_ptr_equal(a.TypeInfo, &_WDF_MULTI_TU_CONTEXT_TYPE_INFO);
    /* What drivers store in WDF_OBJECT_ATTRIBUTES agrees everywhere, C and C++. */
    assert_ptr_equal(a.UniqueType, &_WDF_MULTI_TU_CONTEXT_TYPE_INFO);
    assert_ptr_equal(b.UniqueType, &_WDF_MULTI_TU_CONTEXT_TYPE_INFO);
    assert_ptr_equal(cpp.UniqueType, &_WDF_MULTI_TU_CONTEXT_TYPE_INFO);
    assert_int_equal(a.ContextSize, cpp.ContextSize);
}

static void test_context_type_info_contents(void **state)
{
    (void)state;
    assert_ptr_equal(_WDF_MULTI_TU_CONTEXT_TYPE_INFO.UniqueType, &_WDF_MULTI_TU_CONTEXT_TYPE_INFO);
    assert_int_equal(_WDF_MULTI_TU_CONTEXT_TYPE_INFO.Size, sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO));
    assert_string_equal(_WDF_MULTI_TU_CONTEXT_TYPE_INFO.ContextName, "MULTI_TU_CONTEXT");
    assert_int_equal(_WDF_MULTI_TU_CONTEXT_TYPE_INFO.ContextSize, sizeof(MULTI_TU_CONTEXT));
    assert_int_equal(_WDF_MULTI_TU_CONTEXT_TYPE_INFO.ContextSize, 32);
    assert_null(_WDF_MULTI_TU_CONTEXT_TYPE_INFO.EvtDriverGetUniqueContextType);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guid_is_one_object),
        cmocka_unit_test(test_context_type_info_is_one_object),
        cmocka_unit_test(test_context_type_info_contents),
    };
    return cmocka_run_group_tests_name("multi_tu", tests, NULL, NULL);
}
