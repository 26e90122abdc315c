/*
 * kmdfsim_demo.c - a WMI session with the Contoso thermal sensor driver, as
 * a `Get-CimInstance -Namespace root/wmi` user would see it on Windows.
 *
 * The driver (examples/thermal_sensor/driver, unmodified WDK code) is loaded
 * through its DriverEntry and two devices are started. Everything after that
 * goes through the user-mode WMI API (wmium.h), and every value is printed
 * by property name, decoded with the class descriptions kmdfsim-mofgen wrote
 * from thermal.mof (embedded at build time: thermal_mof_json.c). Each step
 * checks what it got; the exit status is non-zero when any check failed.
 */
#include <kmdfsim/kmdfsim.h>
#include <wmium.h>

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "mof.h"

DRIVER_INITIALIZE DriverEntry; /* the driver's, from driver.c */

extern const unsigned char thermal_mof_json[];
extern const size_t thermal_mof_json_size;

#define NAME0 "ROOT\\CONTOSO_THERMAL\\0000_0"
#define NAME1 "ROOT\\CONTOSO_THERMAL\\0001_0"

static json_value *g_mof;
static int g_checks, g_failures;
static BOOLEAN g_show_trace;
static NTSTATUS g_status; /* the NTSTATUS behind the last Wmi* result, kept past WmiCloseBlock */

/* ---- Checks and output ---------------------------------------------------- */

static void expect(int ok, const char *what)
{
    g_checks++;
    if (!ok) {
        g_failures++;
        printf("  !! expectation failed: %s\n", what);
    }
}

/* Driver trace messages, shown only where the session wants them. */
static void trace_sink(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    if (g_show_trace && record->source == KMDFSIM_LOG_TRACE) {
        size_t n = record->length;
        while (n > 0 && record->text[n - 1] == '\n')
            n--;
        printf("    [driver trace] %.*s\n", (int)n, record->text);
    }
}

static void prompt(const char *command)
{
    printf("\nPS> %s\n\n", command);
}

/* Passes a Wmi* result through, keeping the NTSTATUS behind it (the next call, even a close, replaces it). */
static ULONG done(ULONG error)
{
    g_status = kmdfsim_wmi_last_status();
    return error;
}

/* Prints a failed call as Windows would report it, plus the NTSTATUS behind it. */
static void show_error(ULONG error)
{
    printf("  error %s (%lu); ", kmdfsim_win32_error_name(error), (unsigned long)error);
    printf("driver/WMI status %s (0x%08lX)\n", kmdfsim_status_name(g_status), (unsigned long)(ULONG)g_status);
}

/* Expects call result `error` with NTSTATUS `status`, and shows it. */
static void expect_error(ULONG error, ULONG want_error, NTSTATUS want_status, const char *what)
{
    show_error(error);
    expect(error == want_error && g_status == want_status, what);
}

/* ---- Classes ------------------------------------------------------------------ */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "6c2b8d1e-4a7f-4e2b-9c3d-1f0a5b7e2d41" (the JSON's form) as a GUID. */
static int parse_guid(const char *text, GUID *guid)
{
    unsigned char b[16];
    size_t n = 0;
    for (const char *p = text; p != NULL && *p != '\0' && n < 16; p++) {
        if (*p == '-')
            continue;
        if (hex_digit(p[0]) < 0 || hex_digit(p[1]) < 0)
            return 0;
        b[n++] = (unsigned char)(hex_digit(p[0]) * 16 + hex_digit(p[1]));
        p++;
    }
    if (n != 16)
        return 0;
    guid->Data1 = (ULONG)b[0] << 24 | (ULONG)b[1] << 16 | (ULONG)b[2] << 8 | b[3];
    guid->Data2 = (USHORT)(b[4] << 8 | b[5]);
    guid->Data3 = (USHORT)(b[6] << 8 | b[7]);
    memcpy(guid->Data4, b + 8, 8);
    return 1;
}

static const json_value *class_named(const char *name)
{
    const json_value *cls = mof_class(g_mof, name);
    expect(cls != NULL, "the class is described in thermal_mof.json");
    return cls;
}

/* Opens the data block of class `name`; NULL (and a failed check) on error. */
static WMIHANDLE open_class(const char *name)
{
    GUID guid;
    WMIHANDLE handle = NULL;
    const json_value *cls = class_named(name);
    if (cls == NULL || !parse_guid(json_string(json_get(cls, "guid")), &guid))
        return NULL;
    ULONG error = done(WmiOpenBlock(&guid, WMIGUID_QUERY | WMIGUID_SET | WMIGUID_EXECUTE, &handle));
    if (error != ERROR_SUCCESS)
        show_error(error);
    expect(error == ERROR_SUCCESS, "WmiOpenBlock");
    return handle;
}

/* Prints one instance as Get-CimInstance's list view: "Name : value", names aligned. */
static void print_instance(const json_value *items, const char *name, const void *data, ULONG size)
{
    int width = name != NULL ? (int)strlen("InstanceName") : 0;
    for (size_t i = 0; i < json_count(items); i++) {
        int n = (int)strlen(json_string(json_get(json_at(items, i), "name")));
        width = n > width ? n : width;
    }
    if (name != NULL) {
        printf("  %-*s : %s\n", width, "InstanceName", name);
        printf("  %-*s : True\n", width, "Active");
    }
    for (size_t i = 0; i < json_count(items); i++) {
        char value[MOF_VALUE_MAX];
        int ok = mof_format_item(items, i, data, size, value, sizeof(value));
        printf("  %-*s : %s\n", width, json_string(json_get(json_at(items, i), "name")), ok ? value : "?");
        expect(ok, "every property decodes");
    }
    printf("\n");
}

/* The integer property `property` of instance `name` in an ALL_DATA or SINGLE_INSTANCE reply. */
static long property_of(const char *cls, const void *reply, ULONG size, const char *name, const char *property)
{
    kmdfsim_wmi_instance_data instance;
    long value = 0x7FFFFFFF;
    BOOLEAN found = name ? kmdfsim_wmi_all_data_find(reply, size, name, &instance)
                         : kmdfsim_wmi_single_instance_read(reply, size, &instance);
    if (found)
        mof_read_long(json_get(class_named(cls), "properties"), property, instance.data, instance.size, &value);
    return value;
}

/* ---- Queries -------------------------------------------------------------- */

/* Get-CimInstance: every instance of the class across devices (ALL_DATA). Returns the reply size. */
static ULONG get_all(const char *cls, UCHAR *reply, ULONG room)
{
    char command[160];
    snprintf(command, sizeof(command), "Get-CimInstance -Namespace root/wmi -ClassName %s", cls);
    prompt(command);
    WMIHANDLE handle = open_class(cls);
    ULONG size = 0;
    expect(WmiQueryAllDataA(handle, &size, NULL) == ERROR_INSUFFICIENT_BUFFER && size <= room,
           "ALL_DATA size probe gives the size needed");
    ULONG error = done(WmiQueryAllDataA(handle, &size, reply));
    expect(error == ERROR_SUCCESS, "WmiQueryAllDataA");
    WmiCloseBlock(handle);
    if (error != ERROR_SUCCESS)
        return 0;
    ULONG count = kmdfsim_wmi_all_data_count(reply, size);
    expect(count == 2, "one instance per device");
    if (count == KMDFSIM_WMI_MALFORMED)
        count = 0;
    for (ULONG i = 0; i < count; i++) {
        kmdfsim_wmi_instance_data instance;
        if (kmdfsim_wmi_all_data_get(reply, size, i, &instance))
            print_instance(json_get(class_named(cls), "properties"), instance.name, instance.data, instance.size);
    }
    return size;
}

/* Get-CimInstance -Filter: one instance (SINGLE_INSTANCE). Returns the reply size, 0 on error. */
static ULONG get_one(const char *cls, const char *name, UCHAR *reply, ULONG room)
{
    char command[200];
    snprintf(command, sizeof(command),
             "Get-CimInstance -Namespace root/wmi -ClassName %s -Filter \"InstanceName='%s'\"", cls, name);
    prompt(command);
    WMIHANDLE handle = open_class(cls);
    ULONG size = room;
    ULONG error = done(WmiQuerySingleInstanceA(handle, name, &size, reply));
    WmiCloseBlock(handle);
    kmdfsim_wmi_instance_data instance;
    if (error != ERROR_SUCCESS || !kmdfsim_wmi_single_instance_read(reply, size, &instance)) {
        show_error(error);
        return 0;
    }
    print_instance(json_get(class_named(cls), "properties"), instance.name, instance.data, instance.size);
    return size;
}

/* ---- Sets ------------------------------------------------------------------ */

/* Set-CimInstance of one property (WmiSetSingleItem, the property's WmiDataId). Returns the Win32 result. */
static ULONG set_property(const char *cls, const char *name, const char *property, long value)
{
    char command[240];
    snprintf(command, sizeof(command),
             "Get-CimInstance ... -Filter \"InstanceName='%s'\" | Set-CimInstance -Property @{%s=%ld}", name, property,
             value);
    prompt(command);
    const json_value *items = json_get(class_named(cls), "properties");
    ULONG id = 0, item_size = 0, offset = 0;
    for (size_t i = 0; i < json_count(items); i++) {
        const json_value *item = json_at(items, i);
        if (strcmp(json_string(json_get(item, "name")), property) == 0) {
            id = (ULONG)json_long(json_get(item, "id"), 0);
            item_size = (ULONG)json_long(json_get(item, "element_size"), 0);
            offset = (ULONG)json_long(json_get(item, "offset"), 0);
        }
    }
    UCHAR block[64] = {0};
    expect(mof_write_long(items, property, value, block, sizeof(block)), "the property is an integer");
    WMIHANDLE handle = open_class(cls);
    ULONG error = done(WmiSetSingleItemA(handle, name, id, 0, item_size, block + offset));
    WmiCloseBlock(handle);
    if (error == ERROR_SUCCESS)
        printf("  ok\n");
    else
        show_error(error);
    return error;
}

/* ---- Methods ------------------------------------------------------------------ */

/* Get-CimClass: the methods of a class with their parameters, from the JSON. */
static void list_methods(const char *cls)
{
    char command[160];
    snprintf(command, sizeof(command), "(Get-CimClass -Namespace root/wmi -ClassName %s).CimClassMethods", cls);
    prompt(command);
    const json_value *methods = json_get(class_named(cls), "methods");
    for (size_t i = 0; i < json_count(methods); i++) {
        const json_value *method = json_at(methods, i);
        printf("  %-22s id %ld  (", json_string(json_get(method, "name")), json_long(json_get(method, "id"), 0));
        const char *sep = "";
        for (int dir = 0; dir < 2; dir++) {
            const json_value *params = json_get(json_get(method, dir ? "out" : "in"), "parameters");
            for (size_t p = 0; p < json_count(params); p++, sep = ", ")
                printf("%s[%s] %s %s", sep, dir ? "out" : "in", json_string(json_get(json_at(params, p), "type")),
                       json_string(json_get(json_at(params, p), "name")));
        }
        printf(")\n");
    }
}

typedef struct method_result {
    ULONG error;
    UCHAR out[64];
    ULONG size;
    const json_value *out_items;
} method_result;

/* Invoke-CimMethod with at most one argument; probes the output size first, prints the outputs by name. */
static method_result invoke(const char *name, const char *method_name, const char *arg, long value)
{
    char command[240];
    method_result r;
    memset(&r, 0, sizeof(r));
    snprintf(command, sizeof(command), "Invoke-CimMethod -InputObject <%s> -MethodName %s%s%s%s", name, method_name,
             arg ? " -Arguments @{" : "", arg ? arg : "", arg ? "=" : "");
    if (arg)
        snprintf(command + strlen(command), sizeof(command) - strlen(command), "%ld}", value);
    prompt(command);

    const json_value *method = mof_method(class_named("Contoso_ThermalControl"), method_name);
    ULONG id = (ULONG)json_long(json_get(method, "id"), 0);
    UCHAR in[64] = {0};
    ULONG in_size = (ULONG)json_long(json_get(json_get(method, "in"), "size"), 0);
    if (arg)
        expect(mof_write_long(json_get(json_get(method, "in"), "parameters"), arg, value, in, sizeof(in)),
               "the argument is an input parameter");
    r.out_items = json_get(json_get(method, "out"), "parameters");

    WMIHANDLE handle = open_class("Contoso_ThermalControl");
    r.size = 0;
    r.error = WmiExecuteMethodA(handle, name, id, in_size, in, &r.size, NULL);
    printf("  (output size probe: %s, %lu bytes needed)\n", kmdfsim_win32_error_name(r.error), (unsigned long)r.size);
    expect(r.error == ERROR_INSUFFICIENT_BUFFER &&
               r.size == (ULONG)json_long(json_get(json_get(method, "out"), "size"), 0),
           "the output size probe gives the method's output size");
    r.size = sizeof(r.out);
    r.error = done(WmiExecuteMethodA(handle, name, id, in_size, in, &r.size, r.out));
    WmiCloseBlock(handle);
    if (r.error == ERROR_SUCCESS)
        print_instance(r.out_items, NULL, r.out, r.size);
    else
        show_error(r.error);
    return r;
}

static long output_of(const method_result *r, const char *parameter)
{
    long value = 0x7FFFFFFF;
    mof_read_long(r->out_items, parameter, r->out, r->size, &value);
    return value;
}

/* ---- Events -------------------------------------------------------------------- */

static kmdfsim_wmi_recorder *subscribe(const char *cls)
{
    char command[160];
    GUID guid;
    kmdfsim_wmi_recorder *recorder = NULL;
    snprintf(command, sizeof(command), "Register-CimIndicationEvent -Namespace root/wmi -ClassName %s", cls);
    prompt(command);
    parse_guid(json_string(json_get(class_named(cls), "guid")), &guid);
    ULONG error = kmdfsim_wmi_recorder_start(&guid, &recorder);
    expect(error == ERROR_SUCCESS, "event subscription");
    printf("  subscribed (the driver's event provider is now enabled)\n");
    return recorder;
}

/* Prints the events recorded so far, decoded by the event class; returns how many. */
static ULONG print_events(kmdfsim_wmi_recorder *recorder, const char *cls, ULONG expected)
{
    expect(kmdfsim_wmi_recorder_wait(recorder, expected, 1000), "the events arrived");
    ULONG count = kmdfsim_wmi_recorder_count(recorder);
    for (ULONG i = 0; i < count; i++) {
        kmdfsim_wmi_event event;
        kmdfsim_wmi_recorder_get(recorder, i, &event);
        printf("  event %s from %s:\n", cls, event.instance_name);
        print_instance(json_get(class_named(cls), "properties"), NULL, event.data, event.size);
    }
    return count;
}

/* ---- The session ------------------------------------------------------------------ */

static kmdfsim_device *add_device(kmdfsim_driver *driver, const char *id, const char *location)
{
    kmdfsim_device_property property = {DevicePropertyLocationInformation, location, NULL, 0};
    kmdfsim_device_options options = {id, &property, 1};
    kmdfsim_device *device = NULL;
    NTSTATUS status = kmdfsim_device_add_ex(driver, &options, &device);
    if (NT_SUCCESS(status))
        status = kmdfsim_device_start(device);
    printf("  device %s (location \"%s\"): %s\n", id, location, kmdfsim_status_name(status));
    expect(NT_SUCCESS(status), "device add and start");
    return device;
}

static void query_and_set(void)
{
    static UCHAR reply[4096];
    ULONG size = get_all("Contoso_ThermalInfo", reply, sizeof(reply));
    expect(property_of("Contoso_ThermalInfo", reply, size, NAME1, "FirmwareVersion") == 0x00020003,
           "FirmwareVersion 0x00020003");
    size = get_all("Contoso_ThermalSettings", reply, sizeof(reply));
    expect(property_of("Contoso_ThermalSettings", reply, size, NAME0, "HighThreshold") == 8500,
           "HighThreshold defaults to 8500");

    expect(set_property("Contoso_ThermalSettings", NAME0, "HighThreshold", 7000) == ERROR_SUCCESS, "set HighThreshold");
    size = get_one("Contoso_ThermalSettings", NAME0, reply, sizeof(reply));
    expect(property_of("Contoso_ThermalSettings", reply, size, NULL, "HighThreshold") == 7000,
           "the re-query shows HighThreshold 7000");
}

static void failures(void)
{
    static UCHAR reply[512];
    ULONG error = set_property("Contoso_ThermalSettings", NAME0, "CurrentTemperature", 0);
    expect(error == ERROR_WMI_READ_ONLY && g_status == STATUS_WMI_READ_ONLY, "CurrentTemperature is read-only");
    error = set_property("Contoso_ThermalSettings", NAME0, "LowThreshold", 7500);
    expect(error == ERROR_INVALID_PARAMETER && g_status == STATUS_INVALID_PARAMETER,
           "LowThreshold above HighThreshold is refused");

    prompt("Set-CimInstance <" NAME1 "> -Property @{HighThreshold=1000; LowThreshold=1000; AlarmEnabled=$true}");
    UCHAR block[16] = {0};
    const json_value *items = json_get(class_named("Contoso_ThermalSettings"), "properties");
    mof_write_long(items, "HighThreshold", 1000, block, sizeof(block));
    mof_write_long(items, "LowThreshold", 1000, block, sizeof(block));
    mof_write_long(items, "AlarmEnabled", 1, block, sizeof(block));
    WMIHANDLE handle = open_class("Contoso_ThermalSettings");
    g_show_trace = TRUE;
    error = done(WmiSetSingleInstanceA(
        handle, NAME1, 0, (ULONG)json_long(json_get(class_named("Contoso_ThermalSettings"), "size"), 0), block));
    g_show_trace = FALSE;
    expect_error(error, ERROR_INVALID_PARAMETER, STATUS_INVALID_PARAMETER, "High <= Low is refused");
    WmiCloseBlock(handle);

    expect(get_one("Contoso_ThermalInfo", "ROOT\\CONTOSO_THERMAL\\0000_9", reply, sizeof(reply)) == 0 &&
               g_status == STATUS_WMI_INSTANCE_NOT_FOUND,
           "an unknown instance is not found");
}

static void methods(void)
{
    list_methods("Contoso_ThermalControl");
    method_result r = invoke(NAME0, "Calibrate", "OffsetCentiC", -50);
    expect(r.error == ERROR_SUCCESS && output_of(&r, "CalibratedReading") == 2100, "Calibrate gives 2150 - 50");
    r = invoke(NAME0, "ResetPeakTemperature", NULL, 0);
    expect(r.error == ERROR_SUCCESS && output_of(&r, "PreviousPeak") == 2150, "the peak was the start reading");
}

static void events(void)
{
    kmdfsim_wmi_recorder *alarms = subscribe("Contoso_ThermalAlarmEvent");
    kmdfsim_wmi_recorder *shutdowns = subscribe("Contoso_ThermalShutdownEvent");
    method_result r = invoke(NAME1, "SimulateReading", "RawCentiC", 9000);
    expect(output_of(&r, "AlarmRaised") == 1, "9000 is over the 8500 threshold");
    expect(print_events(alarms, "Contoso_ThermalAlarmEvent", 1) == 1, "one alarm event");
    r = invoke(NAME1, "SimulateReading", "RawCentiC", 11000);
    expect(output_of(&r, "AlarmRaised") == 0, "the alarm is latched");
    expect(print_events(shutdowns, "Contoso_ThermalShutdownEvent", 1) == 1, "one shutdown event");
    kmdfsim_wmi_recorder_stop(alarms);
    kmdfsim_wmi_recorder_stop(shutdowns);
}

static void statistics(void)
{
    static UCHAR reply[4096];
    prompt("# Contoso_ThermalStatistics is expensive: collected only while a consumer has it open.\n"
           "PS> # Opening it runs each device's EvtWmiProviderFunctionControl:");
    WMIHANDLE handle;
    g_show_trace = TRUE;
    handle = open_class("Contoso_ThermalStatistics");
    g_show_trace = FALSE;
    WMIGUIDINFORMATION info = {sizeof(info), FALSE, FALSE};
    WmiQueryGuidInformation(handle, &info);
    printf("  opened; IsExpensive = %s\n", info.IsExpensive ? "True" : "False");
    expect(info.IsExpensive, "the block is registered as expensive");
    invoke(NAME0, "SimulateReading", "RawCentiC", 3050);
    invoke(NAME0, "SimulateReading", "RawCentiC", 2550);
    ULONG size = get_all("Contoso_ThermalStatistics", reply, sizeof(reply));
    expect(property_of("Contoso_ThermalStatistics", reply, size, NAME0, "SampleCount") == 2 &&
               property_of("Contoso_ThermalStatistics", reply, size, NAME0, "MinimumCentiC") == 2500 &&
               property_of("Contoso_ThermalStatistics", reply, size, NAME1, "SampleCount") == 0,
           "two samples on device 0 while open, none on device 1");
    prompt("# The last consumer closes the block: collection stops on both devices.");
    g_show_trace = TRUE;
    WmiCloseBlock(handle);
    g_show_trace = FALSE;
}

static int run(void)
{
    kmdfsim_driver *driver = NULL;
    printf("kmdfsim demo: the Contoso thermal sensor driver (examples/thermal_sensor/driver)\n\n");
    NTSTATUS status = kmdfsim_driver_load(DriverEntry, &driver);
    printf("  DriverEntry: %s\n", kmdfsim_status_name(status));
    if (!NT_SUCCESS(status))
        return 1;
    add_device(driver, "ROOT\\CONTOSO_THERMAL\\0000", "CPU socket 0");
    add_device(driver, "ROOT\\CONTOSO_THERMAL\\0001", "Chassis intake");

    query_and_set();
    failures();
    methods();
    events();
    statistics();

    prompt("# unload the driver");
    kmdfsim_driver_unload(driver);
    ULONG live = kmdfsim_live_object_count();
    printf("  unloaded; framework objects left: %lu\n", (unsigned long)live);
    expect(live == 0, "no object leaks");
    return 0;
}

int main(void)
{
    g_mof = json_parse((const char *)thermal_mof_json, thermal_mof_json_size);
    if (g_mof == NULL || strcmp(json_string(json_get(g_mof, "format")) ? json_string(json_get(g_mof, "format")) : "",
                                "kmdfsim-mof-1") != 0) {
        fprintf(stderr, "kmdfsim_demo: the embedded class description is not kmdfsim-mof-1 JSON\n");
        return 2;
    }
    kmdfsim_set_log_sink(trace_sink, NULL);
    int result = run();
    kmdfsim_set_log_sink(NULL, NULL);
    json_free(g_mof);
    printf("\nkmdfsim demo: %d checks, %d failed\n", g_checks, g_failures);
    return result != 0 || g_failures != 0 ? 1 : 0;
}
