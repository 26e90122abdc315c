/* wmi_irp_support.c - helpers shared by the WMI IRP tests (see wmi_irp_support.h). */
#include "wmi_irp_support.h"

#include "client/wmi_kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const GUID WtGuidA = {0x1a2b3c4d, 0x0001, 0x4abc, {0x81, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}};
const GUID WtGuidB = {0x1a2b3c4d, 0x0002, 0x4abc, {0x81, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17}};
const GUID WtGuidC = {0x1a2b3c4d, 0x0003, 0x4abc, {0x81, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27}};
const GUID WtGuidD = {0x1a2b3c4d, 0x0004, 0x4abc, {0x81, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37}};
const GUID WtGuidUnknown = {0xdeadbeef, 0x0bad, 0x4bad, {0x9b, 0xad, 0xba, 0xdb, 0xad, 0xba, 0xdb, 0xad}};

kmdfsim_driver *wt_driver;
kmdfsim_device *wt_device;
wt_report wt_reports[WT_MAX_REPORTS];
unsigned wt_report_count;
static unsigned g_reports_dropped;

/* ---- Fields ---- */

void wt_put16(UCHAR *buffer, ULONG offset, USHORT value)
{
    buffer[offset] = (UCHAR)value;
    buffer[offset + 1] = (UCHAR)(value >> 8);
}

void wt_put32(UCHAR *buffer, ULONG offset, ULONG value)
{
    for (ULONG i = 0; i < 4; i++)
        buffer[offset + i] = (UCHAR)(value >> (8 * i));
}

void wt_put64(UCHAR *buffer, ULONG offset, ULONGLONG value)
{
    for (ULONG i = 0; i < 8; i++)
        buffer[offset + i] = (UCHAR)(value >> (8 * i));
}

void wt_put_guid(UCHAR *buffer, ULONG offset, const GUID *guid)
{
    wt_put32(buffer, offset, guid->Data1);
    wt_put16(buffer, offset + 4, guid->Data2);
    wt_put16(buffer, offset + 6, guid->Data3);
    memcpy(buffer + offset + 8, guid->Data4, 8);
}

USHORT wt_get16(const UCHAR *buffer, ULONG offset)
{
    return (USHORT)(buffer[offset] | (buffer[offset + 1] << 8));
}

ULONG wt_get32(const UCHAR *buffer, ULONG offset)
{
    ULONG value = 0;
    for (ULONG i = 0; i < 4; i++)
        value |= (ULONG)buffer[offset + i] << (8 * i);
    return value;
}

ULONGLONG wt_get64(const UCHAR *buffer, ULONG offset)
{
    ULONGLONG value = 0;
    for (ULONG i = 0; i < 8; i++)
        value |= (ULONGLONG)buffer[offset + i] << (8 * i);
    return value;
}

void wt_put_pattern(UCHAR *buffer, ULONG offset, ULONG size, UCHAR pattern)
{
    for (ULONG k = 0; k < size; k++)
        buffer[offset + k] = (UCHAR)(pattern + k);
}

/* ---- Buffers ---- */

UCHAR *wt_alloc(ULONG size)
{
    UCHAR *buffer = malloc((size_t)size + WT_CANARY_SIZE);
    assert_non_null(buffer);
    memset(buffer, WT_FILL, size);
    memset(buffer + size, WT_CANARY, WT_CANARY_SIZE);
    return buffer;
}

void wt_free(UCHAR *buffer) { free(buffer); }

UCHAR *wt_clone(const UCHAR *buffer, ULONG size)
{
    UCHAR *copy = malloc(size > 0 ? size : 1);
    assert_non_null(copy);
    memcpy(copy, buffer, size);
    return copy;
}

void wt_header(UCHAR *buffer, ULONG buffer_size, const GUID *guid, ULONG flags)
{
    wt_put32(buffer, WT_OFF_BUFFER_SIZE, buffer_size);
    wt_put32(buffer, WT_OFF_PROVIDER_ID, WT_HDR_PROVIDER_ID);
    wt_put64(buffer, WT_OFF_HISTORICAL, WT_HDR_HISTORICAL);
    wt_put64(buffer, WT_OFF_TIMESTAMP, WT_HDR_TIMESTAMP);
    wt_put_guid(buffer, WT_OFF_GUID, guid);
    wt_put32(buffer, WT_OFF_CLIENT_CONTEXT, WT_HDR_CLIENT_CONTEXT);
    wt_put32(buffer, WT_OFF_FLAGS, flags);
}

void wt_single(UCHAR *buffer, ULONG index, ULONG data_offset, ULONG size_data_block)
{
    wt_put32(buffer, WT_SI_INSTANCE_NAME, 0);
    wt_put32(buffer, WT_SI_INSTANCE_INDEX, index);
    wt_put32(buffer, WT_SI_DATA_BLOCK_OFFSET, data_offset);
    wt_put32(buffer, WT_SI_SIZE_DATA_BLOCK, size_data_block);
}

void wt_item(UCHAR *buffer, ULONG index, ULONG item_or_method_id, ULONG data_offset, ULONG size)
{
    wt_put32(buffer, WT_SI_INSTANCE_NAME, 0);
    wt_put32(buffer, WT_SI_INSTANCE_INDEX, index);
    wt_put32(buffer, WT_IT_ITEM_ID, item_or_method_id);
    wt_put32(buffer, WT_IT_DATA_BLOCK_OFFSET, data_offset);
    wt_put32(buffer, WT_IT_SIZE, size);
}

/* ---- Sending ---- */

NTSTATUS wt_send_raw(kmdfsim_device *device, UCHAR minor, PVOID data_path, ULONG_PTR provider_id, UCHAR *buffer,
                     ULONG buffer_size, kmdfsim_wmi_irp *irp)
{
    memset(irp, 0, sizeof(*irp));
    irp->minor_function = minor;
    irp->provider_id = provider_id;
    irp->data_path = data_path;
    irp->buffer_size = buffer_size;
    irp->buffer = buffer;
    irp->io_status.Status = WT_PRESET_STATUS;
    irp->io_status.Information = WT_PRESET_INFORMATION;
    irp->forwarded = 0x5A; /* must come back FALSE or TRUE */
    return kmdfsim_wmi_send_irp(device, irp);
}

NTSTATUS wt_send(UCHAR minor, const GUID *data_path, UCHAR *buffer, ULONG buffer_size, kmdfsim_wmi_irp *irp)
{
    PDEVICE_OBJECT fdo = WdfDeviceWdmGetDeviceObject(WmiTest.Device);
    assert_non_null(fdo);
    /* The DataPath of a data request is a GUID*; KMDF only reads it. */
    PVOID path;
    memcpy(&path, &data_path, sizeof(path));
    return wt_send_raw(wt_device, minor, path, (ULONG_PTR)fdo, buffer, buffer_size, irp);
}

/* ---- Assertions ---- */

void wt_assert_status_(NTSTATUS actual, NTSTATUS expected, const char *file, int line)
{
    if (actual != expected) {
        print_error("status 0x%08lX (%s), expected 0x%08lX (%s)\n", (unsigned long)(ULONG)actual,
                       kmdfsim_status_name(actual), (unsigned long)(ULONG)expected, kmdfsim_status_name(expected));
        _fail(file, line);
    }
}

void wt_assert_completion_(const kmdfsim_wmi_irp *irp, NTSTATUS returned, NTSTATUS status, ULONG_PTR information,
                           const char *file, int line)
{
    if (irp->forwarded != FALSE) {
        print_error("the IRP was forwarded (forwarded = %u); expected KMDF to complete it\n", (unsigned)irp->forwarded);
        _fail(file, line);
    }
    wt_assert_status_(returned, status, file, line);
    wt_assert_status_(irp->io_status.Status, status, file, line);
    if (irp->io_status.Information != information) {
        print_error("IoStatus.Information 0x%llX, expected 0x%llX\n", (unsigned long long)irp->io_status.Information,
                       (unsigned long long)information);
        _fail(file, line);
    }
}

void wt_assert_image_(const UCHAR *actual, const UCHAR *expected, ULONG size, const char *file, int line)
{
    for (ULONG i = 0; i < size; i++) {
        if (actual[i] != expected[i]) {
            print_error("byte %lu is 0x%02X, expected 0x%02X (image of %lu bytes)\n", (unsigned long)i, actual[i],
                           expected[i], (unsigned long)size);
            _fail(file, line);
        }
    }
}

void wt_assert_canary_(const UCHAR *buffer, ULONG size, const char *file, int line)
{
    for (ULONG i = 0; i < WT_CANARY_SIZE; i++) {
        if (buffer[size + i] != WT_CANARY) {
            print_error("byte %lu past BufferSize %lu was written (0x%02X)\n", (unsigned long)i, (unsigned long)size,
                           buffer[size + i]);
            _fail(file, line);
        }
    }
}

void wt_expect_too_small(UCHAR *expected, ULONG size_needed)
{
    wt_put32(expected, WT_OFF_BUFFER_SIZE, WT_SIZEOF_TOO_SMALL);
    wt_put32(expected, WT_OFF_FLAGS, WNODE_FLAG_TOO_SMALL);
    wt_put32(expected, WT_TS_SIZE_NEEDED, size_needed);
}

/* ---- Verifier reports ---- */

static void record_report(const kmdfsim_verifier_report *report, void *context)
{
    (void)context;
    if (wt_report_count >= WT_MAX_REPORTS) {
        g_reports_dropped++;
        return;
    }
    wt_report *r = &wt_reports[wt_report_count++];
    r->severity = report->severity;
    snprintf(r->rule, sizeof(r->rule), "%s", report->rule != NULL ? report->rule : "");
    snprintf(r->where, sizeof(r->where), "%s", report->where != NULL ? report->where : "");
    snprintf(r->message, sizeof(r->message), "%s", report->message != NULL ? report->message : "");
}

static void print_reports(void)
{
    for (unsigned i = 0; i < wt_report_count; i++)
        print_error("  report %u: %s [%s] in %s: %s\n", i,
                       wt_reports[i].severity == KMDFSIM_VERIFIER_ERROR ? "ERROR" : "WARNING", wt_reports[i].rule,
                       wt_reports[i].where, wt_reports[i].message);
}

void wt_expect_reports_(const wt_expected_report *expected, unsigned count, const char *file, int line)
{
    BOOLEAN match = wt_report_count == count && g_reports_dropped == 0;
    for (unsigned i = 0; match && i < count; i++) {
        match = wt_reports[i].severity == expected[i].severity && strcmp(wt_reports[i].rule, expected[i].rule) == 0 &&
                strcmp(wt_reports[i].where, expected[i].where) == 0;
    }
    if (!match) {
        print_error("verifier reports differ: %u made, %u expected\n", wt_report_count, count);
        for (unsigned i = 0; i < count; i++)
            print_error("  expected %u: %s [%s] in %s\n", i,
                           expected[i].severity == KMDFSIM_VERIFIER_ERROR ? "ERROR" : "WARNING", expected[i].rule,
                           expected[i].where);
        print_reports();
        _fail(file, line);
    }
    wt_report_count = 0;
    g_reports_dropped = 0;
}

/* ---- Fixture ---- */

int wt_setup(void **state)
{
    (void)state;
    memset(&WmiTest, 0, sizeof(WmiTest));
    wt_report_count = 0;
    g_reports_dropped = 0;
    wt_driver = NULL;
    wt_device = NULL;
    kmdfsim_set_verifier_handler(record_report, NULL);
    kmdfsim_clock_freeze(WT_FROZEN_TIME);
    return 0;
}

int wt_teardown(void **state)
{
    (void)state;
    if (wt_driver != NULL)
        kmdfsim_driver_unload(wt_driver);
    wt_driver = NULL;
    wt_device = NULL;
    kmdfsim_clock_unfreeze();
    kmdfsim_set_verifier_handler(NULL, NULL);
    if (wt_report_count != 0 || g_reports_dropped != 0) {
        print_error("unexpected verifier reports:\n");
        print_reports();
        wt_report_count = 0;
        return -1;
    }
    if (WmiTest.StrayCallbacks != 0) {
        print_error("%lu callback(s) for handles the driver never created\n", (unsigned long)WmiTest.StrayCallbacks);
        return -1;
    }
    ULONG live = kmdfsim_live_object_count();
    if (live != 0) {
        print_error("%lu framework object(s) left alive\n", (unsigned long)live);
        return -1;
    }
    return 0;
}

void wt_bring_up(BOOLEAN start)
{
    wt_assert_status(kmdfsim_driver_load(WmiTestDriverEntry, &wt_driver), STATUS_SUCCESS);
    wt_assert_status(kmdfsim_device_add(wt_driver, "ROOT\\WMITEST\\0000", &wt_device), STATUS_SUCCESS);
    for (ULONG p = 0; p < WT_MAX_PROVIDERS; p++)
        if (WmiTest.Providers[p].Present)
            assert_non_null(WmiTest.ProviderHandles[p]);
    for (ULONG i = 0; i < WT_MAX_INSTANCES; i++)
        if (WmiTest.Instances[i].Present)
            assert_non_null(WmiTest.InstanceHandles[i]);
    if (start)
        wt_assert_status(kmdfsim_device_start(wt_device), STATUS_SUCCESS);
}

void wt_bring_down(void)
{
    wt_assert_status(kmdfsim_device_remove(wt_device), STATUS_SUCCESS);
    kmdfsim_driver_unload(wt_driver);
    wt_driver = NULL;
    wt_device = NULL;
}

void wt_provider(ULONG index, const GUID *guid, ULONG flags, ULONG min_size, BOOLEAN function_control)
{
    WT_PROVIDER_SPEC *p = &WmiTest.Providers[index];
    p->Present = TRUE;
    p->Guid = *guid;
    p->Flags = flags;
    p->MinInstanceBufferSize = min_size;
    p->FunctionControl = function_control;
}

void wt_instance(ULONG index, ULONG provider, ULONG callbacks, BOOLEAN reg)
{
    WT_INSTANCE_SPEC *i = &WmiTest.Instances[index];
    i->Present = TRUE;
    i->Provider = provider;
    i->Callbacks = callbacks;
    i->Register = reg;
}

void wt_query_instance(ULONG index, ULONG provider, ULONG size, UCHAR pattern)
{
    wt_instance(index, provider, WT_CB_QUERY, TRUE);
    WmiTest.Behaviour[index].DataSize = size;
    WmiTest.Behaviour[index].Pattern = pattern;
}

ULONG wt_callback_count(void)
{
    ULONG total = 0;
    for (ULONG i = 0; i < WT_MAX_INSTANCES; i++)
        total += WmiTest.Records[i].QueryCalls + WmiTest.Records[i].SetCalls + WmiTest.Records[i].SetItemCalls +
                 WmiTest.Records[i].ExecuteCalls;
    for (ULONG p = 0; p < WT_MAX_PROVIDERS; p++)
        total += WmiTest.ProviderRecords[p].ControlCalls;
    return total;
}

ULONG wt_kernel_guid(const GUID *guid, ULONG *instances)
{
    UCHAR copy[1024];
    ULONG size = kmdfsim_wmi_kernel_reginfo(wt_device, copy, sizeof(copy));
    assert_true(size > 0 && size <= sizeof(copy));
    ULONG count = wt_get32(copy, WT_RI_GUID_COUNT);
    UCHAR wanted[16];
    wt_put_guid(wanted, 0, guid);
    for (ULONG i = 0; i < count; i++) {
        ULONG at = WT_SIZEOF_REGINFO + i * WT_SIZEOF_REGGUID;
        if (memcmp(copy + at + WT_RG_GUID, wanted, 16) == 0) {
            *instances = wt_get32(copy, at + WT_RG_INSTANCE_COUNT);
            return wt_get32(copy, at + WT_RG_FLAGS);
        }
    }
    fail_msg("%s", "GUID not in the device's registration with WMI");
    return 0;
}

ULONG wt_kernel_update_calls(void)
{
    kmdfsim_wmi_registration_stats stats;
    kmdfsim_wmi_kernel_registration_stats(wt_device, &stats);
    return stats.update_calls;
}
