/*
 * The WDK surface as driver code sees it: every header a KMDF WMI source
 * includes compiles together, the layouts and constants are the Windows
 * ones (kmdf-wmi-semantics.md §1.5, §1.8.1, §5; wmi-client.md §1), the DDI
 * and role-type signatures are the WDK's, names drivers define themselves
 * stay undefined, and a driver-style WMI snippet compiles and runs.
 *
 * The WDK headers come first, before any C library or cmocka header, so the
 * "must stay undefined" checks see only what the WDK surface defines.
 */
#define ENABLE_INTSAFE_SIGNED_FUNCTIONS
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
#include <wmium.h>

/* Recorded before any other header can add to the picture. */
#if defined(MAX_PATH)
#define LEAKED_MAX_PATH 1
#endif
#if defined(min)
#define LEAKED_MIN 1
#endif
#if defined(max)
#define LEAKED_MAX 1
#endif
#if defined(DBG)
#define LEAKED_DBG 1
#endif
#if defined(ALLOC_PRAGMA)
#define LEAKED_ALLOC_PRAGMA 1
#endif
#if defined(EVENT_TRACING)
#define LEAKED_EVENT_TRACING 1
#endif
#if defined(WPP_TRACING)
#define LEAKED_WPP_TRACING 1
#endif
#if defined(WPP_CONTROL_GUIDS) || defined(WPP_DEFINE_CONTROL_GUID) || defined(WPP_INIT_TRACING) || \
    defined(WPP_CLEANUP) || defined(WPP_CB) || defined(WPP_LEVEL_ENABLED) || defined(WPP_LEVEL_LOGGER) || \
    defined(WPP_FLAG_ENABLED) || defined(WPP_GLOBALLOGGER)
#define LEAKED_WPP_CONFIG 1
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
#define ON_64 1
#else
#define ON_64 0
#endif

/* x64 value on 64-bit hosts, x86 value on 32-bit ones (the spec gives both). */
#define ARCH(x64, x86) ((size_t)(ON_64 ? (x64) : (x86)))

static int layout_failures;

/* Reports the field by name, so one run lists every mismatch. */
static void check_size(const char *what, size_t actual, size_t expected)
{
    if (actual != expected) {
        print_error("layout: %s is %lu, expected %lu\n", what, (unsigned long)actual, (unsigned long)expected);
        layout_failures++;
    }
}
#define EXPECT_OFFSET(type, field, expected) check_size(#type "." #field, offsetof(type, field), (expected))
#define EXPECT_SIZEOF(type, expected) check_size("sizeof(" #type ")", sizeof(type), (expected))

static void check_value(const char *what, unsigned long long actual, unsigned long long expected)
{
    if (actual != expected) {
        print_error("value: %s is 0x%llx, expected 0x%llx\n", what, actual, expected);
        layout_failures++;
    }
}
#define EXPECT_VALUE(name, expected) \
    check_value(#name, (unsigned long long)(ULONG)(name), (unsigned long long)(expected))

/* ---- Driver-style WMI code, written the way drivers write it ------------ */

typedef struct _SAMPLE_DEVICE_CONTEXT {
    ULONG Temperature;
    WDFWMIINSTANCE Instance;
    UCHAR Reserved[12];
} SAMPLE_DEVICE_CONTEXT, *PSAMPLE_DEVICE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SAMPLE_DEVICE_CONTEXT, SampleGetDeviceContext)

typedef struct _SAMPLE_WMI_DATA {
    ULONG Value;
} SAMPLE_WMI_DATA;

WDF_DECLARE_CONTEXT_TYPE(SAMPLE_WMI_DATA)

EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE SampleEvtWmiQuery;
EVT_WDF_WMI_INSTANCE_SET_INSTANCE SampleEvtWmiSet;
EVT_WDF_WMI_INSTANCE_SET_ITEM SampleEvtWmiSetItem;
EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD SampleEvtWmiExecute;
EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL SampleEvtWmiControl;
EVT_WDF_DRIVER_DEVICE_ADD SampleEvtDeviceAdd;
EVT_WDF_DEVICE_D0_ENTRY SampleEvtD0Entry;
EVT_WDF_OBJECT_CONTEXT_CLEANUP SampleEvtCleanup;
EVT_WDF_DEVICE_CONTEXT_CLEANUP SampleEvtDeviceContextCleanup;
EVT_WDF_DEVICE_CONTEXT_DESTROY SampleEvtDeviceContextDestroy;
EVT_WDF_TIMER SampleEvtTimer;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, SampleEvtWmiQuery)
#pragma alloc_text(PAGE, SampleEvtWmiSet)
#endif

/* Drivers cast the literal's const away inside this WDK macro. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-qual"
#endif
DECLARE_CONST_UNICODE_STRING(SampleInstanceLabel, L"Sensor");
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

static ULONG g_sample_temperature = 0x01020304;

/* initguid.h is in effect in this unit, so this defines the GUID. */
DEFINE_GUID(SampleGuid, 0x11223344, 0x5566, 0x7788, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00);

/* Returns a ULONG followed by a MOF counted string, the way drivers build query replies. */
_Use_decl_annotations_
NTSTATUS SampleEvtWmiQuery(WDFWMIINSTANCE WmiInstance, ULONG OutBufferSize, PVOID OutBuffer, PULONG BufferUsed)
{
    ULONG stringSize = 0;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(WmiInstance);
    if (OutBufferSize < sizeof(ULONG)) {
        *BufferUsed = sizeof(ULONG) + sizeof(USHORT) + SampleInstanceLabel.Length;
        return STATUS_BUFFER_TOO_SMALL;
    }
    RtlCopyMemory(OutBuffer, &g_sample_temperature, sizeof(ULONG));
    status = WDF_WMI_BUFFER_APPEND_STRING(WDF_PTR_ADD_OFFSET(OutBuffer, sizeof(ULONG)), OutBufferSize - sizeof(ULONG),
                                          &SampleInstanceLabel, &stringSize);
    *BufferUsed = sizeof(ULONG) + stringSize;
    return status;
}

_Use_decl_annotations_
NTSTATUS SampleEvtWmiSet(WDFWMIINSTANCE WmiInstance, ULONG InBufferSize, PVOID InBuffer)
{
    UNREFERENCED_PARAMETER(WmiInstance);
    if (InBufferSize < sizeof(ULONG)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    RtlCopyMemory(&g_sample_temperature, InBuffer, sizeof(ULONG));
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS SampleEvtWmiSetItem(WDFWMIINSTANCE WmiInstance, ULONG DataItemId, ULONG InBufferSize, PVOID InBuffer)
{
    if (DataItemId != 1) {
        return STATUS_WMI_ITEMID_NOT_FOUND;
    }
    return SampleEvtWmiSet(WmiInstance, InBufferSize, InBuffer);
}

_Use_decl_annotations_
NTSTATUS SampleEvtWmiExecute(WDFWMIINSTANCE WmiInstance, ULONG MethodId, ULONG InBufferSize, ULONG OutBufferSize,
                             PVOID Buffer, PULONG BufferUsed)
{
    UNREFERENCED_PARAMETER(WmiInstance);
    UNREFERENCED_PARAMETER(InBufferSize);
    if (MethodId != 1) {
        return STATUS_WMI_ITEMID_NOT_FOUND;
    }
    if (OutBufferSize < sizeof(ULONG)) {
        *BufferUsed = sizeof(ULONG);
        return STATUS_BUFFER_TOO_SMALL;
    }
    *(PULONG)Buffer = 0x600DF00D;
    *BufferUsed = sizeof(ULONG);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS SampleEvtWmiControl(WDFWMIPROVIDER WmiProvider, WDF_WMI_PROVIDER_CONTROL Control, BOOLEAN Enable)
{
    UNREFERENCED_PARAMETER(WmiProvider);
    return (Control == WdfWmiEventControl && Enable) ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

_Use_decl_annotations_
NTSTATUS SampleEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    UNREFERENCED_PARAMETER(Driver);
    UNREFERENCED_PARAMETER(DeviceInit);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS SampleEvtD0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    UNREFERENCED_PARAMETER(Device);
    return PreviousState == WdfPowerDeviceD3Final ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

_Use_decl_annotations_
VOID SampleEvtCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
}

_Use_decl_annotations_
VOID SampleEvtDeviceContextCleanup(WDFOBJECT Device)
{
    UNREFERENCED_PARAMETER(Device);
}

_Use_decl_annotations_
VOID SampleEvtDeviceContextDestroy(WDFOBJECT Device)
{
    UNREFERENCED_PARAMETER(Device);
}

_Use_decl_annotations_
VOID SampleEvtTimer(WDFTIMER Timer)
{
    UNREFERENCED_PARAMETER(Timer);
}

/* ---- DDI and role-type signatures (kmdf-wmi-semantics.md §1.4, §1.7) ------ */

#define SAME_TYPE(a, b) __builtin_types_compatible_p(a, b)

C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiProviderCreate),
                   NTSTATUS (*)(WDFDEVICE, PWDF_WMI_PROVIDER_CONFIG, PWDF_OBJECT_ATTRIBUTES, WDFWMIPROVIDER *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiProviderGetDevice), WDFDEVICE (*)(WDFWMIPROVIDER)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiProviderIsEnabled), BOOLEAN (*)(WDFWMIPROVIDER, WDF_WMI_PROVIDER_CONTROL)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiProviderGetTracingHandle), ULONGLONG (*)(WDFWMIPROVIDER)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiInstanceCreate),
                   NTSTATUS (*)(WDFDEVICE, PWDF_WMI_INSTANCE_CONFIG, PWDF_OBJECT_ATTRIBUTES, WDFWMIINSTANCE *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiInstanceRegister), NTSTATUS (*)(WDFWMIINSTANCE)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiInstanceDeregister), VOID (*)(WDFWMIINSTANCE)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiInstanceGetDevice), WDFDEVICE (*)(WDFWMIINSTANCE)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiInstanceGetProvider), WDFWMIPROVIDER (*)(WDFWMIINSTANCE)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWmiInstanceFireEvent), NTSTATUS (*)(WDFWMIINSTANCE, ULONG, PVOID)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfDeviceAssignMofResourceName), NTSTATUS (*)(WDFDEVICE, PCUNICODE_STRING)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfObjectGetTypedContextWorker), PVOID (*)(WDFOBJECT, PCWDF_OBJECT_CONTEXT_TYPE_INFO)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfObjectDelete), VOID (*)(WDFOBJECT)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfObjectReferenceActual), VOID (*)(WDFOBJECT, PVOID, LONG, PCCH)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfObjectDereferenceActual), VOID (*)(WDFOBJECT, PVOID, LONG, PCCH)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfObjectAllocateContext), NTSTATUS (*)(WDFOBJECT, PWDF_OBJECT_ATTRIBUTES, PVOID *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfDeviceCreate),
                   NTSTATUS (*)(PWDFDEVICE_INIT *, PWDF_OBJECT_ATTRIBUTES, WDFDEVICE *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfDriverCreate),
                   NTSTATUS (*)(PDRIVER_OBJECT, PCUNICODE_STRING, PWDF_OBJECT_ATTRIBUTES, PWDF_DRIVER_CONFIG,
                                WDFDRIVER *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfDeviceQueryProperty),
                   NTSTATUS (*)(WDFDEVICE, DEVICE_REGISTRY_PROPERTY, ULONG, PVOID, PULONG)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfDeviceAllocAndQueryProperty),
                   NTSTATUS (*)(WDFDEVICE, DEVICE_REGISTRY_PROPERTY, POOL_TYPE, PWDF_OBJECT_ATTRIBUTES,
                                WDFMEMORY *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfMemoryGetBuffer), PVOID (*)(WDFMEMORY, size_t *)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfWaitLockAcquire), NTSTATUS (*)(WDFWAITLOCK, PLONGLONG)));
C_ASSERT(SAME_TYPE(__typeof__(&WdfTimerStart), BOOLEAN (*)(WDFTIMER, LONGLONG)));

C_ASSERT(SAME_TYPE(PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE, NTSTATUS (*)(WDFWMIINSTANCE, ULONG, PVOID, PULONG)));
C_ASSERT(SAME_TYPE(PFN_WDF_WMI_INSTANCE_SET_INSTANCE, NTSTATUS (*)(WDFWMIINSTANCE, ULONG, PVOID)));
C_ASSERT(SAME_TYPE(PFN_WDF_WMI_INSTANCE_SET_ITEM, NTSTATUS (*)(WDFWMIINSTANCE, ULONG, ULONG, PVOID)));
C_ASSERT(SAME_TYPE(PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD,
                   NTSTATUS (*)(WDFWMIINSTANCE, ULONG, ULONG, ULONG, PVOID, PULONG)));
C_ASSERT(SAME_TYPE(PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL,
                   NTSTATUS (*)(WDFWMIPROVIDER, WDF_WMI_PROVIDER_CONTROL, BOOLEAN)));
C_ASSERT(SAME_TYPE(PFN_WDF_OBJECT_CONTEXT_CLEANUP, VOID (*)(WDFOBJECT)));
C_ASSERT(SAME_TYPE(PFN_WDF_OBJECT_CONTEXT_DESTROY, VOID (*)(WDFOBJECT)));
C_ASSERT(SAME_TYPE(WDFOBJECT, HANDLE));
C_ASSERT(SAME_TYPE(WDFCONTEXT, PVOID));
C_ASSERT(SAME_TYPE(NOTIFICATIONCALLBACK, VOID(WMIAPI *)(PWNODE_HEADER, UINT_PTR)));
C_ASSERT(SAME_TYPE(__typeof__(&WmiQueryAllDataW), ULONG(WMIAPI *)(WMIHANDLE, ULONG *, PVOID)));
C_ASSERT(SAME_TYPE(__typeof__(&WmiOpenBlock), ULONG(WMIAPI *)(LPGUID, ULONG, WMIHANDLE *)));
C_ASSERT(SAME_TYPE(WMIHANDLE, PVOID));
/* Without UNICODE the neutral names are the A functions. */
C_ASSERT(SAME_TYPE(__typeof__(&WmiQueryAllData), __typeof__(&WmiQueryAllDataA)));
C_ASSERT(SAME_TYPE(__typeof__(&WmiQuerySingleInstance), __typeof__(&WmiQuerySingleInstanceA)));

/* ---- Tests -------------------------------------------------------------- */

static void test_names_drivers_define_stay_undefined(void **state)
{
    (void)state;
#ifdef LEAKED_MAX_PATH
    fail_msg("MAX_PATH is defined by the WDK surface");
#endif
#ifdef LEAKED_MIN
    fail_msg("min is defined by the WDK surface");
#endif
#ifdef LEAKED_MAX
    fail_msg("max is defined by the WDK surface");
#endif
#ifdef LEAKED_DBG
    fail_msg("DBG is defined by the WDK surface");
#endif
#ifdef LEAKED_ALLOC_PRAGMA
    fail_msg("ALLOC_PRAGMA is defined by the WDK surface");
#endif
#ifdef LEAKED_EVENT_TRACING
    fail_msg("EVENT_TRACING is defined by the WDK surface");
#endif
#ifdef LEAKED_WPP_TRACING
    fail_msg("WPP_TRACING is defined by the WDK surface");
#endif
#ifdef LEAKED_WPP_CONFIG
    fail_msg("a WPP configuration macro is defined by the WDK surface");
#endif
}

/* kmdf-wmi-semantics.md §1.5 */
static void test_wdfwmi_layouts(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_SIZEOF(WDF_WMI_PROVIDER_CONFIG, ARCH(40, 32));
    EXPECT_OFFSET(WDF_WMI_PROVIDER_CONFIG, Size, 0);
    EXPECT_OFFSET(WDF_WMI_PROVIDER_CONFIG, Guid, 4);
    EXPECT_OFFSET(WDF_WMI_PROVIDER_CONFIG, Flags, 20);
    EXPECT_OFFSET(WDF_WMI_PROVIDER_CONFIG, MinInstanceBufferSize, 24);
    EXPECT_OFFSET(WDF_WMI_PROVIDER_CONFIG, EvtWmiProviderFunctionControl, ARCH(32, 28));
    EXPECT_SIZEOF(WDF_WMI_INSTANCE_CONFIG, ARCH(64, 32));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, Size, 0);
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, Provider, ARCH(8, 4));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, ProviderConfig, ARCH(16, 8));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, UseContextForQuery, ARCH(24, 12));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, Register, ARCH(25, 13));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceQueryInstance, ARCH(32, 16));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceSetInstance, ARCH(40, 20));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceSetItem, ARCH(48, 24));
    EXPECT_OFFSET(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceExecuteMethod, ARCH(56, 28));
    check_size("sizeof(BOOLEAN)", sizeof(BOOLEAN), 1);
    check_size("sizeof(ULONG)", sizeof(ULONG), 4);
    check_size("sizeof(WCHAR)", sizeof(WCHAR), 2);
    check_size("sizeof(GUID)", sizeof(GUID), 16);
    assert_int_equal(layout_failures, 0);
}

/* kmdf-wmi-semantics.md §1.8.1 */
static void test_wdfobject_layouts(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_SIZEOF(WDF_OBJECT_ATTRIBUTES, ARCH(56, 32));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, Size, 0);
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, EvtCleanupCallback, ARCH(8, 4));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, EvtDestroyCallback, ARCH(16, 8));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, ExecutionLevel, ARCH(24, 12));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, SynchronizationScope, ARCH(28, 16));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, ParentObject, ARCH(32, 20));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, ContextSizeOverride, ARCH(40, 24));
    EXPECT_OFFSET(WDF_OBJECT_ATTRIBUTES, ContextTypeInfo, ARCH(48, 28));
    EXPECT_SIZEOF(WDF_OBJECT_CONTEXT_TYPE_INFO, ARCH(40, 20));
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO, Size, 0);
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextName, ARCH(8, 4));
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextSize, ARCH(16, 8));
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO, UniqueType, ARCH(24, 12));
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO, EvtDriverGetUniqueContextType, ARCH(32, 16));
    EXPECT_SIZEOF(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0, ARCH(24, 12));
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0, ContextName, ARCH(8, 4));
    EXPECT_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0, ContextSize, ARCH(16, 8));
    check_size("sizeof(WDF_EXECUTION_LEVEL)", sizeof(WDF_EXECUTION_LEVEL), 4);
    check_size("sizeof(WDF_SYNCHRONIZATION_SCOPE)", sizeof(WDF_SYNCHRONIZATION_SCOPE), 4);
    assert_int_equal(layout_failures, 0);
}

/* kmdf-wmi-semantics.md §5.5 */
static void test_wmistr_layouts(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_SIZEOF(WNODE_HEADER, 48);
    EXPECT_OFFSET(WNODE_HEADER, BufferSize, 0);
    EXPECT_OFFSET(WNODE_HEADER, ProviderId, 4);
    EXPECT_OFFSET(WNODE_HEADER, HistoricalContext, 8);
    EXPECT_OFFSET(WNODE_HEADER, Version, 8);
    EXPECT_OFFSET(WNODE_HEADER, Linkage, 12);
    EXPECT_OFFSET(WNODE_HEADER, CountLost, 16);
    EXPECT_OFFSET(WNODE_HEADER, KernelHandle, 16);
    EXPECT_OFFSET(WNODE_HEADER, TimeStamp, 16);
    EXPECT_OFFSET(WNODE_HEADER, Guid, 24);
    EXPECT_OFFSET(WNODE_HEADER, ClientContext, 40);
    EXPECT_OFFSET(WNODE_HEADER, Flags, 44);
    EXPECT_SIZEOF(OFFSETINSTANCEDATAANDLENGTH, 8);
    EXPECT_OFFSET(OFFSETINSTANCEDATAANDLENGTH, OffsetInstanceData, 0);
    EXPECT_OFFSET(OFFSETINSTANCEDATAANDLENGTH, LengthInstanceData, 4);
    EXPECT_SIZEOF(WNODE_ALL_DATA, 72);
    EXPECT_OFFSET(WNODE_ALL_DATA, WnodeHeader, 0);
    EXPECT_OFFSET(WNODE_ALL_DATA, DataBlockOffset, 48);
    EXPECT_OFFSET(WNODE_ALL_DATA, InstanceCount, 52);
    EXPECT_OFFSET(WNODE_ALL_DATA, OffsetInstanceNameOffsets, 56);
    EXPECT_OFFSET(WNODE_ALL_DATA, FixedInstanceSize, 60);
    EXPECT_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength, 60);
    EXPECT_SIZEOF(WNODE_SINGLE_INSTANCE, 64);
    EXPECT_OFFSET(WNODE_SINGLE_INSTANCE, OffsetInstanceName, 48);
    EXPECT_OFFSET(WNODE_SINGLE_INSTANCE, InstanceIndex, 52);
    EXPECT_OFFSET(WNODE_SINGLE_INSTANCE, DataBlockOffset, 56);
    EXPECT_OFFSET(WNODE_SINGLE_INSTANCE, SizeDataBlock, 60);
    EXPECT_OFFSET(WNODE_SINGLE_INSTANCE, VariableData, 64);
    EXPECT_SIZEOF(WNODE_SINGLE_ITEM, 72);
    EXPECT_OFFSET(WNODE_SINGLE_ITEM, OffsetInstanceName, 48);
    EXPECT_OFFSET(WNODE_SINGLE_ITEM, InstanceIndex, 52);
    EXPECT_OFFSET(WNODE_SINGLE_ITEM, ItemId, 56);
    EXPECT_OFFSET(WNODE_SINGLE_ITEM, DataBlockOffset, 60);
    EXPECT_OFFSET(WNODE_SINGLE_ITEM, SizeDataItem, 64);
    EXPECT_OFFSET(WNODE_SINGLE_ITEM, VariableData, 68);
    EXPECT_SIZEOF(WNODE_METHOD_ITEM, 72);
    EXPECT_OFFSET(WNODE_METHOD_ITEM, OffsetInstanceName, 48);
    EXPECT_OFFSET(WNODE_METHOD_ITEM, InstanceIndex, 52);
    EXPECT_OFFSET(WNODE_METHOD_ITEM, MethodId, 56);
    EXPECT_OFFSET(WNODE_METHOD_ITEM, DataBlockOffset, 60);
    EXPECT_OFFSET(WNODE_METHOD_ITEM, SizeDataBlock, 64);
    EXPECT_OFFSET(WNODE_METHOD_ITEM, VariableData, 68);
    EXPECT_SIZEOF(WNODE_EVENT_ITEM, 48);
    EXPECT_SIZEOF(WNODE_TOO_SMALL, 56);
    EXPECT_OFFSET(WNODE_TOO_SMALL, SizeNeeded, 48);
    EXPECT_SIZEOF(WMIREGGUIDW, ARCH(32, 28));
    EXPECT_OFFSET(WMIREGGUIDW, Guid, 0);
    EXPECT_OFFSET(WMIREGGUIDW, Flags, 16);
    EXPECT_OFFSET(WMIREGGUIDW, InstanceCount, 20);
    EXPECT_OFFSET(WMIREGGUIDW, InstanceNameList, 24);
    EXPECT_OFFSET(WMIREGGUIDW, BaseNameOffset, 24);
    EXPECT_OFFSET(WMIREGGUIDW, Pdo, 24);
    EXPECT_OFFSET(WMIREGGUIDW, InstanceInfo, 24);
    EXPECT_SIZEOF(WMIREGINFOW, ARCH(24, 20));
    EXPECT_OFFSET(WMIREGINFOW, BufferSize, 0);
    EXPECT_OFFSET(WMIREGINFOW, NextWmiRegInfo, 4);
    EXPECT_OFFSET(WMIREGINFOW, RegistryPath, 8);
    EXPECT_OFFSET(WMIREGINFOW, MofResourceName, 12);
    EXPECT_OFFSET(WMIREGINFOW, GuidCount, 16);
    EXPECT_OFFSET(WMIREGINFOW, WmiRegGuid, ARCH(24, 20));
    EXPECT_SIZEOF(WMIGUIDINFORMATION, 8);
    EXPECT_OFFSET(WMIGUIDINFORMATION, IsExpensive, 4);
    EXPECT_OFFSET(WMIGUIDINFORMATION, IsEventOnly, 5);
    assert_int_equal(layout_failures, 0);
}

/* kmdf-wmi-semantics.md §1.3, §1.8.1 */
static void test_wdf_enum_values(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_VALUE(WdfWmiControlInvalid, 0);
    EXPECT_VALUE(WdfWmiEventControl, 1);
    EXPECT_VALUE(WdfWmiInstanceControl, 2);
    EXPECT_VALUE(WdfWmiProviderEventOnly, 0x1);
    EXPECT_VALUE(WdfWmiProviderExpensive, 0x2);
    EXPECT_VALUE(WdfWmiProviderTracing, 0x4);
    EXPECT_VALUE(WdfWmiProviderValidFlags, 0x7);
    EXPECT_VALUE(WdfExecutionLevelInvalid, 0);
    EXPECT_VALUE(WdfExecutionLevelInheritFromParent, 1);
    EXPECT_VALUE(WdfExecutionLevelPassive, 2);
    EXPECT_VALUE(WdfExecutionLevelDispatch, 3);
    EXPECT_VALUE(WdfSynchronizationScopeInvalid, 0);
    EXPECT_VALUE(WdfSynchronizationScopeInheritFromParent, 1);
    EXPECT_VALUE(WdfSynchronizationScopeDevice, 2);
    EXPECT_VALUE(WdfSynchronizationScopeQueue, 3);
    EXPECT_VALUE(WdfSynchronizationScopeNone, 4);
    EXPECT_VALUE(WdfFalse, 0);
    EXPECT_VALUE(WdfTrue, 1);
    EXPECT_VALUE(WdfUseDefault, 2);
    EXPECT_VALUE(WdfPowerDeviceInvalid, 0);
    EXPECT_VALUE(WdfPowerDeviceD0, 1);
    EXPECT_VALUE(WdfPowerDeviceD3, 4);
    EXPECT_VALUE(WdfPowerDeviceD3Final, 5);
    EXPECT_VALUE(WdfPowerDevicePrepareForHibernation, 6);
    EXPECT_VALUE(WdfPowerDeviceMaximum, 7);
    EXPECT_VALUE(WdfDeviceIoBuffered, 2);
    EXPECT_VALUE(WdfDeviceIoDirect, 3);
    EXPECT_VALUE(WdfDeviceIoBufferedOrDirect, 4);
    EXPECT_VALUE(WdfFileObjectCanBeOptional, 0x80000000u);
    EXPECT_VALUE(WdfRequestTypeSystemControl, IRP_MJ_SYSTEM_CONTROL);
    EXPECT_VALUE(WdfRequestTypeNoFormat, 0xFF);
    EXPECT_VALUE(WdfDriverInitNonPnpDriver, 1);
    EXPECT_VALUE(WdfVerifyOn, 4);
    EXPECT_VALUE(KMDF_VERSION_MAJOR, 1);
    EXPECT_VALUE(KMDF_VERSION_MINOR, 33);
    assert_null(WDF_NO_HANDLE);
    assert_null(WDF_NO_OBJECT_ATTRIBUTES);
    assert_null(WDF_NO_EVENT_CALLBACK);
    assert_null(WDF_NO_CONTEXT);
    assert_null(WDF_NO_SEND_OPTIONS);
    assert_int_equal(WDF_STRUCTURE_SIZE(WDF_WMI_INSTANCE_CONFIG), sizeof(WDF_WMI_INSTANCE_CONFIG));
    assert_int_equal(layout_failures, 0);
}

/* kmdf-wmi-semantics.md §5.2, §5.3; wmi-client.md §1 */
static void test_wmi_constants(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_VALUE(WNODE_FLAG_ALL_DATA, 0x00000001);
    EXPECT_VALUE(WNODE_FLAG_SINGLE_INSTANCE, 0x00000002);
    EXPECT_VALUE(WNODE_FLAG_SINGLE_ITEM, 0x00000004);
    EXPECT_VALUE(WNODE_FLAG_EVENT_ITEM, 0x00000008);
    EXPECT_VALUE(WNODE_FLAG_FIXED_INSTANCE_SIZE, 0x00000010);
    EXPECT_VALUE(WNODE_FLAG_TOO_SMALL, 0x00000020);
    EXPECT_VALUE(WNODE_FLAG_INSTANCES_SAME, 0x00000040);
    EXPECT_VALUE(WNODE_FLAG_STATIC_INSTANCE_NAMES, 0x00000080);
    EXPECT_VALUE(WNODE_FLAG_INTERNAL, 0x00000100);
    EXPECT_VALUE(WNODE_FLAG_USE_TIMESTAMP, 0x00000200);
    EXPECT_VALUE(WNODE_FLAG_PERSIST_EVENT, 0x00000400);
    EXPECT_VALUE(WNODE_FLAG_EVENT_REFERENCE, 0x00002000);
    EXPECT_VALUE(WNODE_FLAG_ANSI_INSTANCENAMES, 0x00004000);
    EXPECT_VALUE(WNODE_FLAG_METHOD_ITEM, 0x00008000);
    EXPECT_VALUE(WNODE_FLAG_PDO_INSTANCE_NAMES, 0x00010000);
    EXPECT_VALUE(WNODE_FLAG_TRACED_GUID, 0x00020000);
    EXPECT_VALUE(WNODE_FLAG_LOG_WNODE, 0x00040000);
    EXPECT_VALUE(WNODE_FLAG_USE_GUID_PTR, 0x00080000);
    EXPECT_VALUE(WNODE_FLAG_USE_MOF_PTR, 0x00100000);
    EXPECT_VALUE(WNODE_FLAG_NO_HEADER, 0x00200000);
    EXPECT_VALUE(WNODE_FLAG_SEND_DATA_BLOCK, 0x00400000);
    EXPECT_VALUE(WNODE_FLAG_VERSIONED_PROPERTIES, 0x00800000);
    EXPECT_VALUE(WNODE_FLAG_SEVERITY_MASK, 0xFF000000);
    EXPECT_VALUE(WMIREG_FLAG_EXPENSIVE, 0x1);
    EXPECT_VALUE(WMIREG_FLAG_INSTANCE_LIST, 0x4);
    EXPECT_VALUE(WMIREG_FLAG_INSTANCE_BASENAME, 0x8);
    EXPECT_VALUE(WMIREG_FLAG_INSTANCE_PDO, 0x20);
    EXPECT_VALUE(WMIREG_FLAG_EVENT_ONLY_GUID, 0x40);
    EXPECT_VALUE(WMIREG_FLAG_TRACE_CONTROL_GUID, 0x1000);
    EXPECT_VALUE(WMIREG_FLAG_REMOVE_GUID, 0x10000);
    EXPECT_VALUE(WMIREG_FLAG_RESERVED1, 0x20000);
    EXPECT_VALUE(WMIREG_FLAG_RESERVED2, 0x40000);
    EXPECT_VALUE(WMIREG_FLAG_TRACED_GUID, 0x80000);
    EXPECT_VALUE(WMIREG_ACTION_REGISTER, 1);
    EXPECT_VALUE(WMIREG_ACTION_DEREGISTER, 2);
    EXPECT_VALUE(WMIREG_ACTION_REREGISTER, 3);
    EXPECT_VALUE(WMIREG_ACTION_UPDATE_GUIDS, 4);
    EXPECT_VALUE(WMIREG_ACTION_BLOCK_IRPS, 5);
    EXPECT_VALUE(WMIGUID_QUERY, 0x1);
    EXPECT_VALUE(WMIGUID_SET, 0x2);
    EXPECT_VALUE(WMIGUID_NOTIFICATION, 0x4);
    EXPECT_VALUE(WMIGUID_READ_DESCRIPTION, 0x8);
    EXPECT_VALUE(WMIGUID_EXECUTE, 0x10);
    EXPECT_VALUE(NOTIFICATION_CALLBACK_DIRECT, 0x4);
    EXPECT_VALUE(WMI_GET_ALL_DATA, 0);
    EXPECT_VALUE(WMI_EXECUTE_METHOD, 9);
    EXPECT_VALUE(IRP_MJ_SYSTEM_CONTROL, 0x17);
    assert_int_equal(layout_failures, 0);
}

/* kmdf-wmi-semantics.md §5.1 */
static void test_ntstatus_values(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_VALUE(STATUS_SUCCESS, 0x00000000);
    EXPECT_VALUE(STATUS_PENDING, 0x00000103);
    EXPECT_VALUE(STATUS_OBJECT_NAME_EXISTS, 0x40000000);
    EXPECT_VALUE(STATUS_BUFFER_OVERFLOW, 0x80000005);
    EXPECT_VALUE(STATUS_UNSUCCESSFUL, 0xC0000001);
    EXPECT_VALUE(STATUS_INFO_LENGTH_MISMATCH, 0xC0000004);
    EXPECT_VALUE(STATUS_INVALID_PARAMETER, 0xC000000D);
    EXPECT_VALUE(STATUS_INVALID_DEVICE_REQUEST, 0xC0000010);
    EXPECT_VALUE(STATUS_BUFFER_TOO_SMALL, 0xC0000023);
    EXPECT_VALUE(STATUS_INTEGER_OVERFLOW, 0xC0000095);
    EXPECT_VALUE(STATUS_INSUFFICIENT_RESOURCES, 0xC000009A);
    EXPECT_VALUE(STATUS_INVALID_DEVICE_STATE, 0xC0000184);
    EXPECT_VALUE(STATUS_WMI_GUID_NOT_FOUND, 0xC0000295);
    EXPECT_VALUE(STATUS_WMI_INSTANCE_NOT_FOUND, 0xC0000296);
    EXPECT_VALUE(STATUS_WMI_ITEMID_NOT_FOUND, 0xC0000297);
    EXPECT_VALUE(STATUS_WMI_READ_ONLY, 0xC00002C6);
    EXPECT_VALUE(STATUS_WMI_SET_FAILURE, 0xC00002C7);
    EXPECT_VALUE(STATUS_WMI_GUID_DISCONNECTED, 0xC0000301);
    EXPECT_VALUE(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID, 0xC0200209);
    EXPECT_VALUE(STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED, 0xC020020F);
    EXPECT_VALUE(STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID, 0xC0200210);
    EXPECT_VALUE(STATUS_WDF_EXECUTION_LEVEL_INVALID, 0xC0200211);
    EXPECT_VALUE(STATUS_WDF_PARENT_NOT_SPECIFIED, 0xC0200212);
    EXPECT_VALUE(STATUS_WDF_QUEUED, 0x40200000);
    EXPECT_VALUE(STATUS_WDF_NO_PACKAGE, 0xC0200200);
    EXPECT_VALUE(STATUS_WDF_BUSY, 0xC0200204);
    EXPECT_VALUE(STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS, 0xC0200214);
    EXPECT_VALUE(FACILITY_DRIVER_FRAMEWORK, 0x20);
    assert_true(NT_SUCCESS(STATUS_WDF_QUEUED));
    assert_false(NT_SUCCESS(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID));
    assert_int_equal(layout_failures, 0);
}

/* wmi-client.md §1 (the NTSTATUS-to-Win32 table) */
static void test_win32_error_values(void **state)
{
    (void)state;
    layout_failures = 0;
    EXPECT_VALUE(ERROR_SUCCESS, 0);
    EXPECT_VALUE(ERROR_INVALID_FUNCTION, 1);
    EXPECT_VALUE(ERROR_ACCESS_DENIED, 5);
    EXPECT_VALUE(ERROR_NOT_ENOUGH_MEMORY, 8);
    EXPECT_VALUE(ERROR_GEN_FAILURE, 31);
    EXPECT_VALUE(ERROR_NOT_SUPPORTED, 50);
    EXPECT_VALUE(ERROR_INVALID_PARAMETER, 87);
    EXPECT_VALUE(ERROR_INSUFFICIENT_BUFFER, 122);
    EXPECT_VALUE(ERROR_MORE_DATA, 234);
    EXPECT_VALUE(ERROR_WMI_GUID_NOT_FOUND, 4200);
    EXPECT_VALUE(ERROR_WMI_INSTANCE_NOT_FOUND, 4201);
    EXPECT_VALUE(ERROR_WMI_ITEMID_NOT_FOUND, 4202);
    EXPECT_VALUE(ERROR_WMI_TRY_AGAIN, 4203);
    EXPECT_VALUE(ERROR_WMI_ALREADY_ENABLED, 4206);
    EXPECT_VALUE(ERROR_WMI_GUID_DISCONNECTED, 4207);
    EXPECT_VALUE(ERROR_WMI_ALREADY_DISABLED, 4212);
    EXPECT_VALUE(ERROR_WMI_READ_ONLY, 4213);
    EXPECT_VALUE(ERROR_WMI_SET_FAILURE, 4214);
    assert_int_equal(layout_failures, 0);
}

/* kmdf-wmi-semantics.md §5.6 */
static void test_power_guids(void **state)
{
    static const GUID enable = {0x827c0a6f, 0xfeb0, 0x11d0, {0xbd, 0x26, 0x00, 0xaa, 0x00, 0xb7, 0xb3, 0x2a}};
    static const GUID wake = {0xa9546a82, 0xfeb0, 0x11d0, {0xbd, 0x26, 0x00, 0xaa, 0x00, 0xb7, 0xb3, 0x2a}};
    static const GUID timeouts = {0xa45da735, 0xfeb0, 0x11d0, {0xbd, 0x26, 0x00, 0xaa, 0x00, 0xb7, 0xb3, 0x2a}};
    (void)state;
    assert_memory_equal(&GUID_POWER_DEVICE_ENABLE, &enable, sizeof(GUID));
    assert_memory_equal(&GUID_POWER_DEVICE_WAKE_ENABLE, &wake, sizeof(GUID));
    assert_memory_equal(&GUID_POWER_DEVICE_TIMEOUTS, &timeouts, sizeof(GUID));
    assert_true(IsEqualGUID(&GUID_POWER_DEVICE_ENABLE, &enable));
    assert_false(IsEqualGUID(&GUID_POWER_DEVICE_ENABLE, &wake));
}

/* The descriptor WDF_DECLARE_CONTEXT_TYPE_WITH_NAME generates (§1.8.2). */
static void test_declared_context_type(void **state)
{
    const WDF_OBJECT_CONTEXT_TYPE_INFO *info = WDF_GET_CONTEXT_TYPE_INFO(SAMPLE_DEVICE_CONTEXT);
    WDF_POINTER_TYPE_SAMPLE_DEVICE_CONTEXT typed = NULL;
    PSAMPLE_DEVICE_CONTEXT plain = typed;
    WDF_OBJECT_ATTRIBUTES attributes;
    (void)state;
    (void)plain;

    assert_ptr_equal(info, &_WDF_SAMPLE_DEVICE_CONTEXT_TYPE_INFO);
    assert_int_equal(info->Size, sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO));
    assert_string_equal(info->ContextName, "SAMPLE_DEVICE_CONTEXT");
    assert_int_equal(info->ContextSize, sizeof(SAMPLE_DEVICE_CONTEXT));
    assert_ptr_equal(info->UniqueType, info);
    assert_null(info->EvtDriverGetUniqueContextType);

    assert_string_equal(_WDF_SAMPLE_WMI_DATA_TYPE_INFO.ContextName, "SAMPLE_WMI_DATA");
    assert_int_equal(_WDF_SAMPLE_WMI_DATA_TYPE_INFO.ContextSize, sizeof(ULONG));
    assert_ptr_equal(_WDF_SAMPLE_WMI_DATA_TYPE_INFO.UniqueType, &_WDF_SAMPLE_WMI_DATA_TYPE_INFO);
    assert_ptr_not_equal(_WDF_SAMPLE_WMI_DATA_TYPE_INFO.UniqueType, info->UniqueType);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SAMPLE_DEVICE_CONTEXT);
    attributes.EvtCleanupCallback = SampleEvtCleanup;
    assert_ptr_equal(attributes.ContextTypeInfo, &_WDF_SAMPLE_DEVICE_CONTEXT_TYPE_INFO);
    assert_ptr_equal(attributes.EvtCleanupCallback, SampleEvtCleanup);
    /* The device role names are the object callbacks under another name. */
    attributes.EvtCleanupCallback = SampleEvtDeviceContextCleanup;
    attributes.EvtDestroyCallback = SampleEvtDeviceContextDestroy;
    assert_ptr_equal(attributes.EvtDestroyCallback, SampleEvtDeviceContextDestroy);

    /* The generated accessor and the generic macro both type-check (unevaluated: no framework call). */
    assert_int_equal(sizeof(SampleGetDeviceContext(NULL)), sizeof(PSAMPLE_DEVICE_CONTEXT));
    assert_int_equal(sizeof(WdfObjectGet_SAMPLE_WMI_DATA(NULL)), sizeof(SAMPLE_WMI_DATA *));
    assert_int_equal(sizeof(*WdfObjectGetTypedContext((WDFDEVICE)NULL, SAMPLE_DEVICE_CONTEXT)),
                     sizeof(SAMPLE_DEVICE_CONTEXT));
    assert_int_equal(sizeof(WdfObjectReference((WDFOBJECT)NULL), 0), sizeof(int));
}

/* The driver's callbacks run and produce the bytes a WMI client would see. */
static void test_driver_snippet_runs(void **state)
{
    UCHAR buffer[32];
    ULONG used = 0xDEADBEEF;
    ULONG value = 0;
    USHORT length = 0;
    WDF_WMI_PROVIDER_CONFIG providerConfig;
    WDF_WMI_INSTANCE_CONFIG instanceConfig;
    (void)state;

    memset(buffer, 0xCC, sizeof(buffer));
    assert_int_equal(SampleEvtWmiQuery(NULL, sizeof(buffer), buffer, &used), STATUS_SUCCESS);
    assert_int_equal(used, 4 + 2 + 12);
    memcpy(&value, buffer, sizeof(value));
    assert_int_equal(value, 0x01020304);
    memcpy(&length, buffer + 4, sizeof(length));
    assert_int_equal(length, 12);
    assert_memory_equal(buffer + 6, "S\0e\0n\0s\0o\0r\0", 12);
    assert_int_equal(buffer[18], 0xCC);

    used = 0;
    assert_int_equal(SampleEvtWmiQuery(NULL, 2, buffer, &used), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(used, 18);
    /* Room for the ULONG but not the whole string: the helper's TOO_SMALL reaches the caller. */
    assert_int_equal(SampleEvtWmiQuery(NULL, 10, buffer, &used), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(used, 18);

    value = 77;
    assert_int_equal(SampleEvtWmiSetItem(NULL, 1, sizeof(value), &value), STATUS_SUCCESS);
    assert_int_equal(g_sample_temperature, 77);
    assert_int_equal(SampleEvtWmiSetItem(NULL, 2, sizeof(value), &value), STATUS_WMI_ITEMID_NOT_FOUND);
    assert_int_equal(SampleEvtWmiExecute(NULL, 1, 0, sizeof(ULONG), buffer, &used), STATUS_SUCCESS);
    assert_int_equal(used, 4);
    assert_int_equal(SampleEvtWmiControl(NULL, WdfWmiEventControl, TRUE), STATUS_SUCCESS);
    assert_int_equal(SampleEvtD0Entry(NULL, WdfPowerDeviceD3Final), STATUS_SUCCESS);
    g_sample_temperature = 0x01020304;

    /* Role-type definitions convert to the configuration's PFN fields. */
    WDF_WMI_PROVIDER_CONFIG_INIT(&providerConfig, &SampleGuid);
    providerConfig.Flags = WdfWmiProviderExpensive;
    providerConfig.EvtWmiProviderFunctionControl = SampleEvtWmiControl;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&instanceConfig, &providerConfig);
    instanceConfig.Register = TRUE;
    instanceConfig.EvtWmiInstanceQueryInstance = SampleEvtWmiQuery;
    instanceConfig.EvtWmiInstanceSetInstance = SampleEvtWmiSet;
    instanceConfig.EvtWmiInstanceSetItem = SampleEvtWmiSetItem;
    instanceConfig.EvtWmiInstanceExecuteMethod = SampleEvtWmiExecute;
    assert_ptr_equal(instanceConfig.ProviderConfig, &providerConfig);
    assert_memory_equal(&providerConfig.Guid, &SampleGuid, sizeof(GUID));
    assert_int_equal(instanceConfig.EvtWmiInstanceQueryInstance(NULL, sizeof(buffer), buffer, &used), STATUS_SUCCESS);
    assert_int_equal(used, 18);
}

/* ntintsafe.h: header-only, so its behaviour is testable here. */
static void test_ntintsafe_unsigned(void **state)
{
    ULONG ul = 0;
    USHORT us = 0;
    SIZE_T sz = 0;
    ULONGLONG ull = 0;
    UCHAR uc = 7;
    (void)state;

    assert_int_equal(RtlULongAdd(0xFFFFFFFEu, 1, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 0xFFFFFFFFu);
    assert_int_equal(RtlULongAdd(0xFFFFFFFFu, 1, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(ul, ULONG_ERROR);
    assert_int_equal(ul, 0xFFFFFFFFu);
    assert_int_equal(RtlULongSub(3, 4, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongSub(4, 3, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 1);
    assert_int_equal(RtlULongMult(0x10000, 0xFFFF, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 0xFFFF0000u);
    assert_int_equal(RtlULongMult(0x10000, 0x10000, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongMult(0, 0xFFFFFFFFu, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 0);

    assert_int_equal(RtlUShortAdd(0xFFFE, 1, &us), STATUS_SUCCESS);
    assert_int_equal(us, 0xFFFF);
    assert_int_equal(RtlUShortAdd(0xFFFF, 1, &us), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(us, 0xFFFF);
    assert_int_equal(RtlUShortMult(256, 256, &us), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlUShortMult(255, 257, &us), STATUS_SUCCESS);
    assert_int_equal(us, 65535);

    assert_int_equal(RtlSizeTAdd(MAXSIZE_T, 1, &sz), STATUS_INTEGER_OVERFLOW);
    assert_true(sz == SIZET_ERROR);
    assert_int_equal(RtlSizeTAdd(MAXSIZE_T - 1, 1, &sz), STATUS_SUCCESS);
    assert_true(sz == MAXSIZE_T);
    assert_int_equal(RtlSizeTMult(MAXSIZE_T / 2 + 1, 2, &sz), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlSizeTMult(MAXSIZE_T / 2, 2, &sz), STATUS_SUCCESS);
    assert_true(sz == MAXSIZE_T - 1);

    assert_int_equal(RtlULongLongAdd(0xFFFFFFFFFFFFFFFFull, 1, &ull), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongLongMult(0x100000000ull, 0x100000000ull, &ull), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongLongMult(0x100000000ull, 0xFFFFFFFFull, &ull), STATUS_SUCCESS);
    assert_true(ull == 0xFFFFFFFF00000000ull);

    assert_int_equal(RtlULongLongToULong(0xFFFFFFFFull, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 0xFFFFFFFFu);
    assert_int_equal(RtlULongLongToULong(0x100000000ull, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(ul, ULONG_ERROR);
    assert_int_equal(RtlULongToUShort(0x10000, &us), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongToUShort(0xFFFF, &us), STATUS_SUCCESS);
    assert_int_equal(RtlULongToUChar(256, &uc), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(uc, 0); /* UCHAR_ERROR is 0, not 0xFF */
    assert_int_equal(RtlSizeTToULong((SIZE_T)0xFFFFFFFFu, &ul), STATUS_SUCCESS);
#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
    assert_int_equal(RtlSizeTToULong((SIZE_T)0x100000000ull, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongLongToSizeT(0x100000000ull, &sz), STATUS_SUCCESS);
#else
    assert_int_equal(RtlULongLongToSizeT(0x100000000ull, &sz), STATUS_INTEGER_OVERFLOW);
#endif
    assert_int_equal(RtlULongToLong(0x80000000u, &(LONG){0}), STATUS_INTEGER_OVERFLOW);
}

static void test_ntintsafe_signed(void **state)
{
    LONG l = 0;
    ULONG ul = 0;
    INT i = 0;
    LONGLONG ll = 0;
    SIZE_T sz = 0;
    (void)state;

    assert_int_equal(RtlLongToULong(-1, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(ul, ULONG_ERROR);
    assert_int_equal(RtlLongToULong(0x7FFFFFFF, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 0x7FFFFFFFu);
    assert_int_equal(RtlIntToSizeT(-5, &sz), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlLongLongToLong(0x80000000ll, &l), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(l, -1);
    assert_int_equal(RtlLongLongToLong(-0x80000000ll, &l), STATUS_SUCCESS);
    assert_int_equal(l, MINLONG);

    assert_int_equal(RtlLongAdd(MAXLONG, 1, &l), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlLongAdd(MAXLONG, -1, &l), STATUS_SUCCESS);
    assert_int_equal(l, MAXLONG - 1);
    assert_int_equal(RtlLongSub(MINLONG, 1, &l), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlLongMult(-65536, 32768, &l), STATUS_SUCCESS);
    assert_int_equal(l, MINLONG);
    assert_int_equal(RtlLongMult(65536, 32768, &l), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlIntMult(-1, MININT32, &i), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(i, -1);
    assert_int_equal(RtlLongLongAdd(MAXINT64, 1, &ll), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlLongLongSub(MININT64, 1, &ll), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlLongLongMult(MININT64, -1, &ll), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlLongLongMult(-3037000499ll, 3037000499ll, &ll), STATUS_SUCCESS);
    assert_true(ll == -9223372030926249001ll);
    assert_int_equal(RtlLongLongMult(4294967296ll, -2147483648ll, &ll), STATUS_SUCCESS);
    assert_true(ll == MININT64);
    assert_int_equal(RtlLongLongMult(4294967296ll, 2147483648ll, &ll), STATUS_INTEGER_OVERFLOW);
}

static void test_wpprecorder_params(void **state)
{
    RECORDER_LOG_CREATE_PARAMS params;
    RECORDER_CONFIGURE_PARAMS configure;
    RECORDER_LOG recorderLog = NULL;
    char name[] = "AVeryLongLogIdentifierName";
    (void)state;
    (void)recorderLog;

    memset(&params, 0xAB, sizeof(params));
    RECORDER_LOG_CREATE_PARAMS_INIT(&params, name);
    assert_int_equal(params.Size, sizeof(params));
    assert_int_equal(params.TotalBufferSize, RECORDER_LOG_DEFAULT_BUFFER_SIZE);
    assert_int_equal(params.TotalBufferSize, 1024);
    assert_int_equal(params.ErrorPartitionSize, 200);
    assert_int_equal(params.LogIdentifierSize, RECORDER_LOG_IDENTIFIER_MAX_CHARS);
    assert_int_equal(params.LogTag, 0);
    assert_false(params.LogIdentifierAppendValueSet);
    assert_string_equal(params.LogIdentifier, "AVeryLongLogIde"); /* 15 characters and the NUL */

    RECORDER_LOG_CREATE_PARAMS_INIT_APPEND_POINTER(&params, NULL, &params);
    assert_string_equal(params.LogIdentifier, "");
    assert_true(params.LogIdentifierAppendValueSet);
    assert_true(params.LogIdentifierAppendValue == (ULONG_PTR)&params);

    RECORDER_CONFIGURE_PARAMS_INIT(&configure);
    assert_int_equal(configure.Size, sizeof(configure));
    assert_true(configure.CreateDefaultLog);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_drivers_define_stay_undefined),
        cmocka_unit_test(test_wdfwmi_layouts),
        cmocka_unit_test(test_wdfobject_layouts),
        cmocka_unit_test(test_wmistr_layouts),
        cmocka_unit_test(test_wdf_enum_values),
        cmocka_unit_test(test_wmi_constants),
        cmocka_unit_test(test_ntstatus_values),
        cmocka_unit_test(test_win32_error_values),
        cmocka_unit_test(test_power_guids),
        cmocka_unit_test(test_declared_context_type),
        cmocka_unit_test(test_driver_snippet_runs),
        cmocka_unit_test(test_ntintsafe_unsigned),
        cmocka_unit_test(test_ntintsafe_signed),
        cmocka_unit_test(test_wpprecorder_params),
    };
    return cmocka_run_group_tests_name("wdk_headers", tests, NULL, NULL);
}
