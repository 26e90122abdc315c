/*
 * test_thermal.c - the Contoso thermal sensor driver, driven end to end as a
 * WMI consumer would: through wmium.h (WmiOpenBlock, WmiQuery*, WmiSet*,
 * WmiExecuteMethod) and kmdfsim's test helpers (WNODE readers, event
 * recorder, kmdfsim_wmi_last_status). Every test starts with two devices:
 *
 *   ROOT\CONTOSO_THERMAL\0000   location "CPU socket 0"
 *   ROOT\CONTOSO_THERMAL\0001   location "Chassis intake"
 *
 * The driver's own header gives the block layouts (thermal_mof.h) and its
 * device context, which lets a test see what WMI cannot (statistics
 * collection switched on by EvtWmiProviderFunctionControl).
 */
#include <kmdfsim/cmocka.h>
#include <kmdfsim/kmdfsim.h>
#include <wmium.h>

#include <string.h>

#include "thermal.h"

#define DEVICE0 "ROOT\\CONTOSO_THERMAL\\0000"
#define DEVICE1 "ROOT\\CONTOSO_THERMAL\\0001"
#define NAME0 DEVICE0 "_0"
#define NAME1 DEVICE1 "_0"

static GUID InfoGuid = Contoso_ThermalInfoGuid;
static GUID SettingsGuid = Contoso_ThermalSettingsGuid;
static GUID ControlGuid = Contoso_ThermalControlGuid;
static GUID StatisticsGuid = Contoso_ThermalStatisticsGuid;
static GUID AlarmGuid = Contoso_ThermalAlarmEventGuid;
static GUID ShutdownGuid = Contoso_ThermalShutdownEventGuid;

#define ALL_ACCESS (WMIGUID_QUERY | WMIGUID_SET | WMIGUID_EXECUTE)

typedef struct fixture {
    kmdfsim_driver *driver;
    kmdfsim_device *device[2];
} fixture;

/* Open for the whole test, so kmdfsim_wmi_last_status() still tells about the last request. */
static WMIHANDLE g_settings, g_control;

/* ---- Setup ------------------------------------------------------------------ */

/* Adds and starts a device with DevicePropertyLocationInformation = location (none when NULL). */
static kmdfsim_device *add_device(kmdfsim_driver *driver, const char *id, const char *location)
{
    kmdfsim_device_property property = {DevicePropertyLocationInformation, location, NULL, 0};
    kmdfsim_device_options options = {id, location ? &property : NULL, location ? 1 : 0};
    kmdfsim_device *device = NULL;
    assert_nt_success(kmdfsim_device_add_ex(driver, &options, &device));
    assert_nt_success(kmdfsim_device_start(device));
    return device;
}

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof(f));
    kmdfsim_set_log_sink(kmdfsim_log_discard_sink, NULL);
    assert_nt_success(kmdfsim_driver_load(DriverEntry, &f.driver));
    f.device[0] = add_device(f.driver, DEVICE0, "CPU socket 0");
    f.device[1] = add_device(f.driver, DEVICE1, "Chassis intake");
    assert_win32(WmiOpenBlock(&SettingsGuid, ALL_ACCESS, &g_settings), ERROR_SUCCESS);
    assert_win32(WmiOpenBlock(&ControlGuid, ALL_ACCESS, &g_control), ERROR_SUCCESS);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    WmiCloseBlock(g_settings);
    WmiCloseBlock(g_control);
    kmdfsim_driver_unload(f->driver); /* removes both devices; a leak is a verifier error */
    assert_int_equal(kmdfsim_live_object_count(), 0);
    kmdfsim_set_log_sink(NULL, NULL);
    return 0;
}

/* ---- Helpers ------------------------------------------------------------------ */

static WMIHANDLE open_block(GUID *guid)
{
    WMIHANDLE handle = NULL;
    assert_win32(WmiOpenBlock(guid, ALL_ACCESS, &handle), ERROR_SUCCESS);
    return handle;
}

/* Queries instance `name` of an open block into `buffer`; returns its data. */
static const void *query(WMIHANDLE handle, const char *name, void *buffer, ULONG size, ULONG *data_size)
{
    kmdfsim_wmi_instance_data instance;
    assert_win32(WmiQuerySingleInstanceA(handle, name, &size, buffer), ERROR_SUCCESS);
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &instance));
    assert_string_equal(instance.name, name);
    if (data_size)
        *data_size = instance.size;
    return instance.data;
}

static Contoso_ThermalSettings query_settings(const char *name)
{
    ULONG buffer[64];
    ULONG size;
    Contoso_ThermalSettings settings;
    const void *data = query(g_settings, name, buffer, sizeof(buffer), &size);
    assert_int_equal(size, Contoso_ThermalSettings_SIZE);
    memset(&settings, 0, sizeof(settings));
    memcpy(&settings, data, Contoso_ThermalSettings_SIZE);
    return settings;
}

/* Runs SimulateReading on instance `name`; returns what the driver reported. */
static SimulateReading_OUT simulate(const char *name, LONG raw)
{
    SimulateReading_IN in = {raw};
    SimulateReading_OUT out;
    ULONG size = sizeof(out);
    memset(&out, 0, sizeof(out));
    assert_win32(WmiExecuteMethodA(g_control, name, SimulateReading, sizeof(in), &in, &size, &out), ERROR_SUCCESS);
    assert_int_equal(size, SimulateReading_OUT_SIZE);
    return out;
}

static ULONG set_item(const char *name, ULONG id, LONG value)
{
    return WmiSetSingleItemA(g_settings, name, id, 0, sizeof(value), &value);
}

static PDEVICE_CONTEXT context_of(const kmdfsim_device *device)
{
    return ThermalGetDeviceContext(kmdfsim_device_handle(device));
}

/* The UTF-16 string at `data` (USHORT byte count, then code units), as ASCII. */
static void read_counted_string(const void *data, char *out, size_t size)
{
    USHORT bytes;
    const UCHAR *p = data;
    size_t i;
    memcpy(&bytes, p, sizeof(bytes));
    for (i = 0; i < bytes / 2u && i + 1 < size; i++)
        out[i] = (char)p[2 + 2 * i];
    out[i] = '\0';
}

/* ---- Contoso_ThermalInfo ------------------------------------------------------ */

static void test_info_size_probe_then_query(void **state)
{
    (void)state;
    WMIHANDLE handle = open_block(&InfoGuid);
    ULONG size = 0;
    assert_win32(WmiQuerySingleInstanceA(handle, NAME0, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(kmdfsim_wmi_last_status(), STATUS_BUFFER_TOO_SMALL);
    ULONG needed = size;
    /* The WNODE header plus the name plus FirmwareVersion, USHORT length, 12 UTF-16 units. */
    assert_true(needed >= FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData) + 4 + 2 + 24);

    UCHAR buffer[512];
    assert_true(needed <= sizeof(buffer));
    size = needed - 1;
    assert_win32(WmiQuerySingleInstanceA(handle, NAME0, &size, buffer), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, needed);

    ULONG data_size;
    const UCHAR *data = query(handle, NAME0, buffer, needed, &data_size);
    ULONG firmware;
    char location[64];
    memcpy(&firmware, data, sizeof(firmware));
    assert_int_equal(firmware, THERMAL_FIRMWARE_VERSION);
    assert_int_equal(data_size, 4 + 2 + 2 * strlen("CPU socket 0"));
    read_counted_string(data + 4, location, sizeof(location));
    assert_string_equal(location, "CPU socket 0");
    assert_win32(WmiCloseBlock(handle), ERROR_SUCCESS);
}

static void test_info_unknown_instance_and_read_only(void **state)
{
    (void)state;
    WMIHANDLE handle = open_block(&InfoGuid);
    UCHAR buffer[256];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceA(handle, DEVICE0 "_7", &size, buffer), ERROR_WMI_INSTANCE_NOT_FOUND);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_INSTANCE_NOT_FOUND);
    ULONG value = 1;
    /* The block has no set callbacks: KMDF answers for the driver. */
    assert_win32(WmiSetSingleItemA(handle, NAME0, 1, 0, sizeof(value), &value), ERROR_WMI_READ_ONLY);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_READ_ONLY);
    assert_win32(WmiSetSingleInstanceA(handle, NAME0, 0, sizeof(value), &value), ERROR_WMI_READ_ONLY);
    WmiCloseBlock(handle);
}

static void test_info_location_unknown_without_property(void **state)
{
    fixture *f = *state;
    add_device(f->driver, "ROOT\\CONTOSO_THERMAL\\0002", NULL);
    WMIHANDLE handle = open_block(&InfoGuid);
    UCHAR buffer[256];
    char location[64];
    const UCHAR *data = query(handle, "ROOT\\CONTOSO_THERMAL\\0002_0", buffer, sizeof(buffer), NULL);
    read_counted_string(data + 4, location, sizeof(location));
    assert_string_equal(location, "unknown");
    WmiCloseBlock(handle);
}

/* ---- Contoso_ThermalSettings ------------------------------------------------- */

static void test_settings_defaults(void **state)
{
    (void)state;
    Contoso_ThermalSettings s = query_settings(NAME0);
    assert_int_equal(s.HighThreshold, THERMAL_DEFAULT_HIGH);
    assert_int_equal(s.LowThreshold, THERMAL_DEFAULT_LOW);
    assert_int_equal(s.CurrentTemperature, 2150);
    assert_true(s.AlarmEnabled);
}

static void test_settings_set_instance(void **state)
{
    (void)state;
    Contoso_ThermalSettings s = {7000, 500, 9999, FALSE};
    WMIHANDLE handle = open_block(&SettingsGuid);
    assert_win32(WmiSetSingleInstanceA(handle, NAME0, 0, Contoso_ThermalSettings_SIZE, &s), ERROR_SUCCESS);
    WmiCloseBlock(handle);
    s = query_settings(NAME0);
    assert_int_equal(s.HighThreshold, 7000);
    assert_int_equal(s.LowThreshold, 500);
    assert_int_equal(s.CurrentTemperature, 2150); /* read-only: a whole-instance set leaves it */
    assert_false(s.AlarmEnabled);
}

static void test_settings_set_instance_invalid_thresholds(void **state)
{
    (void)state;
    Contoso_ThermalSettings s = {1000, 1000, 0, TRUE};
    WMIHANDLE handle = open_block(&SettingsGuid);
    assert_win32(WmiSetSingleInstanceA(handle, NAME0, 0, Contoso_ThermalSettings_SIZE, &s), ERROR_INVALID_PARAMETER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_PARAMETER);
    WmiCloseBlock(handle);
    assert_int_equal(query_settings(NAME0).HighThreshold, THERMAL_DEFAULT_HIGH);
}

static void test_settings_set_item(void **state)
{
    (void)state;
    assert_win32(set_item(NAME0, Contoso_ThermalSettings_HighThreshold_ID, 6000), ERROR_SUCCESS);
    assert_win32(set_item(NAME0, Contoso_ThermalSettings_LowThreshold_ID, -2000), ERROR_SUCCESS);
    assert_win32(set_item(NAME0, Contoso_ThermalSettings_AlarmEnabled_ID, 0), ERROR_SUCCESS);
    Contoso_ThermalSettings s = query_settings(NAME0);
    assert_int_equal(s.HighThreshold, 6000);
    assert_int_equal(s.LowThreshold, -2000);
    assert_false(s.AlarmEnabled);
}

static void test_settings_set_item_failures(void **state)
{
    (void)state;
    assert_win32(set_item(NAME0, Contoso_ThermalSettings_CurrentTemperature_ID, 0), ERROR_WMI_READ_ONLY);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_READ_ONLY);
    assert_win32(set_item(NAME0, 9, 0), ERROR_WMI_ITEMID_NOT_FOUND);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_ITEMID_NOT_FOUND);
    assert_win32(set_item(NAME0, Contoso_ThermalSettings_HighThreshold_ID, THERMAL_DEFAULT_LOW),
                 ERROR_INVALID_PARAMETER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_PARAMETER);
    assert_win32(set_item(NAME0, Contoso_ThermalSettings_LowThreshold_ID, 9000), ERROR_INVALID_PARAMETER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_PARAMETER);
    Contoso_ThermalSettings s = query_settings(NAME0);
    assert_int_equal(s.HighThreshold, THERMAL_DEFAULT_HIGH);
    assert_int_equal(s.LowThreshold, THERMAL_DEFAULT_LOW);
    assert_int_equal(s.CurrentTemperature, 2150);
}

/* ---- Contoso_ThermalControl -------------------------------------------------- */

/* A method called with no output room: ERROR_INSUFFICIENT_BUFFER and the size it needs. */
static void probe_method_output(ULONG method, ULONG in_size, PVOID in, ULONG expected)
{
    WMIHANDLE handle = open_block(&ControlGuid);
    ULONG size = 0;
    assert_win32(WmiExecuteMethodA(handle, NAME0, method, in_size, in, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(size, expected);
    WmiCloseBlock(handle);
}

static void test_method_reset_peak(void **state)
{
    (void)state;
    probe_method_output(ResetPeakTemperature, 0, NULL, ResetPeakTemperature_OUT_SIZE);
    simulate(NAME0, 4000);
    simulate(NAME0, 3000);
    WMIHANDLE handle = open_block(&ControlGuid);
    ResetPeakTemperature_OUT out = {0};
    ULONG size = sizeof(out);
    assert_win32(WmiExecuteMethodA(handle, NAME0, ResetPeakTemperature, 0, NULL, &size, &out), ERROR_SUCCESS);
    assert_int_equal(size, ResetPeakTemperature_OUT_SIZE);
    assert_int_equal(out.PreviousPeak, 4000);
    size = sizeof(out);
    assert_win32(WmiExecuteMethodA(handle, NAME0, ResetPeakTemperature, 0, NULL, &size, &out), ERROR_SUCCESS);
    assert_int_equal(out.PreviousPeak, 3000); /* the peak restarted from the current reading */
    WmiCloseBlock(handle);
}

static void test_method_calibrate(void **state)
{
    (void)state;
    Calibrate_IN in = {50};
    probe_method_output(Calibrate, sizeof(in), &in, Calibrate_OUT_SIZE);
    WMIHANDLE handle = open_block(&ControlGuid);
    Calibrate_OUT out = {0};
    ULONG size = sizeof(out);
    assert_win32(WmiExecuteMethodA(handle, NAME0, Calibrate, sizeof(in), &in, &size, &out), ERROR_SUCCESS);
    assert_int_equal(out.CalibratedReading, 2150 + 50);
    size = sizeof(out);
    assert_win32(WmiExecuteMethodA(handle, NAME0, Calibrate, 0, NULL, &size, &out), ERROR_INVALID_PARAMETER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_PARAMETER);
    WmiCloseBlock(handle);
    /* Later readings are shifted too. */
    assert_int_equal(simulate(NAME0, 3000).Reported, 3050);
    assert_int_equal(query_settings(NAME0).CurrentTemperature, 3050);
}

static void test_method_simulate_reading(void **state)
{
    (void)state;
    SimulateReading_IN in = {3000};
    probe_method_output(SimulateReading, sizeof(in), &in, SimulateReading_OUT_SIZE);
    SimulateReading_OUT out = simulate(NAME0, 3000);
    assert_int_equal(out.Reported, 3000);
    assert_false(out.AlarmRaised);
    assert_int_equal(query_settings(NAME0).CurrentTemperature, 3000);
}

static void test_method_unknown_id(void **state)
{
    (void)state;
    WMIHANDLE handle = open_block(&ControlGuid);
    ULONG out[4];
    ULONG size = sizeof(out);
    assert_win32(WmiExecuteMethodA(handle, NAME0, 42, 0, NULL, &size, out), ERROR_WMI_ITEMID_NOT_FOUND);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_ITEMID_NOT_FOUND);
    WmiCloseBlock(handle);
}

/* ---- Events -------------------------------------------------------------------- */

static Contoso_ThermalAlarmEvent alarm_payload(const kmdfsim_wmi_event *event)
{
    Contoso_ThermalAlarmEvent alarm;
    memset(&alarm, 0, sizeof(alarm));
    assert_int_equal(event->size, Contoso_ThermalAlarmEvent_SIZE);
    memcpy(&alarm, event->data, Contoso_ThermalAlarmEvent_SIZE);
    return alarm;
}

static void test_alarm_events_in_order(void **state)
{
    (void)state;
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&AlarmGuid, &recorder), ERROR_SUCCESS);
    assert_true(simulate(NAME0, 9000).AlarmRaised);
    assert_false(simulate(NAME0, 9100).AlarmRaised); /* latched until the reading comes back */
    assert_false(simulate(NAME0, 2000).AlarmRaised);
    assert_true(simulate(NAME0, -1500).AlarmRaised);
    assert_true(kmdfsim_wmi_recorder_wait(recorder, 2, 1000));
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 2);

    kmdfsim_wmi_event event;
    assert_true(kmdfsim_wmi_recorder_get(recorder, 0, &event));
    assert_memory_equal(&event.guid, &AlarmGuid, sizeof(GUID));
    assert_string_equal(event.instance_name, NAME0);
    Contoso_ThermalAlarmEvent alarm = alarm_payload(&event);
    assert_int_equal(alarm.TemperatureCentiC, 9000);
    assert_int_equal(alarm.ThresholdCentiC, THERMAL_DEFAULT_HIGH);
    assert_true(alarm.High);

    assert_true(kmdfsim_wmi_recorder_get(recorder, 1, &event));
    alarm = alarm_payload(&event);
    assert_int_equal(alarm.TemperatureCentiC, -1500);
    assert_int_equal(alarm.ThresholdCentiC, THERMAL_DEFAULT_LOW);
    assert_false(alarm.High);
    kmdfsim_wmi_recorder_stop(recorder);
}

static void test_alarm_not_fired_without_consumer_or_when_disabled(void **state)
{
    fixture *f = *state;
    assert_true(simulate(NAME0, 9000).AlarmRaised); /* nobody enabled the event: the driver skips it */
    assert_false(WdfWmiProviderIsEnabled(WdfWmiInstanceGetProvider(context_of(f->device[0])->AlarmEventInstance),
                                         WdfWmiEventControl));
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&AlarmGuid, &recorder), ERROR_SUCCESS);
    assert_win32(set_item(NAME1, Contoso_ThermalSettings_AlarmEnabled_ID, 0), ERROR_SUCCESS);
    assert_false(simulate(NAME1, 9000).AlarmRaised);
    assert_false(kmdfsim_wmi_recorder_wait(recorder, 1, 20));
    kmdfsim_wmi_recorder_stop(recorder);
}

static void test_shutdown_event(void **state)
{
    (void)state;
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&ShutdownGuid, &recorder), ERROR_SUCCESS);
    simulate(NAME1, THERMAL_CRITICAL - 1);
    simulate(NAME1, 11000);
    assert_true(kmdfsim_wmi_recorder_wait(recorder, 1, 1000));
    assert_int_equal(kmdfsim_wmi_recorder_count(recorder), 1);
    kmdfsim_wmi_event event;
    assert_true(kmdfsim_wmi_recorder_get(recorder, 0, &event));
    assert_memory_equal(&event.guid, &ShutdownGuid, sizeof(GUID));
    assert_string_equal(event.instance_name, NAME1);
    assert_int_equal(event.size, Contoso_ThermalShutdownEvent_SIZE);
    LONG temperature;
    memcpy(&temperature, event.data, sizeof(temperature));
    assert_int_equal(temperature, 11000);
    kmdfsim_wmi_recorder_stop(recorder);
}

/* A consumer of its own: WmiNotificationRegistrationA with NOTIFICATION_CALLBACK_DIRECT. */
static UCHAR g_event[256];
static ULONG g_event_count;

static VOID WMIAPI on_shutdown(PWNODE_HEADER wnode, UINT_PTR context)
{
    assert_int_equal(context, 0x5151);
    assert_true(wnode->BufferSize <= sizeof(g_event));
    memcpy(g_event, wnode, wnode->BufferSize);
    g_event_count++;
}

static void test_shutdown_event_direct_callback(void **state)
{
    (void)state;
    NOTIFICATIONCALLBACK callback = on_shutdown;
    PVOID delivery;
    memcpy(&delivery, &callback, sizeof(delivery)); /* DeliveryInfo is a PVOID holding the callback */
    g_event_count = 0;
    assert_win32(WmiNotificationRegistrationA(&ShutdownGuid, TRUE, delivery, 0x5151, NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_SUCCESS);
    simulate(NAME0, 12000);
    assert_int_equal(g_event_count, 1); /* delivered before the method call returned */
    kmdfsim_wmi_instance_data instance;
    assert_true(kmdfsim_wmi_single_instance_read(g_event, ((PWNODE_HEADER)g_event)->BufferSize, &instance));
    assert_string_equal(instance.name, NAME0);
    LONG temperature;
    memcpy(&temperature, instance.data, sizeof(temperature));
    assert_int_equal(temperature, 12000);
    assert_win32(WmiNotificationRegistrationA(&ShutdownGuid, FALSE, delivery, 0x5151, NOTIFICATION_CALLBACK_DIRECT),
                 ERROR_SUCCESS);
    simulate(NAME0, 12500);
    assert_int_equal(g_event_count, 1);
}

/* ---- Contoso_ThermalStatistics (expensive) --------------------------------------- */

static void test_statistics_collected_only_while_open(void **state)
{
    fixture *f = *state;
    THERMAL_STATISTICS *stats = &context_of(f->device[0])->Statistics;
    assert_false(stats->Collecting);
    simulate(NAME0, 2500);
    assert_int_equal(stats->SampleCount, 0);

    WMIHANDLE first = open_block(&StatisticsGuid); /* first open: function control enables collection */
    WMIGUIDINFORMATION info = {sizeof(info), FALSE, FALSE};
    assert_win32(WmiQueryGuidInformation(first, &info), ERROR_SUCCESS);
    assert_true(info.IsExpensive);
    assert_true(stats->Collecting);
    assert_true(context_of(f->device[1])->Statistics.Collecting);
    WMIHANDLE second = open_block(&StatisticsGuid);
    simulate(NAME0, 3000);
    simulate(NAME0, 1000);
    assert_win32(WmiCloseBlock(second), ERROR_SUCCESS);
    assert_true(stats->Collecting); /* not the last close */
    simulate(NAME0, 5000);

    ULONG buffer[64];
    const Contoso_ThermalStatistics *s = query(first, NAME0, buffer, sizeof(buffer), NULL);
    assert_int_equal(s->SampleCount, 3);
    assert_int_equal(s->MinimumCentiC, 1000);
    assert_int_equal(s->MaximumCentiC, 5000);
    s = query(first, NAME1, buffer, sizeof(buffer), NULL);
    assert_int_equal(s->SampleCount, 0);
    assert_int_equal(s->MinimumCentiC, 0);

    assert_win32(WmiCloseBlock(first), ERROR_SUCCESS); /* last close: collection stops */
    assert_false(stats->Collecting);
    simulate(NAME0, 6000);
    assert_int_equal(stats->SampleCount, 3);
}

/* ---- Two devices ------------------------------------------------------------------ */

static void test_two_devices_names_and_separate_state(void **state)
{
    fixture *f = *state;
    char name[128];
    assert_int_equal(kmdfsim_wmi_instance_name(f->device[0], 0, name, sizeof(name)), strlen(NAME0));
    assert_string_equal(name, NAME0);
    kmdfsim_wmi_instance_name(f->device[1], 0, name, sizeof(name));
    assert_string_equal(name, NAME1);

    assert_win32(set_item(NAME1, Contoso_ThermalSettings_HighThreshold_ID, 7000), ERROR_SUCCESS);
    simulate(NAME1, 4200);
    Contoso_ThermalSettings s0 = query_settings(NAME0), s1 = query_settings(NAME1);
    assert_int_equal(s0.HighThreshold, THERMAL_DEFAULT_HIGH);
    assert_int_equal(s0.CurrentTemperature, 2150);
    assert_int_equal(s1.HighThreshold, 7000);
    assert_int_equal(s1.CurrentTemperature, 4200);
}

/* Queries every instance of `guid` into a malloc'd buffer, after the size probe. */
static void *query_all(GUID *guid, ULONG *size)
{
    WMIHANDLE handle = open_block(guid);
    *size = 0;
    assert_win32(WmiQueryAllDataA(handle, size, NULL), ERROR_INSUFFICIENT_BUFFER);
    void *buffer = test_malloc(*size);
    assert_win32(WmiQueryAllDataA(handle, size, buffer), ERROR_SUCCESS);
    WmiCloseBlock(handle);
    return buffer;
}

static void test_all_data_across_devices(void **state)
{
    (void)state;
    simulate(NAME1, 4200);
    ULONG size;
    void *all = query_all(&SettingsGuid, &size);
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(all, size), 2);
    assert_int_equal(kmdfsim_wmi_all_data_count(all, size), 2);
    kmdfsim_wmi_instance_data instance;
    Contoso_ThermalSettings s;
    assert_true(kmdfsim_wmi_all_data_find(all, size, NAME0, &instance));
    assert_int_equal(instance.size, Contoso_ThermalSettings_SIZE);
    memcpy(&s, instance.data, Contoso_ThermalSettings_SIZE);
    assert_int_equal(s.CurrentTemperature, 2150);
    assert_true(kmdfsim_wmi_all_data_find(all, size, NAME1, &instance));
    memcpy(&s, instance.data, Contoso_ThermalSettings_SIZE);
    assert_int_equal(s.CurrentTemperature, 4200);
    test_free(all);

    /* Variable-size instances: each device's own location string. */
    all = query_all(&InfoGuid, &size);
    char location[64];
    assert_true(kmdfsim_wmi_all_data_find(all, size, NAME1, &instance));
    read_counted_string((const UCHAR *)instance.data + 4, location, sizeof(location));
    assert_string_equal(location, "Chassis intake");
    assert_true(kmdfsim_wmi_all_data_find(all, size, NAME0, &instance));
    read_counted_string((const UCHAR *)instance.data + 4, location, sizeof(location));
    assert_string_equal(location, "CPU socket 0");
    test_free(all);
}

static void test_removed_device_leaves_wmi(void **state)
{
    fixture *f = *state;
    assert_nt_success(kmdfsim_device_remove(f->device[1]));
    ULONG size;
    void *all = query_all(&SettingsGuid, &size);
    assert_int_equal(kmdfsim_wmi_all_data_count(all, size), 1);
    test_free(all);
    UCHAR buffer[256];
    size = sizeof(buffer);
    WMIHANDLE handle = open_block(&SettingsGuid);
    assert_win32(WmiQuerySingleInstanceA(handle, NAME1, &size, buffer), ERROR_WMI_INSTANCE_NOT_FOUND);
    WmiCloseBlock(handle);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_info_size_probe_then_query),
        TEST(test_info_unknown_instance_and_read_only),
        TEST(test_info_location_unknown_without_property),
        TEST(test_settings_defaults),
        TEST(test_settings_set_instance),
        TEST(test_settings_set_instance_invalid_thresholds),
        TEST(test_settings_set_item),
        TEST(test_settings_set_item_failures),
        TEST(test_method_reset_peak),
        TEST(test_method_calibrate),
        TEST(test_method_simulate_reading),
        TEST(test_method_unknown_id),
        TEST(test_alarm_events_in_order),
        TEST(test_alarm_not_fired_without_consumer_or_when_disabled),
        TEST(test_shutdown_event),
        TEST(test_shutdown_event_direct_callback),
        TEST(test_statistics_collected_only_while_open),
        TEST(test_two_devices_names_and_separate_state),
        TEST(test_all_data_across_devices),
        TEST(test_removed_device_leaves_wmi),
    };
    return cmocka_run_group_tests_name("thermal_sensor", tests, NULL, NULL);
}
