/*
 * test_port.c - end to end: the Firefly driver in tests/port/driver, whose
 * sources include their headers with the wrong case and with backslashes,
 * include a header generated from their .mof and .tmh files generated from
 * their WPP trace header, is built unchanged by kmdfsim_add_driver() and
 * queried here through raw WMI requests and through the wmium.h client. Data blocks are decoded by property
 * name with the JSON description kmdfsim-mofgen wrote for the .mof.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kmdfsim/kmdfsim.h>
#include <kmdfsim/wpp.h>
#include <wmium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fireflymof.h"
#include "mof_layout.h"

DRIVER_INITIALIZE DriverEntry;

static const GUID g_info_guid = FireflyDeviceInformationGuid;
static const GUID g_control_guid = FireflyControlGuid;

/* ---- Trace capture ---- */

#define MAX_TRACES 64
static char g_traces[MAX_TRACES][256];
static ULONG g_trace_levels[MAX_TRACES];
static unsigned g_trace_count;

static void capture(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    if (record->source != KMDFSIM_LOG_TRACE)
        return;
    if (g_trace_count < MAX_TRACES) {
        snprintf(g_traces[g_trace_count], sizeof(g_traces[0]), "%s", record->text);
        g_trace_levels[g_trace_count] = record->level;
    }
    g_trace_count++;
}

static int find_trace(const char *needle)
{
    for (unsigned i = 0; i < g_trace_count && i < MAX_TRACES; i++)
        if (strstr(g_traces[i], needle) != NULL)
            return (int)i;
    return -1;
}

/* ---- The driver ---- */

static kmdfsim_driver *g_driver;
static kmdfsim_device *g_device;

static int setup(void **state)
{
    (void)state;
    memset(g_traces, 0, sizeof(g_traces));
    g_trace_count = 0;
    kmdfsim_wpp_reset();
    kmdfsim_set_log_sink(capture, NULL);
    if (kmdfsim_driver_load(DriverEntry, &g_driver) != STATUS_SUCCESS)
        return -1;
    if (kmdfsim_device_add(g_driver, "ROOT\\FIREFLY\\0000", &g_device) != STATUS_SUCCESS)
        return -1;
    return kmdfsim_device_start(g_device) == STATUS_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kmdfsim_driver_unload(g_driver);
    g_driver = NULL;
    g_device = NULL;
    kmdfsim_set_log_sink(NULL, NULL);
    /* EvtCleanupCallback of the driver ran WPP_CLEANUP. */
    assert_int_equal(kmdfsim_wpp_init_count(), 0);
    assert_int_equal(kmdfsim_live_object_count(), 0);
    return 0;
}

/* ---- WMI requests (raw WNODEs, as the WMI kernel component sends them) ---- */

#define BUFFER_BYTES 512u
#define DATA_OFFSET 80u /* past the WNODE_SINGLE_INSTANCE / _ITEM / METHOD_ITEM headers, 8-aligned */

static NTSTATUS send(UCHAR minor, const GUID *guid, void *buffer, kmdfsim_wmi_irp *irp)
{
    memset(irp, 0, sizeof(*irp));
    irp->minor_function = minor;
    irp->provider_id = 0;
    memcpy(&irp->data_path, &guid, sizeof(guid));
    irp->buffer_size = BUFFER_BYTES;
    irp->buffer = buffer;
    irp->io_status.Status = STATUS_NOT_SUPPORTED;
    return kmdfsim_wmi_send_irp(g_device, irp);
}

static void header(void *buffer, const GUID *guid, ULONG flags)
{
    memset(buffer, 0, BUFFER_BYTES);
    PWNODE_HEADER h = (PWNODE_HEADER)buffer;
    h->BufferSize = BUFFER_BYTES;
    h->Guid = *guid;
    h->Flags = flags | WNODE_FLAG_STATIC_INSTANCE_NAMES;
}

/* Queries instance 0 of the data block; returns the data and its size. */
static const UCHAR *query_info(UCHAR *buffer, ULONG *size)
{
    header(buffer, &g_info_guid, WNODE_FLAG_SINGLE_INSTANCE);
    PWNODE_SINGLE_INSTANCE w = (PWNODE_SINGLE_INSTANCE)buffer;
    w->InstanceIndex = 0;
    w->DataBlockOffset = DATA_OFFSET;
    kmdfsim_wmi_irp irp;
    assert_int_equal(send(IRP_MN_QUERY_SINGLE_INSTANCE, &g_info_guid, buffer, &irp), STATUS_SUCCESS);
    assert_false(irp.forwarded);
    *size = w->SizeDataBlock;
    return buffer + w->DataBlockOffset;
}

/* A property's value, found by name in the JSON description. */
static ULONGLONG read_property(const UCHAR *data, ULONG size, const char *name)
{
    const mof_property_info *p = mof_find_property("FireflyDeviceInformation", name);
    assert_non_null(p);
    assert_true(p->offset >= 0 && p->size > 0 && p->size <= 8);
    assert_true((ULONG)(p->offset + p->size) <= size);
    ULONGLONG value = 0;
    for (long long i = p->size - 1; i >= 0; i--)
        value = (value << 8) | data[p->offset + i];
    return value;
}

static NTSTATUS set_item(ULONG item_id, ULONG value)
{
    UCHAR buffer[BUFFER_BYTES];
    header(buffer, &g_info_guid, WNODE_FLAG_SINGLE_ITEM);
    PWNODE_SINGLE_ITEM w = (PWNODE_SINGLE_ITEM)buffer;
    w->InstanceIndex = 0;
    w->ItemId = item_id;
    w->DataBlockOffset = DATA_OFFSET;
    w->SizeDataItem = sizeof(value);
    memcpy(buffer + DATA_OFFSET, &value, sizeof(value));
    kmdfsim_wmi_irp irp;
    return send(IRP_MN_CHANGE_SINGLE_ITEM, &g_info_guid, buffer, &irp);
}

/* ---- Tests ---- */

static void test_header_and_json_agree(void **state)
{
    (void)state;
    assert_true(mof_layout_check_count > 10);
    assert_int_equal(mof_layout_verify(), 0);
    assert_int_equal(mof_guid_check_count, 2);
}

static void test_query_decodes_by_property_name(void **state)
{
    (void)state;
    UCHAR buffer[BUFFER_BYTES];
    ULONG size;
    const UCHAR *data = query_info(buffer, &size);
    assert_int_equal(read_property(data, size, "TailLit"), 0x00FFAA00u);
    assert_int_equal(read_property(data, size, "Blinks"), 3);
    assert_true(read_property(data, size, "Uptime") == 0x0000000100000002ull);

    /* The string follows the fixed part at its own alignment (the JSON knows where). */
    const mof_property_info *model = mof_find_property("FireflyDeviceInformation", "Model");
    assert_non_null(model);
    assert_string_equal(model->type, "string");
    assert_true(model->offset >= 0 && model->size == -1);
    USHORT bytes = (USHORT)(data[model->offset] | (data[model->offset + 1] << 8));
    assert_int_equal(bytes, 13 * 2);
    assert_int_equal(size, (ULONG)model->offset + 2u + bytes);
    char text[32];
    for (USHORT i = 0; i < bytes / 2; i++)
        text[i] = (char)data[model->offset + 2 + 2 * i];
    text[bytes / 2] = '\0';
    assert_string_equal(text, "Firefly Mk II");

    /* The same bytes through the generated struct, as the driver wrote them. */
    const FireflyDeviceInformation *info = (const FireflyDeviceInformation *)(const void *)data;
    assert_int_equal(info->TailLit, 0x00FFAA00u);
    assert_int_equal(info->Blinks, 3);
    assert_true(find_trace("FireflyEvtWmiInstanceQueryInstance color FFAA00") >= 0);
}

/* The same data through the user-mode WMI client, as a Windows tool would ask for it. */
static void test_client_query_by_instance_name(void **state)
{
    (void)state;
    char name[KMDFSIM_WMI_NAME_MAX];
    assert_true(kmdfsim_wmi_instance_name(g_device, 0, name, sizeof(name)) > 0);
    WMIHANDLE block;
    GUID guid = g_info_guid;
    assert_int_equal(WmiOpenBlock(&guid, WMIGUID_QUERY | WMIGUID_SET, &block), ERROR_SUCCESS);
    /*
     * The Firefly driver declares MinInstanceBufferSize 4 but answers with a
     * longer string, so KMDF answers an empty probe with the minimum first
     * (semantics §2.7; kmdfsim warns QUERY_TOO_SMALL_DESPITE_MIN_SIZE): a
     * robust consumer grows its buffer until the answer fits.
     */
    ULONG size = 0;
    UCHAR *reply = NULL;
    ULONG result = WmiQuerySingleInstanceA(block, name, &size, NULL);
    for (int probes = 0; result == ERROR_INSUFFICIENT_BUFFER && probes < 4; probes++) {
        free(reply);
        reply = malloc(size);
        assert_non_null(reply);
        result = WmiQuerySingleInstanceA(block, name, &size, reply);
    }
    assert_int_equal(result, ERROR_SUCCESS);
    kmdfsim_wmi_instance_data instance;
    assert_true(kmdfsim_wmi_single_instance_read(reply, size, &instance));
    assert_string_equal(instance.name, name);
    assert_int_equal(read_property(instance.data, instance.size, "Blinks"), 3);
    assert_int_equal(read_property(instance.data, instance.size, "TailLit"), 0x00FFAA00u);
    free(reply);

    const mof_property_info *tail = mof_find_property("FireflyDeviceInformation", "TailLit");
    assert_non_null(tail);
    ULONG color = 0x0000FF00u;
    assert_int_equal(WmiSetSingleItemA(block, name, (ULONG)tail->id, 0, sizeof(color), &color), ERROR_SUCCESS);
    UCHAR buffer[BUFFER_BYTES];
    const UCHAR *data = query_info(buffer, &size);
    assert_int_equal(read_property(data, size, "TailLit"), 0x0000FF00u);
    assert_int_equal(WmiCloseBlock(block), ERROR_SUCCESS);
}

static void test_set_item_by_generated_id(void **state)
{
    (void)state;
    const mof_property_info *tail = mof_find_property("FireflyDeviceInformation", "TailLit");
    assert_non_null(tail);
    assert_int_equal(tail->id, FireflyDeviceInformation_TailLit_ID);
    assert_int_equal(set_item(tail->id, 0x000011FF), STATUS_SUCCESS);
    UCHAR buffer[BUFFER_BYTES];
    ULONG size;
    const UCHAR *data = query_info(buffer, &size);
    assert_int_equal(read_property(data, size, "TailLit"), 0x000011FFu);
    assert_true(find_trace("FireflyEvtWmiInstanceSetItem item 1 set to 0011FF") >= 0);
    /* Other items are read-only. */
    assert_int_equal(set_item(FireflyDeviceInformation_Blinks_ID, 9), STATUS_WMI_READ_ONLY);
}

static void test_trace_return_if_failed(void **state)
{
    (void)state;
    /* The driver's RETURN_IF_FAILED (a WPP function with PRE/POST) returns the failure. */
    assert_int_equal(set_item(FireflyDeviceInformation_TailLit_ID, 0x01000000), STATUS_INVALID_PARAMETER);
    int i = find_trace("item color 01000000: STATUS_INVALID_PARAMETER");
    assert_true(i >= 0);
    assert_int_equal(g_trace_levels[i], TRACE_LEVEL_ERROR);
    UCHAR buffer[BUFFER_BYTES];
    ULONG size;
    const UCHAR *data = query_info(buffer, &size);
    assert_int_equal(read_property(data, size, "TailLit"), 0x00FFAA00u);
}

static void test_method(void **state)
{
    (void)state;
    UCHAR buffer[BUFFER_BYTES];
    header(buffer, &g_control_guid, WNODE_FLAG_METHOD_ITEM);
    PWNODE_METHOD_ITEM w = (PWNODE_METHOD_ITEM)buffer;
    w->InstanceIndex = 0;
    w->MethodId = SetTailLight;
    w->DataBlockOffset = DATA_OFFSET;
    w->SizeDataBlock = SetTailLight_IN_SIZE;
    SetTailLight_IN in = {0x00123456};
    memcpy(buffer + DATA_OFFSET, &in, sizeof(in));
    kmdfsim_wmi_irp irp;
    assert_int_equal(send(IRP_MN_EXECUTE_METHOD, &g_control_guid, buffer, &irp), STATUS_SUCCESS);
    assert_int_equal(w->SizeDataBlock, SetTailLight_OUT_SIZE);
    SetTailLight_OUT out;
    memcpy(&out, buffer + w->DataBlockOffset, sizeof(out));
    assert_int_equal(out.OldColor, 0x00FFAA00u);
    ULONG size;
    const UCHAR *data = query_info(buffer, &size);
    assert_int_equal(read_property(data, size, "TailLit"), 0x00123456u);
}

static void test_driver_traces(void **state)
{
    (void)state;
    /* Traces from DriverEntry and EvtDeviceAdd (Driver.c includes "driver.tmh" for Driver.tmh). */
    assert_true(find_trace("DriverEntry Entry, version 201") >= 0);
    assert_true(find_trace("FireflyEvtDeviceAdd WMI registration STATUS_SUCCESS") >= 0);
    assert_int_equal(kmdfsim_wpp_init_count(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_json_agree),
        cmocka_unit_test_setup_teardown(test_query_decodes_by_property_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_client_query_by_instance_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_item_by_generated_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace_return_if_failed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_method, setup, teardown),
        cmocka_unit_test_setup_teardown(test_driver_traces, setup, teardown),
    };
    return cmocka_run_group_tests_name("port", tests, NULL, NULL);
}
