/*
 * Queries through the user-mode API: WmiOpenBlock/WmiCloseBlock, the exact
 * reply images of WmiQueryAllData{W,A} and WmiQuerySingleInstance{W,A},
 * the size probe, instance-name lookup, and the error paths (unknown GUID,
 * unknown instance, access denied, invalid function, bad handles).
 * One started device, ROOT\SAMPLE\0000, two CD_DATA_GUID instances of 6 and
 * 10 bytes.
 */
#include "client_support.h"

#include <stdlib.h>

static WMIHANDLE open_block(const GUID *guid, ULONG access)
{
    WMIHANDLE handle = NULL;
    assert_win32(WmiOpenBlock(cs_guid(guid), access, &handle), ERROR_SUCCESS);
    assert_non_null(handle);
    return handle;
}

/* The WNODE_ALL_DATA the consumer gets for device 0's two data instances. */
static ULONG expected_all_data(UCHAR *image, BOOLEAN wide)
{
    memset(image, 0, 256);
    ULONG name1 = wide ? 154 : 136, total = wide ? 192 : 156;
    cs_put32(image, 0, total);
    cs_put32(image, 4, cs_provider_id(0));
    cs_put64(image, 16, (ULONGLONG)CS_FROZEN_TIME);
    cs_put_guid(image, 24, &CD_DATA_GUID);
    cs_put32(image, 44, wide ? 0x00000001u : 0x00004001u); /* ALL_DATA (+ ANSI_INSTANCENAMES) */
    cs_put32(image, 48, 80);                                 /* DataBlockOffset: ALIGN_UP(60 + 2*8, 16) */
    cs_put32(image, 52, 2);                                  /* InstanceCount */
    cs_put32(image, 56, 108);                                /* OffsetInstanceNameOffsets: ALIGN_UP(106, 4) */
    cs_put32(image, 60, 80);
    cs_put32(image, 64, 6);
    cs_put32(image, 68, 96);
    cs_put32(image, 72, 10);
    for (ULONG i = 0; i < 6; i++)
        image[80 + i] = (UCHAR)(0x10 + i);
    for (ULONG i = 0; i < 10; i++)
        image[96 + i] = (UCHAR)(0x20 + i);
    cs_put32(image, 108, 116);
    cs_put32(image, 112, name1);
    assert_int_equal(cs_put_name(image, 116, "ROOT\\SAMPLE\\0000_0", wide), name1);
    assert_int_equal(cs_put_name(image, name1, "ROOT\\SAMPLE\\0000_1", wide), total);
    return total;
}

static void test_open_unknown_guid(void **state)
{
    (void)state;
    WMIHANDLE handle = (WMIHANDLE)(uintptr_t)0x1234;
    assert_win32(WmiOpenBlock(cs_guid(&CD_UNKNOWN_GUID), WMIGUID_QUERY, &handle), ERROR_WMI_GUID_NOT_FOUND);
    assert_null(handle);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_GUID_NOT_FOUND);
    assert_win32(WmiOpenBlock(NULL, WMIGUID_QUERY, &handle), ERROR_INVALID_PARAMETER);
    assert_win32(WmiOpenBlock(cs_guid(&CD_DATA_GUID), WMIGUID_QUERY, NULL), ERROR_INVALID_PARAMETER);
}

static void test_all_data_image_w(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR expected[256], buffer[256];
    ULONG total = expected_all_data(expected, TRUE);
    assert_int_equal(total, 192);

    /* The size probe: first the size, then success with exactly that much. */
    ULONG size = 0;
    assert_win32(WmiQueryAllDataW(h, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(size, 192);
    size = 191;
    memset(buffer, 0xEE, sizeof(buffer));
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 192);
    assert_int_equal(buffer[0], 0xEE); /* nothing written on failure */
    size = 192;
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_SUCCESS);
    assert_int_equal(size, 192);
    cs_assert_image(buffer, expected, 192);
    assert_int_equal(buffer[192], 0xEE); /* nothing past the reply */

    /* The reader gives the same without offset arithmetic. */
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), 2);
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(buffer, size), 1);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 1, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_1");
    assert_int_equal(item.size, 10);
    assert_int_equal(((const UCHAR *)item.data)[9], 0x29);
    assert_int_equal(item.provider_id, cs_provider_id(0));
    assert_false(kmdfsim_wmi_all_data_get(buffer, size, 2, &item));
    assert_true(kmdfsim_wmi_all_data_find(buffer, size, "root\\sample\\0000_0", &item));
    assert_int_equal(item.index, 0);
    assert_int_equal(item.size, 6);
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, 191), KMDFSIM_WMI_MALFORMED);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_all_data_image_a(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR expected[256], buffer[256];
    ULONG total = expected_all_data(expected, FALSE);
    ULONG size = 0;
    assert_win32(WmiQueryAllDataA(h, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, total);
    assert_int_equal(size, 156);
    assert_win32(WmiQueryAllDataA(h, &size, buffer), ERROR_SUCCESS);
    cs_assert_image(buffer, expected, total);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 0, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_0");
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

/* WNODE_SINGLE_INSTANCE for instance 1 (10 bytes): name at 64, data at ALIGN_UP(64 + 2 + name, 8). */
static ULONG expected_single(UCHAR *image, BOOLEAN wide)
{
    memset(image, 0, 128);
    ULONG dbo = wide ? 104 : 88, total = dbo + 10;
    cs_put32(image, 0, total);
    cs_put32(image, 4, cs_provider_id(0));
    cs_put64(image, 16, (ULONGLONG)CS_FROZEN_TIME);
    cs_put_guid(image, 24, &CD_DATA_GUID);
    cs_put32(image, 44, wide ? 0x00000002u : 0x00004002u);
    cs_put32(image, 48, 64);  /* OffsetInstanceName */
    cs_put32(image, 52, 1);   /* InstanceIndex */
    cs_put32(image, 56, dbo); /* DataBlockOffset */
    cs_put32(image, 60, 10);  /* SizeDataBlock */
    cs_put_name(image, 64, "ROOT\\SAMPLE\\0000_1", wide);
    for (ULONG i = 0; i < 10; i++)
        image[dbo + i] = (UCHAR)(0x20 + i);
    return total;
}

static void test_single_instance_image_and_probe(void **state)
{
    (void)state;
    PCD_INSTANCE instance = CdGetInstance(cs_context(0)->DataInstance[1]);
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR expected[128], buffer[128];
    ULONG total = expected_single(expected, TRUE);
    assert_int_equal(total, 114);

    ULONG size = 0;
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 1), &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 114);
    assert_int_equal(instance->LastOutBufferSize, 1); /* KMDF's 1-byte scratch buffer for a 0-byte room */
    size = 113;
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 1), &size, buffer), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 114);
    assert_int_equal(instance->LastOutBufferSize, 9); /* the consumer's room, past the name */
    memset(buffer, 0xEE, sizeof(buffer));
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 1), &size, buffer), ERROR_SUCCESS);
    assert_int_equal(size, 114);
    cs_assert_image(buffer, expected, 114);
    assert_int_equal(buffer[114], 0xEE);

    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_1");
    assert_int_equal(item.index, 1);
    assert_int_equal(item.size, 10);
    assert_memory_equal(item.data, expected + 104, 10);

    total = expected_single(expected, FALSE);
    assert_int_equal(total, 98);
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceA(h, "ROOT\\SAMPLE\\0000_1", &size, buffer), ERROR_SUCCESS);
    assert_int_equal(size, 98);
    cs_assert_image(buffer, expected, 98);
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_1");
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_instance_names(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR buffer[128];
    ULONG size = sizeof(buffer);
    static const char *const unknown[] = {
        "ROOT\\SAMPLE\\0000_2",  /* past the registered instances */
        "ROOT\\SAMPLE\\0001_0",  /* no such device */
        "ROOT\\SAMPLE\\0000",    /* no index */
        "ROOT\\SAMPLE\\0000_01", /* not the canonical index */
        "ROOT\\SAMPLE\\0000_-1",
        "ROOT\\SAMPLE\\0000_4294967296",
        "ROOT\\SAMPLE\\00000_0", /* the ID with a character more */
        "ROOT\\SAMPLE\\000_0",   /* the ID with a character less */
        "_0",
        "",
    };
    LONG calls = CdGetInstance(cs_context(0)->DataInstance[0])->QueryCalls;
    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        size = sizeof(buffer);
        assert_win32(WmiQuerySingleInstanceA(h, unknown[i], &size, buffer), ERROR_WMI_INSTANCE_NOT_FOUND);
        assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_INSTANCE_NOT_FOUND);
        size = sizeof(buffer);
        assert_win32(WmiQuerySingleInstanceW(h, cs_w(unknown[i]), &size, buffer), ERROR_WMI_INSTANCE_NOT_FOUND);
    }
    assert_int_equal(CdGetInstance(cs_context(0)->DataInstance[0])->QueryCalls, calls); /* never reached the driver */

    /* Names are compared without regard to case; the reply carries the registered spelling. */
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_w("root\\Sample\\0000_0"), &size, buffer), ERROR_SUCCESS);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_0");
    assert_int_equal(item.size, 6);

    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, NULL, &size, buffer), ERROR_INVALID_PARAMETER);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 0), NULL, buffer), ERROR_INVALID_PARAMETER);

    /* The harness and WMI agree on the names. */
    char name[64];
    assert_int_equal(kmdfsim_wmi_instance_name(cs_devices[0], 12, name, sizeof(name)), 19);
    assert_string_equal(name, "ROOT\\SAMPLE\\0000_12");
    assert_int_equal(kmdfsim_wmi_instance_name(cs_devices[0], 12, name, 5), 19);
    assert_string_equal(name, "ROOT");
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

/* ---- Many instances, large buffers, unusual instance IDs ----------------------- */

#define MANY 120

static int setup_many(void **state)
{
    CdOptions.DataInstances = MANY;
    return cs_setup_one(state);
}

/* Checks a reply of all MANY instances of device 0: names (the index passes 9 and 99), sizes and bytes. */
static void check_many(const UCHAR *buffer, ULONG size)
{
    assert_int_equal(kmdfsim_wmi_all_data_count(buffer, size), MANY);
    for (ULONG i = 0; i < MANY; i++) {
        kmdfsim_wmi_instance_data item;
        assert_true(kmdfsim_wmi_all_data_get(buffer, size, i, &item));
        assert_string_equal(item.name, cs_name(0, i));
        assert_int_equal(item.size, 6 + 4 * (i % 15));
        assert_int_equal(((const UCHAR *)item.data)[0], (UCHAR)(0x10 * (i + 1)));
        assert_int_equal(((const UCHAR *)item.data)[item.size - 1], (UCHAR)(0x10 * (i + 1) + item.size - 1));
    }
}

/* Every WNODE of a reply chain ends right after its last instance name (no padding after it). */
static void check_wnodes_end_at_last_name(const UCHAR *buffer, ULONG size)
{
    ULONG at = 0;
    for (;;) {
        const WNODE_ALL_DATA *w = (const WNODE_ALL_DATA *)(const void *)(buffer + at);
        assert_true(w->InstanceCount > 0);
        ULONG last = 0;
        memcpy(&last, buffer + at + w->OffsetInstanceNameOffsets + 4 * (w->InstanceCount - 1), 4);
        USHORT length = (USHORT)(buffer[at + last] | buffer[at + last + 1] << 8);
        assert_int_equal(w->WnodeHeader.BufferSize, last + 2 + length);
        if (w->WnodeHeader.Linkage == 0)
            break;
        at += w->WnodeHeader.Linkage;
    }
    assert_true(at < size);
}

static void test_all_data_many_instances(void **state)
{
    (void)state;
    PCD_INSTANCE first = CdGetInstance(cs_context(0)->DataInstance[0]);
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);

    /* The first query offers 1024 bytes, learns the size and asks again: every instance is called twice. */
    LONG calls = first->QueryCalls;
    ULONG total = 0;
    assert_win32(WmiQueryAllDataW(h, &total, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(first->QueryCalls - calls, 2);
    /* ALIGN_UP(SizeNeeded, 16) - DataBlockOffset: 8 x (16+16+16+32+32+32+32+48+48+48+48+64+64+64+64). */
    assert_int_equal(first->LastOutBufferSize, 4992);

    /*
     * Later queries offer that size at once (one call each). Aligned or not,
     * the consumer's buffer gets the same bytes, whatever it held, and
     * nothing past the reply.
     */
    UCHAR *aligned = malloc(total + 64);
    UCHAR *storage = malloc(total + 64 + 16);
    assert_non_null(aligned);
    assert_non_null(storage);
    UCHAR *unaligned = storage + 8 + (16 - ((uintptr_t)storage & 15)) % 16;
    memset(aligned, 0xCC, total + 64);
    memset(unaligned, 0x5A, total + 64);
    ULONG size = total + 64;
    calls = first->QueryCalls;
    assert_win32(WmiQueryAllDataW(h, &size, aligned), ERROR_SUCCESS);
    assert_int_equal(size, total);
    assert_int_equal(first->QueryCalls - calls, 1);
    assert_int_equal(aligned[total], 0xCC); /* nothing past the reply */
    size = total + 64;
    assert_win32(WmiQueryAllDataW(h, &size, unaligned), ERROR_SUCCESS);
    assert_int_equal(size, total);
    assert_int_equal(first->QueryCalls - calls, 2);
    for (ULONG i = total; i < total + 64; i++)
        assert_int_equal(unaligned[i], 0x5A);
    cs_assert_image(aligned, unaligned, total);
    check_many(aligned, total);
    check_wnodes_end_at_last_name(aligned, total);

    /* One byte short: refused with the size, and the buffer is left as it was. */
    memset(aligned, 0xCC, total + 64);
    size = total - 1;
    assert_win32(WmiQueryAllDataW(h, &size, aligned), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, total);
    for (ULONG i = 0; i < total; i++)
        assert_int_equal(aligned[i], 0xCC);

    /* A block that shrank is offered what its last answer needed, not the largest size ever seen. */
    for (ULONG k = 20; k < MANY; k++)
        WdfWmiInstanceDeregister(cs_context(0)->DataInstance[k]);
    size = total + 64;
    assert_win32(WmiQueryAllDataW(h, &size, aligned), ERROR_SUCCESS);
    assert_int_equal(first->LastOutBufferSize, 6016 - 224); /* the old size, less the 20-instance header (224) */
    size = total + 64;
    assert_win32(WmiQueryAllDataW(h, &size, aligned), ERROR_SUCCESS);
    assert_int_equal(first->LastOutBufferSize, 1024 - 224); /* ALIGN_UP(950, 16) = 960: the first try's 1024 */
    assert_int_equal(kmdfsim_wmi_all_data_count(aligned, size), 20);
    for (ULONG k = 20; k < MANY; k++)
        assert_nt_success(WdfWmiInstanceRegister(cs_context(0)->DataInstance[k]));

    /* The A form: 8-bit names, the same data. */
    ULONG total_a = 0;
    assert_win32(WmiQueryAllDataA(h, &total_a, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_true(total_a < total);
    size = total_a;
    assert_win32(WmiQueryAllDataA(h, &size, aligned), ERROR_SUCCESS);
    check_many(aligned, size);
    check_wnodes_end_at_last_name(aligned, size); /* names of 18, 19 and 20 characters: odd ones padded */
    free(storage);
    free(aligned);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_single_instance_large_buffer(void **state)
{
    (void)state;
    /* A request larger than kmdfsim builds on the stack: the same image. */
    PCD_INSTANCE instance = CdGetInstance(cs_context(0)->DataInstance[1]);
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR expected[128];
    static UCHAR buffer[8192];
    ULONG total = expected_single(expected, TRUE);
    memset(buffer, 0xEE, sizeof(buffer));
    ULONG size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 1), &size, buffer), ERROR_SUCCESS);
    assert_int_equal(size, total);
    cs_assert_image(buffer, expected, total);
    assert_int_equal(buffer[total], 0xEE);
    assert_int_equal(instance->LastOutBufferSize, sizeof(buffer) - 104); /* the consumer's room past the name */
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

/* Adds and starts a device with instance ID `id`. */
static kmdfsim_device *add_device(const char *id)
{
    kmdfsim_device *device = NULL;
    assert_nt_success(kmdfsim_device_add(cs_driver, id, &device));
    assert_nt_success(kmdfsim_device_start(device));
    return device;
}

/* Queries instance 0 of `device` by name in both forms and checks the name and data of the replies. */
static void check_named_query(WMIHANDLE h, kmdfsim_device *device)
{
    char name[512];
    WCHAR wname[512];
    assert_true(kmdfsim_wmi_instance_name(device, 0, name, sizeof(name)) < sizeof(name));
    assert_true(kmdfsim_wmi_instance_name_w(device, 0, wname, 512) < 512);
    static UCHAR buffer[2048];
    kmdfsim_wmi_instance_data item;
    ULONG size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceA(h, name, &size, buffer), ERROR_SUCCESS);
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_string_equal(item.name, name);
    assert_int_equal(item.size, 6);
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, wname, &size, buffer), ERROR_SUCCESS);
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    assert_string_equal(item.name, name);
    assert_int_equal(((const UCHAR *)item.data)[5], 0x15);
}

static void test_long_and_non_ascii_instance_ids(void **state)
{
    (void)state;
    /* 300 characters: longer than the names kmdfsim keeps on the stack. */
    char long_id[301];
    memset(long_id, 'L', 300);
    memcpy(long_id, "ROOT\\", 5);
    long_id[300] = '\0';
    kmdfsim_device *long_device = add_device(long_id);
    /* UTF-8 "ROOT\Ünïcode\0000": names carry UTF-16 (W) or these bytes (A). */
    kmdfsim_device *unicode_device = add_device("ROOT\\\xC3\x9Cn\xC3\xAF" "code\\0000");
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    check_named_query(h, long_device);
    check_named_query(h, unicode_device);

    /* The W reply spells the name in UTF-16: U+00DC and U+00EF after "ROOT\". */
    static UCHAR buffer[2048];
    ULONG size = sizeof(buffer);
    /* Asked for in another ASCII case: "root\<U+00DC>n<U+00EF>CODE\0000_1". */
    WCHAR other_case[20];
    memcpy(other_case, cs_w("root\\?n?CODE\\0000_1"), sizeof(other_case));
    other_case[5] = 0x00DC;
    other_case[7] = 0x00EF;
    assert_win32(WmiQuerySingleInstanceW(h, other_case, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(buffer[64] | buffer[65] << 8, 2 * 19); /* 19 characters, one unit each (21 bytes of UTF-8) */
    assert_int_equal(buffer[66 + 2 * 5] | buffer[66 + 2 * 5 + 1] << 8, 0x00DC);
    assert_int_equal(buffer[66 + 2 * 7] | buffer[66 + 2 * 7 + 1] << 8, 0x00EF);

    /* All data chains the three devices, names included. */
    ULONG total = 0;
    assert_win32(WmiQueryAllDataA(h, &total, NULL), ERROR_INSUFFICIENT_BUFFER);
    UCHAR *all = malloc(total);
    assert_non_null(all);
    size = total;
    assert_win32(WmiQueryAllDataA(h, &size, all), ERROR_SUCCESS);
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(all, size), 3);
    check_wnodes_end_at_last_name(all, size); /* the UTF-8 names are 21 bytes: the last one is not padded */
    kmdfsim_wmi_instance_data item;
    char name[512];
    kmdfsim_wmi_instance_name(long_device, 1, name, sizeof(name));
    assert_true(kmdfsim_wmi_all_data_find(all, size, name, &item));
    assert_int_equal(item.size, 10);
    assert_true(kmdfsim_wmi_all_data_find(all, size, "ROOT\\\xC3\x9Cn\xC3\xAF" "code\\0000_0", &item));
    assert_int_equal(item.size, 6);
    free(all);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_access_denied_and_handles(void **state)
{
    (void)state;
    PCD_INSTANCE instance = CdGetInstance(cs_context(0)->DataInstance[0]);
    LONG calls = instance->QueryCalls;
    WMIHANDLE set_only = open_block(&CD_DATA_GUID, WMIGUID_SET);
    UCHAR buffer[256];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(set_only, &size, buffer), ERROR_ACCESS_DENIED);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_ACCESS_DENIED);
    assert_win32(WmiQuerySingleInstanceW(set_only, cs_wname(0, 0), &size, buffer), ERROR_ACCESS_DENIED);
    assert_win32(WmiExecuteMethodW(set_only, cs_wname(0, 0), 1, 0, NULL, &size, buffer), ERROR_ACCESS_DENIED);
    assert_int_equal(instance->QueryCalls, calls);
    WMIGUIDINFORMATION info = {sizeof(info), TRUE, TRUE};
    assert_win32(WmiQueryGuidInformation(set_only, &info), ERROR_SUCCESS); /* needs no access right */
    assert_false(info.IsExpensive);
    assert_false(info.IsEventOnly);
    assert_win32(WmiCloseBlock(set_only), ERROR_SUCCESS);

    /* A closed handle, a second close and a forged handle are recognised. */
    assert_win32(WmiQueryAllDataW(set_only, &size, buffer), ERROR_INVALID_HANDLE);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_HANDLE);
    assert_win32(WmiCloseBlock(set_only), ERROR_INVALID_HANDLE);
    assert_win32(WmiCloseBlock((WMIHANDLE)(uintptr_t)0x4242), ERROR_INVALID_HANDLE);
    assert_win32(WmiCloseBlock(NULL), ERROR_INVALID_HANDLE);

    WMIHANDLE query = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    assert_win32(WmiQueryAllDataW(query, NULL, buffer), ERROR_INVALID_PARAMETER);
    info.Size = 2;
    assert_win32(WmiQueryGuidInformation(query, &info), ERROR_INVALID_PARAMETER);
    assert_win32(WmiCloseBlock(query), ERROR_SUCCESS);
}

static void test_invalid_function(void **state)
{
    (void)state;
    /* A block whose instance cannot be queried: KMDF answers STATUS_INVALID_DEVICE_REQUEST. */
    WMIHANDLE h = open_block(&CD_NOQUERY_GUID, WMIGUID_QUERY | WMIGUID_EXECUTE);
    UCHAR buffer[256];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 0), &size, buffer), ERROR_INVALID_FUNCTION);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_DEVICE_REQUEST);
    /* In ALL_DATA it takes no space (length 0). */
    size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_all_data_get(buffer, size, 0, &item));
    assert_int_equal(item.size, 0);
    assert_null(item.data);
    assert_string_equal(item.name, "ROOT\\SAMPLE\\0000_0");
    /* No execute callback either. */
    size = sizeof(buffer);
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 1, 0, NULL, &size, buffer), ERROR_INVALID_FUNCTION);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_all_data_large_buffer_untouched_past_reply(void **state)
{
    (void)state;
    /* A buffer far larger than the reply, after the device's size is known: only the reply is written. */
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR expected[256];
    ULONG total = expected_all_data(expected, TRUE);
    ULONG size = 0;
    assert_win32(WmiQueryAllDataW(h, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    UCHAR *buffer = malloc(4096); /* aligned as malloc aligns */
    assert_non_null(buffer);
    memset(buffer, 0xCC, 4096);
    size = 4096;
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(size, total);
    cs_assert_image(buffer, expected, total);
    for (ULONG i = total; i < 4096; i++)
        assert_int_equal(buffer[i], 0xCC);

    /* A failing query leaves all of it as it was. */
    PCD_INSTANCE instance = CdGetInstance(cs_context(0)->DataInstance[1]);
    instance->NeverFits = TRUE;
    memset(buffer, 0xCC, 4096);
    size = 4096;
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_WMI_TRY_AGAIN);
    for (ULONG i = 0; i < 4096; i++)
        assert_int_equal(buffer[i], 0xCC);
    instance->NeverFits = FALSE;
    free(buffer);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_single_instance_name_inside_buffer(void **state)
{
    (void)state;
    /* The consumer may pass a name stored in the very buffer the reply overwrites. */
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR expected[128];
    ULONG total = expected_single(expected, FALSE);
    union {
        UCHAR bytes[128];
        ULONGLONG align;
    } buffer;
    memset(buffer.bytes, 0xEE, sizeof(buffer.bytes));
    strcpy((char *)buffer.bytes, "ROOT\\SAMPLE\\0000_1");
    ULONG size = sizeof(buffer.bytes);
    assert_win32(WmiQuerySingleInstanceA(h, (LPCSTR)buffer.bytes, &size, buffer.bytes), ERROR_SUCCESS);
    assert_int_equal(size, total);
    cs_assert_image(buffer.bytes, expected, total);
    /* ... at the place the reply puts its name, too. */
    memset(buffer.bytes, 0xEE, sizeof(buffer.bytes));
    strcpy((char *)buffer.bytes + 66, "ROOT\\SAMPLE\\0000_1");
    size = sizeof(buffer.bytes);
    assert_win32(WmiQuerySingleInstanceA(h, (LPCSTR)buffer.bytes + 66, &size, buffer.bytes), ERROR_SUCCESS);
    cs_assert_image(buffer.bytes, expected, total);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_try_again(void **state)
{
    (void)state;
    /* A device whose answer never fits: WMI gives up after a few growing buffers. */
    PCD_INSTANCE instance = CdGetInstance(cs_context(0)->DataInstance[1]);
    instance->NeverFits = TRUE;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    UCHAR buffer[256];
    ULONG size = sizeof(buffer);
    LONG before = instance->QueryCalls;
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_WMI_TRY_AGAIN);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_TRY_AGAIN);
    assert_int_equal(instance->QueryCalls - before, 8);
    /* A single instance is asked once: the consumer hears how much that answer wanted. */
    size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, 1), &size, buffer), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, sizeof(buffer) + 1);
    instance->NeverFits = FALSE;
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_status_mapping(void **state)
{
    (void)state;
    static const struct {
        NTSTATUS status;
        ULONG win32;
    } rows[] = {
        {STATUS_SUCCESS, ERROR_SUCCESS},
        {STATUS_OBJECT_NAME_EXISTS, ERROR_SUCCESS}, /* any success code */
        {STATUS_BUFFER_TOO_SMALL, ERROR_INSUFFICIENT_BUFFER},
        {STATUS_BUFFER_OVERFLOW, ERROR_MORE_DATA},
        {STATUS_WMI_GUID_NOT_FOUND, ERROR_WMI_GUID_NOT_FOUND},
        {STATUS_WMI_INSTANCE_NOT_FOUND, ERROR_WMI_INSTANCE_NOT_FOUND},
        {STATUS_WMI_ITEMID_NOT_FOUND, ERROR_WMI_ITEMID_NOT_FOUND},
        {STATUS_WMI_TRY_AGAIN, ERROR_WMI_TRY_AGAIN},
        {STATUS_WMI_ALREADY_ENABLED, 4206},
        {STATUS_WMI_ALREADY_DISABLED, 4212},
        {STATUS_WMI_GUID_DISCONNECTED, ERROR_WMI_GUID_DISCONNECTED},
        {STATUS_WMI_READ_ONLY, ERROR_WMI_READ_ONLY},
        {STATUS_WMI_SET_FAILURE, ERROR_WMI_SET_FAILURE},
        {STATUS_INVALID_DEVICE_REQUEST, ERROR_INVALID_FUNCTION},
        {STATUS_INVALID_PARAMETER, ERROR_INVALID_PARAMETER},
        {STATUS_INVALID_PARAMETER_MIX, ERROR_INVALID_PARAMETER},
        {STATUS_INSUFFICIENT_RESOURCES, ERROR_NOT_ENOUGH_MEMORY},
        {STATUS_NOT_SUPPORTED, ERROR_NOT_SUPPORTED},
        {STATUS_ACCESS_DENIED, ERROR_ACCESS_DENIED},
        {STATUS_INVALID_HANDLE, ERROR_INVALID_HANDLE},
        {STATUS_UNSUCCESSFUL, ERROR_GEN_FAILURE},
        {STATUS_DELETE_PENDING, ERROR_GEN_FAILURE},
        {STATUS_DEVICE_BUSY, ERROR_GEN_FAILURE},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        assert_win32(kmdfsim_wmi_status_to_win32(rows[i].status), rows[i].win32);
    assert_string_equal(kmdfsim_win32_error_name(ERROR_WMI_SET_FAILURE), "ERROR_WMI_SET_FAILURE");
    assert_string_equal(kmdfsim_win32_error_name(ERROR_INSUFFICIENT_BUFFER), "ERROR_INSUFFICIENT_BUFFER");
    assert_string_equal(kmdfsim_win32_error_name(99999), "Win32 error 99999");
}

int cs_run_query_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_unknown_guid, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_all_data_image_w, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_all_data_image_a, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_single_instance_image_and_probe, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_instance_names, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_access_denied_and_handles, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_function, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_try_again, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_all_data_large_buffer_untouched_past_reply, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_single_instance_name_inside_buffer, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_all_data_many_instances, setup_many, cs_teardown),
        cmocka_unit_test_setup_teardown(test_single_instance_large_buffer, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_long_and_non_ascii_instance_ids, cs_setup_one, cs_teardown),
        cmocka_unit_test(test_status_mapping),
    };
    return cmocka_run_group_tests_name("client: queries", tests, NULL, NULL);
}
