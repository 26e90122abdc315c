/*
 * The WDK surface compiled as C++17, as C++ drivers compile it: extern "C"
 * declarations, `= {}` on configuration structures, WDF_DECLARE_CONTEXT_TYPE
 * on a struct with no typedef, role-type declarations with
 * _Use_decl_annotations_ definitions, and the layouts of §1.5 and §1.8.1.
 *
 * wmium.h comes before ntddk.h here (the C test includes them the other way
 * round): the WMIGUID_* rights both define must not clash in either order.
 * This unit also builds with UNICODE defined, the C test without.
 */

/* A UNICODE build: wmium.h's neutral names must pick the W functions (the C test checks A). */
#define UNICODE

/* The base layer uses anonymous structs and flexible arrays, which ISO C++ lacks. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpedantic"
#endif

#include <wmium.h>
#include <ntddk.h>
#include <wdf.h>
#include <wmistr.h>
#include <wmilib.h>
#include <initguid.h> /* this unit defines the wdmguid.h GUIDs */
#include <wdmguid.h>
#if defined(__has_include)
#if __has_include(<ntstrsafe.h>)
#include <ntstrsafe.h>
#endif
#endif
#include <ntintsafe.h>
#include <wpprecorder.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <type_traits>
extern "C" { /* cmocka.h carries no linkage guard of its own */
#include <cmocka.h>
}

#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
#define ARCH(x64, x86) (size_t)(x64)
#else
#define ARCH(x64, x86) (size_t)(x86)
#endif

/* ---- Compile-time checks ------------------------------------------------ */

static_assert(std::is_same<decltype(&WdfWmiInstanceCreate),
                           NTSTATUS (*)(WDFDEVICE, PWDF_WMI_INSTANCE_CONFIG, PWDF_OBJECT_ATTRIBUTES,
                                        WDFWMIINSTANCE *)>::value,
              "WdfWmiInstanceCreate signature");
static_assert(std::is_same<decltype(&WdfWmiInstanceFireEvent), NTSTATUS (*)(WDFWMIINSTANCE, ULONG, PVOID)>::value,
              "WdfWmiInstanceFireEvent signature");
static_assert(std::is_same<decltype(&WdfObjectGetTypedContextWorker),
                           PVOID (*)(WDFOBJECT, PCWDF_OBJECT_CONTEXT_TYPE_INFO)>::value,
              "WdfObjectGetTypedContextWorker signature");
static_assert(std::is_same<PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE,
                           NTSTATUS (*)(WDFWMIINSTANCE, ULONG, PVOID, PULONG)>::value,
              "query role type");
static_assert(std::is_same<WDFOBJECT, HANDLE>::value, "WDFOBJECT is HANDLE");
static_assert(std::is_trivial<WDF_WMI_INSTANCE_CONFIG>::value, "plain C structure");
static_assert(std::is_standard_layout<WDF_OBJECT_ATTRIBUTES>::value, "plain C structure");
static_assert(sizeof(WDF_WMI_PROVIDER_CONFIG) == ARCH(40, 32), "WDF_WMI_PROVIDER_CONFIG size");
static_assert(offsetof(WDF_WMI_PROVIDER_CONFIG, EvtWmiProviderFunctionControl) == ARCH(32, 28), "offset");
static_assert(sizeof(WDF_WMI_INSTANCE_CONFIG) == ARCH(64, 32), "WDF_WMI_INSTANCE_CONFIG size");
static_assert(offsetof(WDF_WMI_INSTANCE_CONFIG, Register) == ARCH(25, 13), "offset");
static_assert(sizeof(WDF_OBJECT_ATTRIBUTES) == ARCH(56, 32), "WDF_OBJECT_ATTRIBUTES size");
static_assert(offsetof(WDF_OBJECT_ATTRIBUTES, ContextTypeInfo) == ARCH(48, 28), "offset");
static_assert(sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) == ARCH(40, 20), "WDF_OBJECT_CONTEXT_TYPE_INFO size");
static_assert(sizeof(WNODE_SINGLE_INSTANCE) == 64, "WNODE_SINGLE_INSTANCE size");
static_assert(WMIGUID_QUERY == 0x1 && WMIGUID_EXECUTE == 0x10, "WMIGUID_* rights");
static_assert(NOTIFICATION_CALLBACK_DIRECT == 0x4, "NOTIFICATION_CALLBACK_DIRECT");
static_assert(std::is_same<decltype(&WmiQueryAllData), decltype(&WmiQueryAllDataW)>::value, "UNICODE picks W");
static_assert(std::is_same<decltype(&WmiExecuteMethod), decltype(&WmiExecuteMethodW)>::value, "UNICODE picks W");
static_assert(std::is_same<decltype(&WmiQuerySingleInstanceW),
                           ULONG(WMIAPI *)(WMIHANDLE, LPCWSTR, ULONG *, PVOID)>::value,
              "WmiQuerySingleInstanceW signature");
static_assert(std::is_same<MOFRESOURCEINFO, MOFRESOURCEINFOW>::value, "UNICODE picks MOFRESOURCEINFOW");

/* ---- Driver-style C++ code ---------------------------------------------- */

/* A C++ context type: a plain struct, no typedef. */
struct CppDeviceContext {
    int a;
    ULONG Reads;
};
WDF_DECLARE_CONTEXT_TYPE(CppDeviceContext)

struct CppWmiContext {
    ULONGLONG Stamp;
};
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CppWmiContext, CppGetWmiContext);

EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE CppEvtWmiQuery;
EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD CppEvtWmiExecute;
EVT_WDF_DEVICE_D0_EXIT CppEvtD0Exit;

_Use_decl_annotations_
NTSTATUS CppEvtWmiQuery(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    UNREFERENCED_PARAMETER(WmiInstance);
    static const WCHAR text[] = L"cpp";
    UNICODE_STRING name;
    name.Length = sizeof(text) - sizeof(WCHAR);
    name.MaximumLength = sizeof(text);
    name.Buffer = const_cast<PWCH>(text);
    return WDF_WMI_BUFFER_APPEND_STRING(OutBuffer, OutBufferSize, &name, BufferUsed);
}

_Use_decl_annotations_
NTSTATUS CppEvtWmiExecute(WDFWMIINSTANCE WmiInstance, ULONG MethodId, ULONG InBufferSize, ULONG OutBufferSize,
                          PVOID Buffer, PULONG BufferUsed)
{
    UNREFERENCED_PARAMETER(WmiInstance);
    UNREFERENCED_PARAMETER(InBufferSize);
    UNREFERENCED_PARAMETER(OutBufferSize);
    static_cast<PUCHAR>(Buffer)[0] = static_cast<UCHAR>(MethodId);
    *BufferUsed = 1;
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS CppEvtD0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    UNREFERENCED_PARAMETER(Device);
    return TargetState == WdfPowerDeviceD3 ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

/* ---- Tests -------------------------------------------------------------- */

static bool all_zero(const void *p, size_t n)
{
    const UCHAR *bytes = static_cast<const UCHAR *>(p);
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] != 0) {
            return false;
        }
    }
    return true;
}

static void test_value_initialized_configs_are_zero(void **state)
{
    (void)state;
    WDF_WMI_PROVIDER_CONFIG providerConfig = {};
    WDF_WMI_INSTANCE_CONFIG instanceConfig = {};
    WDF_OBJECT_ATTRIBUTES attributes = {};
    WDF_DRIVER_CONFIG driverConfig = {};
    WDF_PNPPOWER_EVENT_CALLBACKS callbacks = {};
    assert_true(all_zero(&providerConfig, sizeof(providerConfig)));
    assert_true(all_zero(&instanceConfig, sizeof(instanceConfig)));
    assert_true(all_zero(&attributes, sizeof(attributes)));
    assert_true(all_zero(&driverConfig, sizeof(driverConfig)));
    assert_true(all_zero(&callbacks, sizeof(callbacks)));
}

static void test_init_helpers_in_cpp(void **state)
{
    (void)state;
    WDF_WMI_PROVIDER_CONFIG providerConfig;
    WDF_WMI_INSTANCE_CONFIG instanceConfig;
    WDF_OBJECT_ATTRIBUTES attributes;

    memset(&providerConfig, 0xAB, sizeof(providerConfig));
    WDF_WMI_PROVIDER_CONFIG_INIT(&providerConfig, &GUID_POWER_DEVICE_ENABLE);
    assert_int_equal(providerConfig.Size, ARCH(40, 32));
    assert_int_equal(providerConfig.Flags, 0);
    assert_int_equal(providerConfig.MinInstanceBufferSize, 0);

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&instanceConfig, &providerConfig);
    instanceConfig.EvtWmiInstanceQueryInstance = CppEvtWmiQuery;
    instanceConfig.EvtWmiInstanceExecuteMethod = CppEvtWmiExecute;
    assert_int_equal(instanceConfig.Size, ARCH(64, 32));
    assert_int_equal(instanceConfig.Register, FALSE);
    assert_ptr_equal(instanceConfig.ProviderConfig, &providerConfig);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, CppDeviceContext);
    assert_int_equal(attributes.ExecutionLevel, WdfExecutionLevelInheritFromParent);
    assert_int_equal(attributes.SynchronizationScope, WdfSynchronizationScopeInheritFromParent);
    assert_ptr_equal(attributes.ContextTypeInfo, &_WDF_CppDeviceContext_TYPE_INFO);
}

static void test_cpp_context_type(void **state)
{
    (void)state;
    const WDF_OBJECT_CONTEXT_TYPE_INFO *info = WDF_GET_CONTEXT_TYPE_INFO(CppDeviceContext);
    WDF_POINTER_TYPE_CppDeviceContext typed = nullptr;
    CppDeviceContext *plain = typed;
    (void)plain;

    assert_int_equal(info->Size, sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO));
    assert_string_equal(info->ContextName, "CppDeviceContext");
    assert_int_equal(info->ContextSize, sizeof(CppDeviceContext));
    assert_ptr_equal(info->UniqueType, info);
    assert_null(info->EvtDriverGetUniqueContextType);
    assert_string_equal(_WDF_CppWmiContext_TYPE_INFO.ContextName, "CppWmiContext");
    assert_ptr_equal(_WDF_CppWmiContext_TYPE_INFO.UniqueType, &_WDF_CppWmiContext_TYPE_INFO);

    static_assert(std::is_same<decltype(WdfObjectGet_CppDeviceContext(nullptr)), CppDeviceContext *>::value,
                  "generated accessor returns the context pointer");
    static_assert(std::is_same<decltype(CppGetWmiContext(nullptr)), CppWmiContext *>::value,
                  "named accessor returns the context pointer");
    static_assert(std::is_same<decltype(WdfObjectGetTypedContext(static_cast<WDFDEVICE>(nullptr), CppWmiContext)),
                               CppWmiContext *>::value,
                  "WdfObjectGetTypedContext casts to the context type");
}

static void test_cpp_role_types_run(void **state)
{
    (void)state;
    UCHAR buffer[16];
    ULONG used = 0;
    memset(buffer, 0xCC, sizeof(buffer));
    PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE query = CppEvtWmiQuery;
    assert_int_equal(query(nullptr, sizeof(buffer), buffer, &used), STATUS_SUCCESS);
    assert_int_equal(used, 8);
    assert_int_equal(buffer[0], 6);
    assert_int_equal(buffer[1], 0);
    assert_memory_equal(buffer + 2, "c\0p\0p\0", 6);
    assert_int_equal(buffer[8], 0xCC);
    assert_int_equal(CppEvtWmiQuery(nullptr, 7, buffer, &used), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(used, 8);
    assert_int_equal(CppEvtWmiExecute(nullptr, 9, 0, 1, buffer, &used), STATUS_SUCCESS);
    assert_int_equal(buffer[0], 9);
    assert_int_equal(CppEvtD0Exit(nullptr, WdfPowerDeviceD3), STATUS_SUCCESS);
}

static void test_cpp_runtime_layouts(void **state)
{
    (void)state;
    assert_int_equal(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceQueryInstance), ARCH(32, 16));
    assert_int_equal(offsetof(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceExecuteMethod), ARCH(56, 28));
    assert_int_equal(offsetof(WDF_OBJECT_ATTRIBUTES, ExecutionLevel), ARCH(24, 12));
    assert_int_equal(offsetof(WDF_OBJECT_ATTRIBUTES, ParentObject), ARCH(32, 20));
    assert_int_equal(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, UniqueType), ARCH(24, 12));
    assert_int_equal(sizeof(WNODE_ALL_DATA), 72);
    assert_int_equal(sizeof(WNODE_TOO_SMALL), 56);
    assert_int_equal(sizeof(WCHAR), 2);
    assert_int_equal(sizeof(ULONG), 4);
}

static void test_cpp_ntintsafe(void **state)
{
    (void)state;
    ULONG value = 0;
    assert_int_equal(RtlULongAdd(0xFFFFFFFFu, 1, &value), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(value, ULONG_ERROR);
    assert_int_equal(RtlULongMult(3, 5, &value), STATUS_SUCCESS);
    assert_int_equal(value, 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_initialized_configs_are_zero),
        cmocka_unit_test(test_init_helpers_in_cpp),
        cmocka_unit_test(test_cpp_context_type),
        cmocka_unit_test(test_cpp_role_types_run),
        cmocka_unit_test(test_cpp_runtime_layouts),
        cmocka_unit_test(test_cpp_ntintsafe),
    };
    return cmocka_run_group_tests_name("wdk_headers_cpp", tests, nullptr, nullptr);
}
