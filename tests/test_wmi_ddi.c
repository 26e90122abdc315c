/*
 * WMI DDIs: the validation rows of semantics §1.7.1-§1.7.4, the registration
 * state table of §2.5 (synchronous and coalesced UPDATE_GUIDS), object
 * relations and deletion order (§1.8.6, §2.1-§2.6), and the event WNODE of
 * WdfWmiInstanceFireEvent (§4.1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <initguid.h>
#include <kmdfsim/kmdfsim.h>
#include <stdio.h>
#include <string.h>

#include "client/wmi_kernel.h"
#include "kernel/worker.h"

DEFINE_GUID(GUID_A, 0x11111111, 0x2222, 0x3333, 0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55);
DEFINE_GUID(GUID_B, 0xaaaaaaaa, 0xbbbb, 0xcccc, 0xdd, 0xdd, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee);

typedef struct _INSTANCE_CONTEXT {
    ULONG Temperature;
    ULONG Limit;
} INSTANCE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(INSTANCE_CONTEXT, GetInstanceContext)

static KEVENT g_worker_gate;
static kmdfsim_driver *g_driver;
static kmdfsim_device *g_device;
static WDFDEVICE g_wdf_device;
static char g_events[16][32];
static int g_event_count;

static void record(const char *what)
{
    if (g_event_count < 16)
        snprintf(g_events[g_event_count++], sizeof(g_events[0]), "%s", what);
}

static NTSTATUS QueryZero(WDFWMIINSTANCE i, ULONG s, PVOID b, PULONG u)
{
    (void)i;
    (void)s;
    (void)b;
    *u = 0;
    return STATUS_SUCCESS;
}
static NTSTATUS SetInstance(WDFWMIINSTANCE i, ULONG s, PVOID b)
{
    (void)i;
    (void)s;
    (void)b;
    return STATUS_SUCCESS;
}
static NTSTATUS SetItem(WDFWMIINSTANCE i, ULONG id, ULONG s, PVOID b)
{
    (void)i;
    (void)id;
    (void)s;
    (void)b;
    return STATUS_SUCCESS;
}
static NTSTATUS Execute(WDFWMIINSTANCE i, ULONG m, ULONG in, ULONG out, PVOID b, PULONG u)
{
    (void)i;
    (void)m;
    (void)in;
    (void)out;
    (void)b;
    *u = 0;
    return STATUS_SUCCESS;
}
static NTSTATUS FunctionControl(WDFWMIPROVIDER p, WDF_WMI_PROVIDER_CONTROL c, BOOLEAN e)
{
    (void)p;
    (void)c;
    (void)e;
    return STATUS_SUCCESS;
}
static VOID CleanupI1(WDFOBJECT o) { (void)o; record("cleanup I1"); }
static VOID CleanupI2(WDFOBJECT o) { (void)o; record("cleanup I2"); }
static VOID CleanupP(WDFOBJECT o) { (void)o; record("cleanup P"); }
static VOID DestroyI1(WDFOBJECT o) { (void)o; record("destroy I1"); }
static VOID CleanupFailed(WDFOBJECT o) { (void)o; record("cleanup of a failed create"); }

static NTSTATUS DdiDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    (void)Driver;
    WDFDEVICE device;
    return WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
}

static NTSTATUS DdiDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DdiDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

static int setup(void **state)
{
    (void)state;
    KeInitializeEvent(&g_worker_gate, NotificationEvent, TRUE);
    capture_reports();
    g_event_count = 0;
    if (kmdfsim_driver_load(DdiDriverEntry, &g_driver) != STATUS_SUCCESS)
        return -1;
    if (kmdfsim_device_add(g_driver, "ROOT\\WMIDDI\\0000", &g_device) != STATUS_SUCCESS)
        return -1;
    g_wdf_device = kmdfsim_device_handle(g_device);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    /* A failed assertion must not leave the system worker parked behind the gate. */
    KeSetEvent(&g_worker_gate, IO_NO_INCREMENT, FALSE);
    kmdfsim_driver_unload(g_driver);
    release_reports();
    kmdfsim_clock_unfreeze();
    assert_int_equal(kmdfsim_live_object_count(), 0);
    return 0;
}

static WDFWMIPROVIDER create_provider(const GUID *guid, ULONG flags, ULONG min_size)
{
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, guid);
    config.Flags = flags;
    config.MinInstanceBufferSize = min_size;
    WDFWMIPROVIDER provider = NULL;
    assert_int_equal(WdfWmiProviderCreate(g_wdf_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &provider), STATUS_SUCCESS);
    return provider;
}

static WDFWMIINSTANCE create_instance(WDFWMIPROVIDER provider, BOOLEAN registered)
{
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    config.Register = registered;
    config.EvtWmiInstanceQueryInstance = QueryZero;
    WDFWMIINSTANCE instance = NULL;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &config, WDF_NO_OBJECT_ATTRIBUTES, &instance), STATUS_SUCCESS);
    return instance;
}

static kmdfsim_wmi_registration_stats stats(void)
{
    kmdfsim_wmi_registration_stats s;
    kmdfsim_wmi_kernel_registration_stats(g_device, &s);
    return s;
}

/* GUID count and flags of entry `index` in the device's current registration, as WMI sees it. */
static ULONG registered_guids(ULONG index, ULONG *flags, ULONG *instances)
{
    UCHAR buffer[1024];
    ULONG size = kmdfsim_wmi_kernel_reginfo(g_device, buffer, sizeof(buffer));
    if (size == 0)
        return 0;
    const WMIREGINFOW *info = (const WMIREGINFOW *)(const void *)buffer;
    if (index < info->GuidCount) {
        if (flags != NULL)
            *flags = info->WmiRegGuid[index].Flags;
        if (instances != NULL)
            *instances = info->WmiRegGuid[index].InstanceCount;
    }
    return info->GuidCount;
}

/* ---- §1.7.1 WdfWmiProviderCreate ---------------------------------------- */

static NTSTATUS try_provider(WDF_WMI_PROVIDER_CONFIG *config, WDF_OBJECT_ATTRIBUTES *attributes, WDFWMIPROVIDER *out)
{
    *out = (WDFWMIPROVIDER)(uintptr_t)0x1;
    return WdfWmiProviderCreate(g_wdf_device, config, attributes, out);
}

static void test_provider_create_rows(void **state)
{
    (void)state;
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFWMIPROVIDER provider;

    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_A);
    config.Size = sizeof(config) - 4;
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INFO_LENGTH_MISMATCH);
    assert_null(provider); /* written even on failure */
    config.Size = sizeof(config) + 8; /* no tolerance for newer sizes either */
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INFO_LENGTH_MISMATCH);

    /* Attributes are checked before the config (step 4 before step 5). */
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_wdf_device;
    assert_int_equal(try_provider(&config, &attributes, &provider), STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.SynchronizationScope = WdfSynchronizationScopeDevice;
    assert_int_equal(try_provider(&config, &attributes, &provider), STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    assert_int_equal(try_provider(&config, &attributes, &provider), STATUS_WDF_EXECUTION_LEVEL_INVALID);
    attributes.Size = 12;
    assert_int_equal(try_provider(&config, &attributes, &provider), STATUS_INFO_LENGTH_MISMATCH);

    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_A);
    config.Flags = 0x8;
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INVALID_PARAMETER);
    config.Flags = WdfWmiProviderTracing | WdfWmiProviderEventOnly;
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INVALID_PARAMETER);
    config.Flags = 0;
    config.EvtWmiProviderFunctionControl = FunctionControl;
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INVALID_PARAMETER);
    config.Flags = WdfWmiProviderEventOnly;
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INVALID_PARAMETER);
    static const GUID zero;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &zero);
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_INVALID_PARAMETER);
    assert_int_equal(g_log.count, 0);

    /* Allowed combinations. */
    static const ULONG ok_flags[] = {WdfWmiProviderExpensive, WdfWmiProviderEventOnly | WdfWmiProviderExpensive,
                                     WdfWmiProviderTracing};
    for (size_t i = 0; i < sizeof(ok_flags) / sizeof(ok_flags[0]); i++) {
        GUID guid = GUID_A;
        guid.Data1 += (ULONG)i + 1;
        WDF_WMI_PROVIDER_CONFIG_INIT(&config, &guid);
        config.Flags = ok_flags[i];
        config.EvtWmiProviderFunctionControl = FunctionControl;
        assert_int_equal(try_provider(&config, NULL, &provider), STATUS_SUCCESS);
        assert_ptr_equal(WdfWmiProviderGetDevice(provider), g_wdf_device);
    }
    /* Expensive without a callback is fine too. */
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_B);
    config.Flags = WdfWmiProviderExpensive;
    assert_int_equal(try_provider(&config, NULL, &provider), STATUS_SUCCESS);
    assert_false(WdfWmiProviderIsEnabled(provider, WdfWmiEventControl));
    assert_false(WdfWmiProviderIsEnabled(provider, WdfWmiInstanceControl));
    assert_int_equal(WdfWmiProviderGetTracingHandle(provider), 0);
}

static void test_provider_null_arguments_are_reported(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider;
    assert_int_equal(WdfWmiProviderCreate(g_wdf_device, NULL, NULL, &provider), STATUS_INVALID_PARAMETER);
    assert_string_equal(g_log.last_rule, "NULL_PARAMETER");
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_A);
    assert_int_equal(WdfWmiProviderCreate(g_wdf_device, &config, NULL, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(WdfWmiProviderCreate(NULL, &config, NULL, &provider), STATUS_INVALID_HANDLE);
    assert_string_equal(g_log.last_rule, "INVALID_HANDLE");
    assert_int_equal(g_log.errors, 3);
}

static void test_failed_provider_create_runs_no_callbacks(void **state)
{
    (void)state;
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_A);
    config.Flags = 0x10;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = CleanupFailed;
    WDFWMIPROVIDER provider;
    assert_int_equal(try_provider(&config, &attributes, &provider), STATUS_INVALID_PARAMETER);
    kmdfsim_device_remove(g_device);
    assert_int_equal(g_event_count, 0);
}

static void test_duplicate_guid_succeeds_detached(void **state)
{
    (void)state;
    WDFWMIPROVIDER first = create_provider(&GUID_A, 0, 0);
    create_instance(first, TRUE);
    WDFWMIPROVIDER second = create_provider(&GUID_A, 0, 0);
    assert_non_null(second);
    assert_ptr_not_equal(first, second);
    assert_int_equal(g_log.warnings, 1);
    assert_string_equal(g_log.last_rule, "KMDF_QUIRK_DUPLICATE_GUID");
    /* Instances of the detached provider register fine but WMI never sees them. */
    create_instance(second, TRUE);
    create_instance(second, TRUE);
    assert_int_equal(kmdfsim_device_start(g_device), STATUS_SUCCESS);
    ULONG instances = 0;
    assert_int_equal(registered_guids(0, NULL, &instances), 1);
    assert_int_equal(instances, 1);
}

static void test_provider_is_not_deletable(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, 0, 0);
    WdfObjectDelete(provider);
    assert_string_equal(g_log.last_rule, "OBJECT_NOT_DELETABLE");
    assert_ptr_equal(WdfWmiProviderGetDevice(provider), g_wdf_device);
}

/* ---- §1.7.2 WdfWmiInstanceCreate ---------------------------------------- */

static NTSTATUS try_instance(WDF_WMI_INSTANCE_CONFIG *config, WDF_OBJECT_ATTRIBUTES *attributes)
{
    WDFWMIINSTANCE instance = (WDFWMIINSTANCE)(uintptr_t)0x1;
    NTSTATUS status = WdfWmiInstanceCreate(g_wdf_device, config, attributes, &instance);
    if (!NT_SUCCESS(status))
        assert_ptr_equal(instance, (WDFWMIINSTANCE)(uintptr_t)0x1); /* not written on failure */
    return status;
}

static void test_instance_create_rows(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, 0, 8);
    WDFWMIPROVIDER event_only = create_provider(&GUID_B, WdfWmiProviderEventOnly, 0);
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    config.Size = 12;
    assert_int_equal(try_instance(&config, NULL), STATUS_INFO_LENGTH_MISMATCH);
    WDF_WMI_PROVIDER_CONFIG provider_config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&provider_config, &GUID_A);
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    config.ProviderConfig = &provider_config; /* both */
    assert_int_equal(try_instance(&config, NULL), STATUS_INVALID_PARAMETER);
    config.Provider = NULL;
    config.ProviderConfig = NULL; /* neither */
    assert_int_equal(try_instance(&config, NULL), STATUS_INVALID_PARAMETER);

    /* EventOnly: no callbacks, no context queries. */
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, event_only);
    config.EvtWmiInstanceExecuteMethod = Execute;
    assert_int_equal(try_instance(&config, NULL), STATUS_INVALID_PARAMETER);
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, event_only);
    config.UseContextForQuery = TRUE;
    assert_int_equal(try_instance(&config, NULL), STATUS_INVALID_PARAMETER);
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, event_only);
    assert_int_equal(try_instance(&config, NULL), STATUS_SUCCESS);

    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = provider;
    assert_int_equal(try_instance(&config, &attributes), STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);

    /* UseContextForQuery. */
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    config.UseContextForQuery = TRUE;
    config.EvtWmiInstanceSetInstance = SetInstance;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, INSTANCE_CONTEXT);
    assert_int_equal(try_instance(&config, &attributes), STATUS_INVALID_PARAMETER);
    config.EvtWmiInstanceSetInstance = NULL;
    config.EvtWmiInstanceSetItem = SetItem;
    assert_int_equal(try_instance(&config, &attributes), STATUS_INVALID_PARAMETER);
    config.EvtWmiInstanceSetItem = NULL;
    assert_int_equal(try_instance(&config, NULL), STATUS_INVALID_PARAMETER);
    WDF_OBJECT_ATTRIBUTES untyped;
    WDF_OBJECT_ATTRIBUTES_INIT(&untyped);
    assert_int_equal(try_instance(&config, &untyped), STATUS_INVALID_PARAMETER);
    config.EvtWmiInstanceExecuteMethod = Execute; /* allowed */
    assert_int_equal(try_instance(&config, &attributes), STATUS_SUCCESS); /* 8 bytes >= M 8 */
    WDFWMIPROVIDER strict = create_provider(&GUID_B, 0, 9);
    (void)strict; /* GUID_B duplicates the event-only provider: detached, warned */
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, strict);
    config.UseContextForQuery = TRUE;
    assert_int_equal(try_instance(&config, &attributes), STATUS_BUFFER_TOO_SMALL);
    WDF_OBJECT_ATTRIBUTES big;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&big, INSTANCE_CONTEXT);
    big.ContextSizeOverride = 12;
    assert_int_equal(try_instance(&config, &big), STATUS_SUCCESS); /* 8 + 12 = 20 >= 9: KMDF's sum */
    assert_string_equal(g_log.last_rule, "KMDF_QUIRK_CONTEXT_LENGTH");
#if UINTPTR_MAX > 0xFFFFFFFFu
    big.ContextSizeOverride = 0xFFFFFFFFu;
    assert_int_equal(try_instance(&config, &big), STATUS_INTEGER_OVERFLOW);
#endif
    assert_int_equal(g_log.errors, 0);
}

static void test_implicit_provider(void **state)
{
    (void)state;
    WDF_WMI_PROVIDER_CONFIG provider_config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&provider_config, &GUID_A);
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&config, &provider_config);
    assert_int_equal(config.Register, FALSE);
    config.EvtWmiInstanceQueryInstance = QueryZero;
    WDFWMIINSTANCE instance;
    assert_int_equal(WdfWmiInstanceCreate(g_wdf_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &instance), STATUS_SUCCESS);
    WDFWMIPROVIDER provider = WdfWmiInstanceGetProvider(instance);
    assert_non_null(provider);
    assert_ptr_equal(WdfWmiInstanceGetDevice(instance), g_wdf_device);
    assert_ptr_equal(WdfWmiProviderGetDevice(provider), g_wdf_device);
    /* The implicit provider outlives the instance. */
    WdfObjectDelete(instance);
    assert_ptr_equal(WdfWmiProviderGetDevice(provider), g_wdf_device);
    /* A second implicit create for the same GUID hits the duplicate rule. */
    assert_int_equal(WdfWmiInstanceCreate(g_wdf_device, &config, WDF_NO_OBJECT_ATTRIBUTES, NULL), STATUS_SUCCESS);
    assert_string_equal(g_log.last_rule, "KMDF_QUIRK_DUPLICATE_GUID");

    /* A failed implicit create deletes the provider it made: the GUID is then free again. */
    WDF_WMI_PROVIDER_CONFIG_INIT(&provider_config, &GUID_B);
    provider_config.Flags = WdfWmiProviderEventOnly;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&config, &provider_config);
    config.EvtWmiInstanceQueryInstance = QueryZero; /* not allowed on EventOnly */
    assert_int_equal(WdfWmiInstanceCreate(g_wdf_device, &config, WDF_NO_OBJECT_ATTRIBUTES, NULL), STATUS_INVALID_PARAMETER);
    memset(&g_log, 0, sizeof(g_log));
    config.EvtWmiInstanceQueryInstance = NULL;
    assert_int_equal(WdfWmiInstanceCreate(g_wdf_device, &config, WDF_NO_OBJECT_ATTRIBUTES, NULL), STATUS_SUCCESS);
    assert_int_equal(g_log.warnings, 0); /* no duplicate: the failed one's provider is gone */
}

static void test_register_rules(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, 0, 0);
    WDFWMIINSTANCE instance = create_instance(provider, FALSE);
    assert_int_equal(WdfWmiInstanceRegister(instance), STATUS_SUCCESS);
    assert_int_equal(WdfWmiInstanceRegister(instance), STATUS_INVALID_DEVICE_REQUEST);
    WdfWmiInstanceDeregister(instance);
    WdfWmiInstanceDeregister(instance); /* silent no-op */
    assert_int_equal(WdfWmiInstanceRegister(instance), STATUS_SUCCESS); /* may come back */

    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_B);
    config.Flags = WdfWmiProviderTracing;
    WDFWMIPROVIDER tracing;
    assert_int_equal(WdfWmiProviderCreate(g_wdf_device, &config, NULL, &tracing), STATUS_SUCCESS);
    WDF_WMI_INSTANCE_CONFIG instance_config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&instance_config, tracing);
    WDFWMIINSTANCE traced;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &instance_config, NULL, &traced), STATUS_SUCCESS);
    assert_int_equal(WdfWmiInstanceRegister(traced), STATUS_INVALID_DEVICE_REQUEST);
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = CleanupFailed;
    instance_config.Register = TRUE;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &instance_config, &attributes, NULL), STATUS_INVALID_DEVICE_REQUEST);
    kmdfsim_device_remove(g_device);
    assert_int_equal(g_event_count, 0); /* the failed create's cleanup never ran */
    assert_int_equal(g_log.count, 0);
}

/* ---- §2.5 state table --------------------------------------------------- */

static void test_registration_follows_device_lifecycle(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, 0, 0);
    create_instance(provider, TRUE);
    /* Unregistered: linked, no WMI traffic. */
    assert_int_equal(stats().register_calls, 0);
    assert_int_equal(stats().update_calls, 0);
    assert_int_equal(kmdfsim_device_start(g_device), STATUS_SUCCESS);
    kmdfsim_wmi_registration_stats s = stats();
    assert_true(s.registered);
    assert_int_equal(s.register_calls, 1);
    assert_int_equal(s.reginfo_queries, 1);
    ULONG flags = 0, instances = 0;
    assert_int_equal(registered_guids(0, &flags, &instances), 1);
    assert_int_equal(flags, WMIREG_FLAG_INSTANCE_PDO);
    assert_int_equal(instances, 1);

    /* Registered: a new instance is announced before the DDI returns (PASSIVE_LEVEL). */
    WDFWMIINSTANCE second = create_instance(provider, TRUE);
    assert_int_equal(stats().update_calls, 1);
    registered_guids(0, NULL, &instances);
    assert_int_equal(instances, 2);
    /* A non-tracing provider added while registered causes no update... */
    WDFWMIPROVIDER other = create_provider(&GUID_B, 0, 0);
    assert_int_equal(stats().update_calls, 1);
    /* ...until an instance is registered on it. */
    create_instance(other, TRUE);
    assert_int_equal(stats().update_calls, 2);
    assert_int_equal(registered_guids(0, NULL, NULL), 2);

    /* Deregistering the last instance marks REMOVE_GUID once. */
    WdfObjectDelete(second);
    assert_int_equal(stats().update_calls, 3);
    kmdfsim_device_remove(g_device);
    s = stats();
    assert_false(s.registered);
    assert_int_equal(s.deregister_calls, 1);
    assert_int_equal(s.update_calls, 3); /* nothing after deregistration */
}

static void test_tracing_provider_added_while_registered_updates(void **state)
{
    (void)state;
    assert_int_equal(kmdfsim_device_start(g_device), STATUS_SUCCESS);
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_A);
    config.Flags = WdfWmiProviderTracing;
    WDFWMIPROVIDER provider;
    assert_int_equal(WdfWmiProviderCreate(g_wdf_device, &config, NULL, &provider), STATUS_SUCCESS);
    assert_int_equal(stats().update_calls, 1);
    ULONG flags = 0;
    assert_int_equal(registered_guids(0, &flags, NULL), 1);
    assert_int_equal(flags, WMIREG_FLAG_TRACED_GUID | WMIREG_FLAG_TRACE_CONTROL_GUID);
}

static void blocked_work(void *context)
{
    (void)context;
    KeWaitForSingleObject(&g_worker_gate, Executive, KernelMode, FALSE, NULL);
}

static void test_updates_above_passive_are_deferred_and_coalesced(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, 0, 0);
    WDFWMIINSTANCE a = create_instance(provider, FALSE);
    WDFWMIINSTANCE b = create_instance(provider, FALSE);
    assert_int_equal(kmdfsim_device_start(g_device), STATUS_SUCCESS);
    /* Hold the worker so both requests find the work item still queued. */
    KeInitializeEvent(&g_worker_gate, NotificationEvent, FALSE);
    assert_int_equal(kmdfsim_worker_queue(blocked_work, NULL), 0);
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    assert_int_equal(WdfWmiInstanceRegister(a), STATUS_SUCCESS);
    assert_int_equal(WdfWmiInstanceRegister(b), STATUS_SUCCESS);
    KeLowerIrql(old);
    assert_int_equal(stats().update_calls, 0); /* not yet: deferred */
    KeSetEvent(&g_worker_gate, IO_NO_INCREMENT, FALSE);
    kmdfsim_worker_flush();
    assert_int_equal(stats().update_calls, 1); /* two requests, one update */
    ULONG instances = 0;
    registered_guids(0, NULL, &instances);
    assert_int_equal(instances, 2);
}

static WDFDEVICE g_removal_device;
static kmdfsim_device *g_removal_harness;
static NTSTATUS g_status_in_d0_exit;
static NTSTATUS g_register_in_d0_exit;
static ULONG g_updates_in_d0_exit;
static WDFWMIINSTANCE g_late_instance;
static WDFWMIINSTANCE g_deregistered_late;

/* Runs while WMI is Deregistered (removal has begun). */
static NTSTATUS D0ExitCreatesProvider(WDFDEVICE Device, WDF_POWER_DEVICE_STATE Target)
{
    (void)Target;
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_B);
    WDFWMIPROVIDER provider;
    g_status_in_d0_exit = WdfWmiProviderCreate(Device, &config, NULL, &provider);
    /* Registering and deregistering instances still link and unlink, without telling WMI. */
    kmdfsim_wmi_registration_stats before;
    kmdfsim_wmi_kernel_registration_stats(g_removal_harness, &before);
    g_register_in_d0_exit = WdfWmiInstanceRegister(g_deregistered_late);
    WdfWmiInstanceDeregister(g_deregistered_late);
    kmdfsim_wmi_registration_stats after;
    kmdfsim_wmi_kernel_registration_stats(g_removal_harness, &after);
    g_updates_in_d0_exit = after.update_calls - before.update_calls;
    return STATUS_SUCCESS;
}

static NTSTATUS g_status_in_cleanup;
static NTSTATUS g_provider_in_cleanup;

/* Runs after EvtDeviceSelfManagedIoCleanup: WMI is CleanedUp. */
static VOID DeviceCleanupRegisters(WDFOBJECT Device)
{
    g_status_in_cleanup = WdfWmiInstanceRegister(g_late_instance);
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_B);
    WDFWMIPROVIDER provider;
    g_provider_in_cleanup = WdfWmiProviderCreate((WDFDEVICE)Device, &config, NULL, &provider);
}

static NTSTATUS StateDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    (void)Driver;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceD0Exit = D0ExitCreatesProvider;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = DeviceCleanupRegisters;
    return WdfDeviceCreate(&DeviceInit, &attributes, &g_removal_device);
}

static NTSTATUS StateDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, StateDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

static void test_deregistered_and_cleaned_up_states(void **state)
{
    (void)state;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    assert_int_equal(kmdfsim_driver_load(StateDriverEntry, &driver), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_add(driver, "ROOT\\WMISTATE\\0000", &device), STATUS_SUCCESS);
    g_removal_harness = device;
    WDF_WMI_PROVIDER_CONFIG config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&config, &GUID_A);
    WDFWMIPROVIDER provider;
    assert_int_equal(WdfWmiProviderCreate(g_removal_device, &config, NULL, &provider), STATUS_SUCCESS);
    WDF_WMI_INSTANCE_CONFIG instance_config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&instance_config, provider);
    assert_int_equal(WdfWmiInstanceCreate(NULL, &instance_config, NULL, &g_late_instance), STATUS_SUCCESS);
    assert_int_equal(WdfWmiInstanceCreate(NULL, &instance_config, NULL, &g_deregistered_late), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_start(device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_remove(device), STATUS_SUCCESS);
    /* D0Exit runs after deregistration: adding a provider fails. */
    assert_int_equal(g_status_in_d0_exit, STATUS_INVALID_DEVICE_STATE);
    assert_int_equal(g_register_in_d0_exit, STATUS_SUCCESS);
    assert_int_equal(g_updates_in_d0_exit, 0);
    /* The device's cleanup runs after EvtDeviceSelfManagedIoCleanup: registering fails... */
    assert_int_equal(g_status_in_cleanup, STATUS_INVALID_DEVICE_STATE);
    /*
     * ...and a provider passes the handler (no case for CleanedUp, §6.2 q12) but its
     * commit fails: the device is being deleted, so it is unlinked again (§1.7.1 step 12).
     */
    assert_int_equal(g_provider_in_cleanup, STATUS_DELETE_PENDING);
    kmdfsim_driver_unload(driver);
}

/* ---- §2.4 indexes and §4.1 events --------------------------------------- */

typedef struct captured_event {
    UCHAR bytes[256];
    ULONG size;
    int count;
} captured_event;

static void capture(const WNODE_HEADER *event, void *context)
{
    captured_event *c = context;
    c->size = event->BufferSize;
    memcpy(c->bytes, event, event->BufferSize < sizeof(c->bytes) ? event->BufferSize : sizeof(c->bytes));
    c->count++;
}

static void test_fire_event_wnode(void **state)
{
    (void)state;
    captured_event c;
    memset(&c, 0, sizeof(c));
    kmdfsim_wmi_kernel_set_event_hook(capture, &c);
    kmdfsim_clock_freeze(0x01DA000011112222LL);
    WDFWMIPROVIDER provider = create_provider(&GUID_A, WdfWmiProviderEventOnly, 0);
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    config.Register = TRUE;
    WDFWMIINSTANCE first, second;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &config, NULL, &first), STATUS_SUCCESS);
    assert_int_equal(WdfWmiInstanceCreate(NULL, &config, NULL, &second), STATUS_SUCCESS);

    UCHAR payload[5] = {1, 2, 3, 4, 5};
    /* Not gated on registration, start, or enable state. */
    assert_int_equal(WdfWmiInstanceFireEvent(second, sizeof(payload), payload), STATUS_SUCCESS);
    assert_int_equal(c.count, 1);
    UCHAR expected[64 + 5];
    memset(expected, 0, sizeof(expected));
    WNODE_SINGLE_INSTANCE *w = (WNODE_SINGLE_INSTANCE *)(void *)expected;
    w->WnodeHeader.BufferSize = 69;
    w->WnodeHeader.ProviderId = IoWMIDeviceObjectToProviderId(WdfDeviceWdmGetDeviceObject(g_wdf_device));
    w->WnodeHeader.TimeStamp.QuadPart = 0x01DA000011112222LL;
    w->WnodeHeader.Guid = GUID_A;
    w->WnodeHeader.Flags = 0x8A;
    w->InstanceIndex = 1;
    w->DataBlockOffset = 64;
    w->SizeDataBlock = 5;
    memcpy(expected + 64, payload, 5);
    assert_int_equal(c.size, 69);
    assert_memory_equal(c.bytes, expected, sizeof(expected));
    assert_int_not_equal(w->WnodeHeader.ProviderId, 0);

    /* Indexes shift when an earlier instance leaves; an unregistered instance reports the count. */
    WdfWmiInstanceDeregister(first);
    assert_int_equal(WdfWmiInstanceFireEvent(second, 0, NULL), STATUS_SUCCESS);
    assert_int_equal(((WNODE_SINGLE_INSTANCE *)(void *)c.bytes)->InstanceIndex, 0);
    assert_int_equal(((WNODE_SINGLE_INSTANCE *)(void *)c.bytes)->SizeDataBlock, 0);
    assert_int_equal(WdfWmiInstanceFireEvent(first, 0, NULL), STATUS_SUCCESS);
    assert_int_equal(((WNODE_SINGLE_INSTANCE *)(void *)c.bytes)->InstanceIndex, 1);
    assert_int_equal(WdfWmiInstanceRegister(first), STATUS_SUCCESS); /* back at the tail */
    assert_int_equal(WdfWmiInstanceFireEvent(first, 0, NULL), STATUS_SUCCESS);
    assert_int_equal(((WNODE_SINGLE_INSTANCE *)(void *)c.bytes)->InstanceIndex, 1);
    /* A NULL pointer makes the size 0. */
    assert_int_equal(WdfWmiInstanceFireEvent(first, 40, NULL), STATUS_SUCCESS);
    assert_int_equal(c.size, 64);
    kmdfsim_wmi_kernel_set_event_hook(NULL, NULL);
}

static void test_fire_event_failures(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, WdfWmiProviderEventOnly, 0);
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    WDFWMIINSTANCE event_instance;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &config, NULL, &event_instance), STATUS_SUCCESS);
    kmdfsim_pool_stats before, after;
    kmdfsim_pool_total_stats(&before);

    static UCHAR big[2000];
    assert_int_equal(WdfWmiInstanceFireEvent(event_instance, sizeof(big), big), STATUS_BUFFER_OVERFLOW);
    kmdfsim_wmi_set_max_event_size(4096);
    assert_int_equal(WdfWmiInstanceFireEvent(event_instance, sizeof(big), big), STATUS_SUCCESS);
    kmdfsim_wmi_set_max_event_size(1024);

    kmdfsim_pool_fail_after(0x6D577846u /* 'FxWm' */, 0);
    assert_int_equal(WdfWmiInstanceFireEvent(event_instance, 4, big), STATUS_INSUFFICIENT_RESOURCES);
    kmdfsim_pool_total_stats(&after);
    assert_int_equal(after.live_allocations, before.live_allocations); /* the WNODE never leaks */

    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    assert_int_equal(WdfWmiInstanceFireEvent(event_instance, 4, big), STATUS_INVALID_DEVICE_REQUEST);
    KeLowerIrql(old);
    assert_string_equal(g_log.last_rule, "IRQL_TOO_HIGH");
    assert_int_equal(g_log.errors, 1);
}

/* ---- §2.6 deletion order ------------------------------------------------ */

static void test_teardown_cleans_instances_then_provider(void **state)
{
    (void)state;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = CleanupP;
    WDF_WMI_PROVIDER_CONFIG provider_config;
    WDF_WMI_PROVIDER_CONFIG_INIT(&provider_config, &GUID_A);
    WDFWMIPROVIDER provider;
    assert_int_equal(WdfWmiProviderCreate(g_wdf_device, &provider_config, &attributes, &provider), STATUS_SUCCESS);
    WDF_WMI_INSTANCE_CONFIG config;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&config, provider);
    config.Register = TRUE;
    attributes.EvtCleanupCallback = CleanupI1;
    attributes.EvtDestroyCallback = DestroyI1;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &config, &attributes, NULL), STATUS_SUCCESS);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = CleanupI2;
    assert_int_equal(WdfWmiInstanceCreate(NULL, &config, &attributes, NULL), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_start(g_device), STATUS_SUCCESS);
    assert_int_equal(kmdfsim_device_remove(g_device), STATUS_SUCCESS);
    static const char *const expected[] = {"cleanup I1", "cleanup I2", "cleanup P", "destroy I1"};
    assert_int_equal(g_event_count, 4);
    for (int i = 0; i < 4; i++)
        assert_string_equal(g_events[i], expected[i]);
    /* Instances left during removal were dropped while WMI was deregistered: no update after it. */
    assert_int_equal(stats().update_calls, 0);
}

static void test_deleting_a_registered_instance_updates_wmi(void **state)
{
    (void)state;
    WDFWMIPROVIDER provider = create_provider(&GUID_A, 0, 0);
    WDFWMIINSTANCE keep = create_instance(provider, TRUE);
    WDFWMIINSTANCE gone = create_instance(provider, TRUE);
    (void)keep;
    assert_int_equal(kmdfsim_device_start(g_device), STATUS_SUCCESS);
    WdfObjectDelete(gone);
    assert_int_equal(stats().update_calls, 1);
    ULONG instances = 0, flags = 0;
    registered_guids(0, &flags, &instances);
    assert_int_equal(instances, 1);
    assert_int_equal(flags & WMIREG_FLAG_REMOVE_GUID, 0);
    /* Stale handle after deletion is reported, not dereferenced. */
    assert_int_equal(WdfWmiInstanceRegister(gone), STATUS_INVALID_HANDLE);
    assert_string_equal(g_log.last_rule, "INVALID_HANDLE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_provider_create_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_provider_null_arguments_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_provider_create_runs_no_callbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_guid_succeeds_detached, setup, teardown),
        cmocka_unit_test_setup_teardown(test_provider_is_not_deletable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instance_create_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_implicit_provider, setup, teardown),
        cmocka_unit_test_setup_teardown(test_register_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registration_follows_device_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tracing_provider_added_while_registered_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_updates_above_passive_are_deferred_and_coalesced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deregistered_and_cleaned_up_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fire_event_wnode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fire_event_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_teardown_cleans_instances_then_provider, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleting_a_registered_instance_updates_wmi, setup, teardown),
    };
    return cmocka_run_group_tests_name("wmi_ddi", tests, NULL, NULL);
}
