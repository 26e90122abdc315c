/*
 * The behaviour of the header-only WDF helpers drivers call before any DDI:
 * the *_INIT functions (zero-fill, Size, documented defaults; every byte is
 * checked after pre-filling with 0xAB, padding included), the context-type
 * macros, WDF_WMI_BUFFER_APPEND_STRING (kmdf-wmi-semantics.md §1.6), and
 * the timeout, alignment and queue-state helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <ntddk.h>
#include <wdf.h>

#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
#define ARCH(x64, x86) ((size_t)(x64))
#else
#define ARCH(x64, x86) ((size_t)(x86))
#endif

#define PREFILL 0xAB

/* Fails naming the first byte that is not zero. */
static void assert_all_zero(const void *p, size_t n, const char *what)
{
    const UCHAR *bytes = (const UCHAR *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        if (bytes[i] != 0) {
            print_error("%s: byte %lu is 0x%02x, expected 0\n", what, (unsigned long)i, bytes[i]);
            fail();
        }
    }
}

/* Clears FIELD in a copy; what is left must be all zero. */
#define CLEAR(copy, field) memset(&(copy).field, 0, sizeof((copy).field))

typedef struct _HELPER_CONTEXT {
    ULONG Counter;
    UCHAR Bytes[20];
} HELPER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(HELPER_CONTEXT, HelperGetContext)

typedef struct _OTHER_CONTEXT {
    ULONGLONG Value;
} OTHER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE(OTHER_CONTEXT)

static NTSTATUS HelperFunctionControl(WDFWMIPROVIDER Provider, WDF_WMI_PROVIDER_CONTROL Control, BOOLEAN Enable)
{
    (void)Provider;
    (void)Control;
    (void)Enable;
    return STATUS_SUCCESS;
}

static NTSTATUS HelperDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    (void)Driver;
    (void)DeviceInit;
    return STATUS_SUCCESS;
}

static VOID HelperTimer(WDFTIMER Timer)
{
    (void)Timer;
}

static VOID HelperWorkItem(WDFWORKITEM WorkItem)
{
    (void)WorkItem;
}

static VOID HelperFileClose(WDFFILEOBJECT FileObject)
{
    (void)FileObject;
}

static NTSTATUS HelperCreateChild(WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Description,
                                  PWDFDEVICE_INIT ChildInit)
{
    (void)ChildList;
    (void)Description;
    (void)ChildInit;
    return STATUS_SUCCESS;
}

/* ---- wdfwmi.h INIT helpers (§1.6) --------------------------------------- */

static void test_wmi_provider_config_init(void **state)
{
    static const GUID guid = {0xdeadbeef, 0x1234, 0x5678, {0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22, 0x33, 0x44}};
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG rest;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &guid);
    assert_int_equal(config.Size, ARCH(40, 32));
    assert_int_equal(config.Size, sizeof(WDF_WMI_PROVIDER_CONFIG));
    assert_memory_equal(&config.Guid, &guid, sizeof(GUID));
    assert_int_equal(config.Flags, 0);
    assert_int_equal(config.MinInstanceBufferSize, 0);
    assert_null(config.EvtWmiProviderFunctionControl);
    rest = config;
    CLEAR(rest, Size);
    CLEAR(rest, Guid);
    assert_all_zero(&rest, sizeof(rest), "WDF_WMI_PROVIDER_CONFIG");

    config.EvtWmiProviderFunctionControl = HelperFunctionControl;
    assert_ptr_equal(config.EvtWmiProviderFunctionControl, HelperFunctionControl);
}

static void test_wmi_instance_config_init_provider(void **state)
{
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG rest;
    WDFWMIPROVIDER provider = (WDFWMIPROVIDER)(ULONG_PTR)0x1230;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    assert_int_equal(config.Size, ARCH(64, 32));
    assert_int_equal(config.Size, sizeof(WDF_WMI_INSTANCE_CONFIG));
    assert_ptr_equal(config.Provider, provider);
    assert_null(config.ProviderConfig);
    assert_int_equal(config.UseContextForQuery, FALSE);
    assert_int_equal(config.Register, FALSE);
    assert_null(config.EvtWmiInstanceQueryInstance);
    assert_null(config.EvtWmiInstanceSetInstance);
    assert_null(config.EvtWmiInstanceSetItem);
    assert_null(config.EvtWmiInstanceExecuteMethod);
    rest = config;
    CLEAR(rest, Size);
    CLEAR(rest, Provider);
    assert_all_zero(&rest, sizeof(rest), "WDF_WMI_INSTANCE_CONFIG (provider)");
}

static void test_wmi_instance_config_init_provider_config(void **state)
{
    WDF_WMI_PROVIDER_CONFIG providerConfig;
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG rest;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&config, &providerConfig);
    assert_int_equal(config.Size, ARCH(64, 32));
    assert_ptr_equal(config.ProviderConfig, &providerConfig);
    assert_null(config.Provider);
    assert_int_equal(config.Register, FALSE);
    assert_int_equal(config.UseContextForQuery, FALSE);
    rest = config;
    CLEAR(rest, Size);
    CLEAR(rest, ProviderConfig);
    assert_all_zero(&rest, sizeof(rest), "WDF_WMI_INSTANCE_CONFIG (provider config)");
}

/* ---- WDF_WMI_BUFFER_APPEND_STRING (§1.6) --------------------------------- */

static UNICODE_STRING make_string(PWCH buffer, USHORT length)
{
    UNICODE_STRING s;
    s.Length = length;
    s.MaximumLength = length;
    s.Buffer = buffer;
    return s;
}

static void test_append_string_success(void **state)
{
    WCHAR text[] = {L'A', L'B', L'C'};
    UNICODE_STRING s = make_string(text, 6);
    UCHAR buffer[16];
    ULONG required = 0xDEADBEEF;
    static const UCHAR expected[8] = {6, 0, 'A', 0, 'B', 0, 'C', 0};
    size_t i;
    (void)state;

    memset(buffer, 0xCC, sizeof(buffer));
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, sizeof(buffer), &s, &required), STATUS_SUCCESS);
    assert_int_equal(required, 8);
    assert_memory_equal(buffer, expected, sizeof(expected));
    /* No terminating NUL, no padding: everything past the 8 bytes is untouched. */
    for (i = 8; i < sizeof(buffer); i++) {
        assert_int_equal(buffer[i], 0xCC);
    }
}

static void test_append_string_exact_fit(void **state)
{
    WCHAR text[] = {L'x', L'y'};
    UNICODE_STRING s = make_string(text, 4);
    UCHAR buffer[7];
    ULONG required = 0;
    (void)state;

    memset(buffer, 0xCC, sizeof(buffer));
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, 6, &s, &required), STATUS_SUCCESS);
    assert_int_equal(required, 6);
    assert_int_equal(buffer[0], 4);
    assert_int_equal(buffer[1], 0);
    assert_int_equal(buffer[2], 'x');
    assert_int_equal(buffer[4], 'y');
    assert_int_equal(buffer[6], 0xCC);
}

static void test_append_string_too_small_writes_nothing(void **state)
{
    WCHAR text[] = {L'A', L'B', L'C'};
    UNICODE_STRING s = make_string(text, 6);
    UCHAR buffer[16];
    UCHAR canary[16];
    ULONG required = 0xDEADBEEF;
    ULONG length;
    (void)state;

    memset(canary, 0xCC, sizeof(canary));
    for (length = 0; length < 8; length++) {
        memcpy(buffer, canary, sizeof(buffer));
        required = 0xDEADBEEF;
        assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, length, &s, &required), STATUS_BUFFER_TOO_SMALL);
        assert_int_equal(required, 8); /* reported on failure too */
        assert_memory_equal(buffer, canary, sizeof(buffer));
    }
}

static void test_append_string_odd_sizes(void **state)
{
    WCHAR text[] = {L'A', L'B', L'C'};
    UNICODE_STRING odd = make_string(text, 3); /* malformed but copied as given */
    UCHAR buffer[9];
    ULONG required = 0;
    (void)state;

    memset(buffer, 0xCC, sizeof(buffer));
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, 4, &odd, &required), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(required, 5);
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, 5, &odd, &required), STATUS_SUCCESS);
    assert_int_equal(required, 5);
    assert_int_equal(buffer[0], 3);
    assert_int_equal(buffer[1], 0);
    assert_int_equal(buffer[2], 'A');
    assert_int_equal(buffer[3], 0);
    assert_int_equal(buffer[4], 'B');
    assert_int_equal(buffer[5], 0xCC);

    /* An odd buffer length larger than needed: only Length + 2 bytes are written. */
    {
        UNICODE_STRING even = make_string(text, 4);
        memset(buffer, 0xCC, sizeof(buffer));
        assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, 7, &even, &required), STATUS_SUCCESS);
        assert_int_equal(required, 6);
        assert_int_equal(buffer[6], 0xCC);
    }
}

static void test_append_string_empty(void **state)
{
    UNICODE_STRING empty = make_string(NULL, 0);
    UCHAR buffer[4];
    ULONG required = 0xDEADBEEF;
    (void)state;

    memset(buffer, 0xCC, sizeof(buffer));
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, 1, &empty, &required), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(required, 2);
    assert_int_equal(buffer[0], 0xCC);
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, 2, &empty, &required), STATUS_SUCCESS);
    assert_int_equal(required, 2);
    assert_int_equal(buffer[0], 0);
    assert_int_equal(buffer[1], 0);
    assert_int_equal(buffer[2], 0xCC);
}

static void test_append_string_unaligned_and_long(void **state)
{
    WCHAR text[] = {L'Q'};
    UNICODE_STRING s = make_string(text, 2);
    UNICODE_STRING longest = make_string(text, 0xFFFE);
    UCHAR buffer[8];
    ULONG required = 0;
    (void)state;

    /* ALL_DATA packs names anywhere: the destination need not be aligned. */
    memset(buffer, 0xCC, sizeof(buffer));
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer + 1, 7, &s, &required), STATUS_SUCCESS);
    assert_int_equal(required, 4);
    assert_int_equal(buffer[0], 0xCC);
    assert_int_equal(buffer[1], 2);
    assert_int_equal(buffer[2], 0);
    assert_int_equal(buffer[3], 'Q');
    assert_int_equal(buffer[4], 0);
    assert_int_equal(buffer[5], 0xCC);

    /* Length + 2 is computed in ULONG: no 16-bit wrap at the largest length. */
    assert_int_equal(WDF_WMI_BUFFER_APPEND_STRING(buffer, sizeof(buffer), &longest, &required),
                     STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(required, 0x10000);
}

/* ---- wdfobject.h (§1.8.2) ----------------------------------------------- */

static void test_object_attributes_init(void **state)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES rest;
    (void)state;

    memset(&attributes, PREFILL, sizeof(attributes));
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    assert_int_equal(attributes.Size, ARCH(56, 32));
    assert_int_equal(attributes.Size, sizeof(WDF_OBJECT_ATTRIBUTES));
    assert_int_equal(attributes.ExecutionLevel, 1);
    assert_int_equal(attributes.ExecutionLevel, WdfExecutionLevelInheritFromParent);
    assert_int_equal(attributes.SynchronizationScope, 1);
    assert_int_equal(attributes.SynchronizationScope, WdfSynchronizationScopeInheritFromParent);
    assert_null(attributes.EvtCleanupCallback);
    assert_null(attributes.EvtDestroyCallback);
    assert_null(attributes.ParentObject);
    assert_int_equal(attributes.ContextSizeOverride, 0);
    assert_null(attributes.ContextTypeInfo);
    rest = attributes;
    CLEAR(rest, Size);
    CLEAR(rest, ExecutionLevel);
    CLEAR(rest, SynchronizationScope);
    assert_all_zero(&rest, sizeof(rest), "WDF_OBJECT_ATTRIBUTES");
}

static void test_set_context_type_stores_unique_type(void **state)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    (void)state;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(&attributes, HELPER_CONTEXT);
    assert_ptr_equal(attributes.ContextTypeInfo, _WDF_HELPER_CONTEXT_TYPE_INFO.UniqueType);
    assert_ptr_equal(attributes.ContextTypeInfo, &_WDF_HELPER_CONTEXT_TYPE_INFO);
    assert_int_equal(attributes.Size, sizeof(WDF_OBJECT_ATTRIBUTES)); /* SET leaves the rest alone */

    memset(&attributes, PREFILL, sizeof(attributes));
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, OTHER_CONTEXT);
    assert_int_equal(attributes.Size, sizeof(WDF_OBJECT_ATTRIBUTES));
    assert_int_equal(attributes.ExecutionLevel, WdfExecutionLevelInheritFromParent);
    assert_ptr_equal(attributes.ContextTypeInfo, &_WDF_OTHER_CONTEXT_TYPE_INFO);
    assert_int_equal(attributes.ContextSizeOverride, 0);
}

/* Two statements, as in the WDK: an unbraced `if` guards only the first. */
static void test_init_context_type_is_two_statements(void **state)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    volatile int never = 0;
    (void)state;

    memset(&attributes, PREFILL, sizeof(attributes));
    if (never)
        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, HELPER_CONTEXT);
    assert_int_equal(attributes.Size, 0xABABABABu);
    assert_ptr_equal(attributes.ContextTypeInfo, &_WDF_HELPER_CONTEXT_TYPE_INFO);
}

static void test_context_type_descriptors(void **state)
{
    (void)state;
    assert_int_equal(_WDF_HELPER_CONTEXT_TYPE_INFO.Size, ARCH(40, 20));
    assert_string_equal(_WDF_HELPER_CONTEXT_TYPE_INFO.ContextName, "HELPER_CONTEXT");
    assert_int_equal(_WDF_HELPER_CONTEXT_TYPE_INFO.ContextSize, sizeof(HELPER_CONTEXT));
    assert_int_equal(_WDF_HELPER_CONTEXT_TYPE_INFO.ContextSize, 24);
    assert_ptr_equal(_WDF_HELPER_CONTEXT_TYPE_INFO.UniqueType, &_WDF_HELPER_CONTEXT_TYPE_INFO);
    assert_null(_WDF_HELPER_CONTEXT_TYPE_INFO.EvtDriverGetUniqueContextType);
    assert_string_equal(_WDF_OTHER_CONTEXT_TYPE_INFO.ContextName, "OTHER_CONTEXT");
    assert_int_equal(_WDF_OTHER_CONTEXT_TYPE_INFO.ContextSize, 8);
    assert_ptr_equal(WDF_GET_CONTEXT_TYPE_INFO(OTHER_CONTEXT), &_WDF_OTHER_CONTEXT_TYPE_INFO);
    /* The accessors exist with the pointer type (unevaluated: no framework call). */
    assert_int_equal(sizeof(*HelperGetContext(NULL)), sizeof(HELPER_CONTEXT));
    assert_int_equal(sizeof(*WdfObjectGet_OTHER_CONTEXT(NULL)), sizeof(OTHER_CONTEXT));
}

/* ---- wdfdriver.h, wdfdevice.h -------------------------------------------- */

static void test_driver_config_init(void **state)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG rest;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_DRIVER_CONFIG_INIT(&config, HelperDeviceAdd);
    assert_int_equal(config.Size, ARCH(32, 20));
    assert_int_equal(config.Size, sizeof(WDF_DRIVER_CONFIG));
    assert_ptr_equal(config.EvtDriverDeviceAdd, HelperDeviceAdd);
    assert_null(config.EvtDriverUnload);
    assert_int_equal(config.DriverInitFlags, 0);
    assert_int_equal(config.DriverPoolTag, 0);
    rest = config;
    CLEAR(rest, Size);
    CLEAR(rest, EvtDriverDeviceAdd);
    assert_all_zero(&rest, sizeof(rest), "WDF_DRIVER_CONFIG");

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    assert_null(config.EvtDriverDeviceAdd);
}

static void test_pnppower_callbacks_init(void **state)
{
    WDF_PNPPOWER_EVENT_CALLBACKS callbacks;
    WDF_PNPPOWER_EVENT_CALLBACKS rest;
    WDF_POWER_POLICY_EVENT_CALLBACKS policy;
    WDF_POWER_POLICY_EVENT_CALLBACKS policyRest;
    (void)state;

    memset(&callbacks, PREFILL, sizeof(callbacks));
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&callbacks);
    /* Size then 17 callbacks. */
    assert_int_equal(callbacks.Size, ARCH(8 + 17 * 8, 4 + 17 * 4));
    assert_int_equal(callbacks.Size, sizeof(WDF_PNPPOWER_EVENT_CALLBACKS));
    assert_int_equal(offsetof(WDF_PNPPOWER_EVENT_CALLBACKS, EvtDeviceD0Entry), ARCH(8, 4));
    assert_int_equal(offsetof(WDF_PNPPOWER_EVENT_CALLBACKS, EvtDevicePrepareHardware), ARCH(40, 20));
    assert_int_equal(offsetof(WDF_PNPPOWER_EVENT_CALLBACKS, EvtDeviceUsageNotificationEx), ARCH(136, 68));
    rest = callbacks;
    CLEAR(rest, Size);
    assert_all_zero(&rest, sizeof(rest), "WDF_PNPPOWER_EVENT_CALLBACKS");

    memset(&policy, PREFILL, sizeof(policy));
    WDF_POWER_POLICY_EVENT_CALLBACKS_INIT(&policy);
    assert_int_equal(policy.Size, ARCH(8 + 7 * 8, 4 + 7 * 4));
    policyRest = policy;
    CLEAR(policyRest, Size);
    assert_all_zero(&policyRest, sizeof(policyRest), "WDF_POWER_POLICY_EVENT_CALLBACKS");
}

static void test_idle_settings_init(void **state)
{
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS settings;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS rest;
    (void)state;

    memset(&settings, PREFILL, sizeof(settings));
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&settings, IdleCannotWakeFromS0);
    assert_int_equal(settings.Size, 36);
    assert_int_equal(settings.Size, sizeof(settings));
    assert_int_equal(settings.IdleCaps, IdleCannotWakeFromS0);
    assert_int_equal(settings.DxState, PowerDeviceD3);
    assert_int_equal(settings.DxState, 4);
    assert_int_equal(settings.IdleTimeout, 0);
    assert_int_equal(settings.IdleTimeout, IdleTimeoutDefaultValue);
    assert_int_equal(settings.UserControlOfIdleSettings, IdleAllowUserControl);
    assert_int_equal(settings.UserControlOfIdleSettings, 2);
    assert_int_equal(settings.Enabled, WdfUseDefault);
    assert_int_equal(settings.PowerUpIdleDeviceOnSystemWake, WdfUseDefault);
    assert_int_equal(settings.IdleTimeoutType, DriverManagedIdleTimeout);
    assert_int_equal(settings.ExcludeD3Cold, WdfUseDefault);
    rest = settings;
    CLEAR(rest, Size);
    CLEAR(rest, IdleCaps);
    CLEAR(rest, DxState);
    CLEAR(rest, UserControlOfIdleSettings);
    CLEAR(rest, Enabled);
    CLEAR(rest, PowerUpIdleDeviceOnSystemWake);
    CLEAR(rest, ExcludeD3Cold);
    assert_all_zero(&rest, sizeof(rest), "WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS");

    /* A device that can wake itself idles in the deepest state it can wake from. */
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&settings, IdleCanWakeFromS0);
    assert_int_equal(settings.DxState, PowerDeviceMaximum);
    assert_int_equal(settings.DxState, 5);
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&settings, IdleUsbSelectiveSuspend);
    assert_int_equal(settings.IdleCaps, 3);
    assert_int_equal(settings.DxState, PowerDeviceMaximum);
}

static void test_wake_settings_init(void **state)
{
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS settings;
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS rest;
    (void)state;

    memset(&settings, PREFILL, sizeof(settings));
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(&settings);
    assert_int_equal(settings.Size, 20);
    assert_int_equal(settings.Size, sizeof(settings));
    assert_int_equal(settings.DxState, PowerDeviceMaximum);
    assert_int_equal(settings.UserControlOfWakeSettings, WakeAllowUserControl);
    assert_int_equal(settings.UserControlOfWakeSettings, 2);
    assert_int_equal(settings.Enabled, WdfUseDefault);
    assert_int_equal(settings.ArmForWakeIfChildrenAreArmedForWake, FALSE);
    assert_int_equal(settings.IndicateChildWakeOnParentWake, FALSE);
    rest = settings;
    CLEAR(rest, Size);
    CLEAR(rest, DxState);
    CLEAR(rest, UserControlOfWakeSettings);
    CLEAR(rest, Enabled);
    assert_all_zero(&rest, sizeof(rest), "WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS");
}

static void test_device_state_and_capabilities_init(void **state)
{
    WDF_DEVICE_STATE deviceState;
    WDF_DEVICE_PNP_CAPABILITIES pnp;
    WDF_DEVICE_POWER_CAPABILITIES power;
    ULONG i;
    (void)state;

    memset(&deviceState, PREFILL, sizeof(deviceState));
    WDF_DEVICE_STATE_INIT(&deviceState);
    assert_int_equal(deviceState.Size, sizeof(deviceState));
    assert_int_equal(deviceState.Disabled, WdfUseDefault);
    assert_int_equal(deviceState.Failed, WdfUseDefault);
    assert_int_equal(deviceState.AssignedToGuest, WdfUseDefault);

    memset(&pnp, PREFILL, sizeof(pnp));
    WDF_DEVICE_PNP_CAPABILITIES_INIT(&pnp);
    assert_int_equal(pnp.Size, sizeof(pnp));
    assert_int_equal(pnp.Removable, WdfUseDefault);
    assert_int_equal(pnp.SurpriseRemovalOK, WdfUseDefault);
    assert_int_equal(pnp.Address, 0xFFFFFFFFu);
    assert_int_equal(pnp.UINumber, 0xFFFFFFFFu);

    memset(&power, PREFILL, sizeof(power));
    WDF_DEVICE_POWER_CAPABILITIES_INIT(&power);
    for (i = 0; i < PowerSystemMaximum; i++) {
        assert_int_equal(power.DeviceState[i], PowerDeviceMaximum);
    }
    assert_int_equal(power.SystemWake, PowerSystemMaximum);
    assert_int_equal(power.D3Latency, 0xFFFFFFFFu);
    assert_int_equal(power.WakeFromD3, WdfUseDefault);
}

static void test_fileobject_and_io_type_config_init(void **state)
{
    WDF_FILEOBJECT_CONFIG file;
    WDF_IO_TYPE_CONFIG ioType;
    (void)state;

    memset(&file, PREFILL, sizeof(file));
    WDF_FILEOBJECT_CONFIG_INIT(&file, WDF_NO_EVENT_CALLBACK, HelperFileClose, WDF_NO_EVENT_CALLBACK);
    assert_int_equal(file.Size, sizeof(file));
    assert_null(file.EvtDeviceFileCreate);
    assert_ptr_equal(file.EvtFileClose, HelperFileClose);
    assert_null(file.EvtFileCleanup);
    assert_int_equal(file.AutoForwardCleanupClose, WdfUseDefault);
    assert_int_equal(file.FileObjectClass, WdfFileObjectWdfCannotUseFsContexts);
    assert_int_equal(file.FileObjectClass, 4);

    memset(&ioType, PREFILL, sizeof(ioType));
    WDF_IO_TYPE_CONFIG_INIT(&ioType);
    assert_int_equal(ioType.ReadWriteIoType, WdfDeviceIoBuffered);
    assert_int_equal(ioType.DeviceControlIoType, WdfDeviceIoBuffered);
    assert_int_equal(ioType.DirectTransferThreshold, 0);
}

/* ---- wdftimer.h, wdfworkitem.h, wdfio.h, wdfrequest.h, wdfmemory.h ------- */

static void test_timer_config_init(void **state)
{
    WDF_TIMER_CONFIG config;
    WDF_TIMER_CONFIG rest;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_TIMER_CONFIG_INIT(&config, HelperTimer);
    assert_int_equal(config.Size, ARCH(40, 32));
    assert_int_equal(config.Size, sizeof(WDF_TIMER_CONFIG));
    assert_ptr_equal(config.EvtTimerFunc, HelperTimer);
    assert_int_equal(config.Period, 0);
    assert_int_equal(config.AutomaticSerialization, TRUE);
    assert_int_equal(config.TolerableDelay, 0);
    assert_int_equal(config.UseHighResolutionTimer, FALSE);
    rest = config;
    CLEAR(rest, Size);
    CLEAR(rest, EvtTimerFunc);
    CLEAR(rest, AutomaticSerialization);
    assert_all_zero(&rest, sizeof(rest), "WDF_TIMER_CONFIG");

    memset(&config, PREFILL, sizeof(config));
    WDF_TIMER_CONFIG_INIT_PERIODIC(&config, HelperTimer, 250);
    assert_int_equal(config.Size, sizeof(WDF_TIMER_CONFIG));
    assert_ptr_equal(config.EvtTimerFunc, HelperTimer);
    assert_int_equal(config.Period, 250);
    assert_int_equal(config.AutomaticSerialization, TRUE);
    assert_int_equal(config.TolerableDelay, 0);
    assert_int_equal(config.UseHighResolutionTimer, FALSE);
    assert_int_equal(TolerableDelayUnlimited, 0xFFFFFFFFu);
}

static void test_workitem_config_init(void **state)
{
    WDF_WORKITEM_CONFIG config;
    WDF_WORKITEM_CONFIG rest;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_WORKITEM_CONFIG_INIT(&config, HelperWorkItem);
    assert_int_equal(config.Size, sizeof(config));
    assert_ptr_equal(config.EvtWorkItemFunc, HelperWorkItem);
    assert_int_equal(config.AutomaticSerialization, TRUE);
    rest = config;
    CLEAR(rest, Size);
    CLEAR(rest, EvtWorkItemFunc);
    CLEAR(rest, AutomaticSerialization);
    assert_all_zero(&rest, sizeof(rest), "WDF_WORKITEM_CONFIG");
}

static void test_io_queue_config_init(void **state)
{
    WDF_IO_QUEUE_CONFIG config;
    (void)state;

    memset(&config, PREFILL, sizeof(config));
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchSequential);
    assert_int_equal(config.Size, sizeof(config));
    assert_int_equal(config.DispatchType, WdfIoQueueDispatchSequential);
    assert_int_equal(config.PowerManaged, WdfUseDefault);
    assert_int_equal(config.DefaultQueue, FALSE);
    assert_int_equal(config.Settings.Parallel.NumberOfPresentedRequests, 0);
    assert_null(config.EvtIoRead);
    assert_null(config.Driver);

    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    assert_int_equal(config.DefaultQueue, TRUE);
    assert_int_equal(config.DispatchType, WdfIoQueueDispatchParallel);
    assert_int_equal(config.Settings.Parallel.NumberOfPresentedRequests, 0xFFFFFFFFu);
}

static void test_request_helpers(void **state)
{
    WDF_REQUEST_PARAMETERS parameters;
    WDF_REQUEST_COMPLETION_PARAMS completion;
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDF_REQUEST_FORWARD_OPTIONS forward;
    (void)state;

    memset(&parameters, PREFILL, sizeof(parameters));
    WDF_REQUEST_PARAMETERS_INIT(&parameters);
    assert_int_equal(parameters.Size, sizeof(parameters));
    assert_int_equal(parameters.Type, WdfRequestTypeCreate);
    assert_int_equal(parameters.Parameters.DeviceIoControl.IoControlCode, 0);

    memset(&completion, PREFILL, sizeof(completion));
    WDF_REQUEST_COMPLETION_PARAMS_INIT(&completion);
    assert_int_equal(completion.Size, sizeof(completion));
    assert_int_equal(completion.Type, WdfRequestTypeNoFormat);
    assert_int_equal(completion.IoStatus.Status, STATUS_SUCCESS);

    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    assert_int_equal(options.Flags, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    assert_true(options.Timeout == 0);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(100));
    assert_int_equal(options.Flags, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS | WDF_REQUEST_SEND_OPTION_TIMEOUT);
    assert_true(options.Timeout == -1000000);

    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_PENDING);
    assert_int_equal(reuse.Status, STATUS_PENDING);
    assert_null(reuse.NewIrp);

    WDF_REQUEST_FORWARD_OPTIONS_INIT(&forward);
    assert_int_equal(forward.Flags, WDF_REQUEST_FORWARD_OPTION_SEND_AND_FORGET);
}

static void test_memory_descriptor_and_child_list_init(void **state)
{
    UCHAR data[10];
    WDF_MEMORY_DESCRIPTOR descriptor;
    WDF_CHILD_LIST_CONFIG childConfig;
    struct {
        WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Header;
        ULONG SerialNumber;
        UCHAR Tail[6];
    } description;
    (void)state;

    memset(&descriptor, PREFILL, sizeof(descriptor));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&descriptor, data, sizeof(data));
    assert_int_equal(descriptor.Type, WdfMemoryDescriptorTypeBuffer);
    assert_ptr_equal(descriptor.u.BufferType.Buffer, data);
    assert_int_equal(descriptor.u.BufferType.Length, 10);

    memset(&childConfig, PREFILL, sizeof(childConfig));
    WDF_CHILD_LIST_CONFIG_INIT(&childConfig, sizeof(description), HelperCreateChild);
    assert_int_equal(childConfig.Size, sizeof(childConfig));
    assert_int_equal(childConfig.IdentificationDescriptionSize, sizeof(description));
    assert_ptr_equal(childConfig.EvtChildListCreateDevice, HelperCreateChild);
    assert_int_equal(childConfig.AddressDescriptionSize, 0);
    assert_null(childConfig.EvtChildListScanForChildren);

    /* Zero-fills the driver's whole description, not just the header. */
    memset(&description, PREFILL, sizeof(description));
    WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER_INIT(&description.Header, sizeof(description));
    assert_int_equal(description.Header.IdentificationDescriptionSize, sizeof(description));
    assert_int_equal(description.SerialNumber, 0);
    assert_all_zero(description.Tail, sizeof(description.Tail), "child description tail");
}

/* ---- wdfcore.h ----------------------------------------------------------- */

static void test_timeouts_alignment_and_pointers(void **state)
{
    UCHAR bytes[8];
    (void)state;

    assert_true(WDF_REL_TIMEOUT_IN_SEC(1) == -10000000);
    assert_true(WDF_ABS_TIMEOUT_IN_SEC(2) == 20000000);
    assert_true(WDF_REL_TIMEOUT_IN_MS(100) == -1000000);
    assert_true(WDF_ABS_TIMEOUT_IN_MS(3) == 30000);
    assert_true(WDF_REL_TIMEOUT_IN_US(5) == -50);
    assert_true(WDF_ABS_TIMEOUT_IN_US(5) == 50);
    assert_true(WDF_REL_TIMEOUT_IN_MS(0) == 0);
    assert_int_equal(WDF_ALIGN_SIZE_UP(13, 8), 16);
    assert_int_equal(WDF_ALIGN_SIZE_UP(16, 8), 16);
    assert_int_equal(WDF_ALIGN_SIZE_UP(0, 16), 0);
    assert_int_equal(WDF_ALIGN_SIZE_DOWN(13, 8), 8);
    assert_ptr_equal(WDF_PTR_ADD_OFFSET(bytes, 3), &bytes[3]);
    assert_ptr_equal(WDF_PTR_ADD_OFFSET_TYPE(bytes, 2, PUCHAR), &bytes[2]);
    assert_int_equal(WDF_PTR_GET_OFFSET(bytes, &bytes[5]), 5);
}

static void test_io_queue_state_helpers(void **state)
{
    (void)state;
    assert_true(WDF_IO_QUEUE_IDLE((WDF_IO_QUEUE_STATE)(WdfIoQueueNoRequests | WdfIoQueueDriverNoRequests)));
    assert_false(WDF_IO_QUEUE_IDLE(WdfIoQueueNoRequests));
    assert_true(WDF_IO_QUEUE_READY((WDF_IO_QUEUE_STATE)(WdfIoQueueAcceptRequests | WdfIoQueueDispatchRequests)));
    assert_false(WDF_IO_QUEUE_READY(
        (WDF_IO_QUEUE_STATE)(WdfIoQueueAcceptRequests | WdfIoQueueDispatchRequests | WdfIoQueuePnpHeld)));
    assert_true(WDF_IO_QUEUE_STOPPED((WDF_IO_QUEUE_STATE)(WdfIoQueueAcceptRequests | WdfIoQueueDriverNoRequests)));
    assert_true(WDF_IO_QUEUE_PURGED((WDF_IO_QUEUE_STATE)(WdfIoQueueNoRequests | WdfIoQueueDriverNoRequests)));
    assert_false(WDF_IO_QUEUE_DRAINED((WDF_IO_QUEUE_STATE)(WdfIoQueueNoRequests | WdfIoQueueDriverNoRequests)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wmi_provider_config_init),
        cmocka_unit_test(test_wmi_instance_config_init_provider),
        cmocka_unit_test(test_wmi_instance_config_init_provider_config),
        cmocka_unit_test(test_append_string_success),
        cmocka_unit_test(test_append_string_exact_fit),
        cmocka_unit_test(test_append_string_too_small_writes_nothing),
        cmocka_unit_test(test_append_string_odd_sizes),
        cmocka_unit_test(test_append_string_empty),
        cmocka_unit_test(test_append_string_unaligned_and_long),
        cmocka_unit_test(test_object_attributes_init),
        cmocka_unit_test(test_set_context_type_stores_unique_type),
        cmocka_unit_test(test_init_context_type_is_two_statements),
        cmocka_unit_test(test_context_type_descriptors),
        cmocka_unit_test(test_driver_config_init),
        cmocka_unit_test(test_pnppower_callbacks_init),
        cmocka_unit_test(test_idle_settings_init),
        cmocka_unit_test(test_wake_settings_init),
        cmocka_unit_test(test_device_state_and_capabilities_init),
        cmocka_unit_test(test_fileobject_and_io_type_config_init),
        cmocka_unit_test(test_timer_config_init),
        cmocka_unit_test(test_workitem_config_init),
        cmocka_unit_test(test_io_queue_config_init),
        cmocka_unit_test(test_request_helpers),
        cmocka_unit_test(test_memory_descriptor_and_child_list_init),
        cmocka_unit_test(test_timeouts_alignment_and_pointers),
        cmocka_unit_test(test_io_queue_state_helpers),
    };
    return cmocka_run_group_tests_name("wdf_inline_helpers", tests, NULL, NULL);
}
