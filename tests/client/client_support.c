/*
 * client_support.c - see client_support.h.
 */
#include "client_support.h"

#include <stdio.h>

kmdfsim_driver *cs_driver;
kmdfsim_device *cs_devices[CS_MAX_DEVICES];
ULONG cs_device_count;
kmdfsim_verifier_log cs_log;
static kmdfsim_verifier_log g_consumed;

static int setup_devices(ULONG count)
{
    memset(&cs_log, 0, sizeof(cs_log));
    memset(&g_consumed, 0, sizeof(g_consumed));
    kmdfsim_set_verifier_handler(kmdfsim_verifier_log_handler, &cs_log);
    kmdfsim_clock_freeze(CS_FROZEN_TIME);
    if (kmdfsim_driver_load(CdDriverEntry, &cs_driver) != STATUS_SUCCESS)
        return -1;
    cs_device_count = 0;
    for (ULONG i = 0; i < count; i++) {
        char id[32];
        snprintf(id, sizeof(id), "ROOT\\SAMPLE\\%04lu", (unsigned long)i);
        if (kmdfsim_device_add(cs_driver, id, &cs_devices[i]) != STATUS_SUCCESS)
            return -1;
        if (kmdfsim_device_start(cs_devices[i]) != STATUS_SUCCESS)
            return -1;
        cs_device_count++;
    }
    return 0;
}

int cs_setup_one(void **state)
{
    (void)state;
    return setup_devices(1);
}

int cs_setup_two(void **state)
{
    (void)state;
    return setup_devices(2);
}

int cs_teardown(void **state)
{
    (void)state;
    kmdfsim_driver_unload(cs_driver);
    cs_driver = NULL;
    memset(cs_devices, 0, sizeof(cs_devices));
    CdOptions.DataInstances = 0;
    kmdfsim_clock_unfreeze();
    int failed = 0;
    if (cs_log.count != g_consumed.count) {
        fprintf(stderr, "unexpected verifier report(s): %lu, last [%s] in %s: %s\n",
                cs_log.count - g_consumed.count, cs_log.last_rule, cs_log.last_where, cs_log.last_message);
        failed = -1;
    }
    if (kmdfsim_live_object_count() != 0) {
        fprintf(stderr, "%lu framework objects left after unload\n", (unsigned long)kmdfsim_live_object_count());
        failed = -1;
    }
    kmdfsim_set_verifier_handler(NULL, NULL);
    return failed;
}

void cs_expect_reports(unsigned long errors, unsigned long warnings, const char *last_rule)
{
    assert_int_equal(cs_log.errors - g_consumed.errors, errors);
    assert_int_equal(cs_log.warnings - g_consumed.warnings, warnings);
    if (last_rule != NULL)
        assert_string_equal(cs_log.last_rule, last_rule);
    g_consumed = cs_log;
}

PCD_DEVICE cs_context(ULONG device) { return CdGetDevice(kmdfsim_device_handle(cs_devices[device])); }

WDFDEVICE cs_wdf(ULONG device) { return kmdfsim_device_handle(cs_devices[device]); }

ULONG cs_provider_id(ULONG device)
{
    return IoWMIDeviceObjectToProviderId(WdfDeviceWdmGetDeviceObject(cs_wdf(device)));
}

static char g_names[8][128];
static WCHAR g_wnames[8][128];
static unsigned g_slot;

const char *cs_name(ULONG device, ULONG index)
{
    char *slot = g_names[g_slot++ % 8];
    kmdfsim_wmi_instance_name(cs_devices[device], index, slot, 128);
    return slot;
}

const WCHAR *cs_wname(ULONG device, ULONG index)
{
    WCHAR *slot = g_wnames[g_slot++ % 8];
    kmdfsim_wmi_instance_name_w(cs_devices[device], index, slot, 128);
    return slot;
}

const WCHAR *cs_w(const char *text)
{
    WCHAR *slot = g_wnames[g_slot++ % 8];
    size_t i = 0;
    for (; text[i] != '\0' && i < 127; i++)
        slot[i] = (WCHAR)(unsigned char)text[i];
    slot[i] = 0;
    return slot;
}

LPGUID cs_guid(const GUID *guid)
{
    static GUID slots[8];
    GUID *slot = &slots[g_slot++ % 8];
    *slot = *guid;
    return slot;
}

PVOID cs_delivery(NOTIFICATIONCALLBACK callback)
{
    PVOID p;
    memcpy(&p, &callback, sizeof(p));
    return p;
}

void cs_put16(UCHAR *image, ULONG offset, USHORT value) { memcpy(image + offset, &value, 2); }
void cs_put32(UCHAR *image, ULONG offset, ULONG value) { memcpy(image + offset, &value, 4); }
void cs_put64(UCHAR *image, ULONG offset, ULONGLONG value) { memcpy(image + offset, &value, 8); }
void cs_put_guid(UCHAR *image, ULONG offset, const GUID *guid) { memcpy(image + offset, guid, 16); }

ULONG cs_put_name(UCHAR *image, ULONG offset, const char *name, BOOLEAN wide)
{
    ULONG n = (ULONG)strlen(name);
    cs_put16(image, offset, (USHORT)(wide ? 2 * n : n));
    offset += 2;
    for (ULONG i = 0; i < n; i++) {
        if (wide) {
            cs_put16(image, offset, (USHORT)(unsigned char)name[i]);
            offset += 2;
        } else {
            image[offset++] = (UCHAR)name[i];
        }
    }
    return offset;
}

void cs_assert_image(const void *actual, const void *expected, size_t size)
{
    const UCHAR *a = actual, *e = expected;
    for (size_t i = 0; i < size; i++) {
        if (a[i] != e[i]) {
            print_error("images differ at offset %lu: 0x%02X, expected 0x%02X\n", (unsigned long)i, a[i], e[i]);
            fail();
        }
    }
}
