/*
 * Sets, items and methods through the user-mode API: success and its effect
 * on the next query, read-only blocks, set failure, item not found, access
 * denied, unmapped driver failures (ERROR_GEN_FAILURE with the NTSTATUS
 * kept), method output and the method size probe.
 */
#include "client_support.h"

static WMIHANDLE open_block(const GUID *guid, ULONG access)
{
    WMIHANDLE handle = NULL;
    assert_win32(WmiOpenBlock(cs_guid(guid), access, &handle), ERROR_SUCCESS);
    return handle;
}

static ULONG query_data(WMIHANDLE h, ULONG index, UCHAR *out)
{
    UCHAR buffer[256];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQuerySingleInstanceW(h, cs_wname(0, index), &size, buffer), ERROR_SUCCESS);
    kmdfsim_wmi_instance_data item;
    assert_true(kmdfsim_wmi_single_instance_read(buffer, size, &item));
    memcpy(out, item.data, item.size);
    return item.size;
}

static void test_set_instance(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY | WMIGUID_SET);
    UCHAR data[3] = {0xAA, 0xBB, 0xCC};
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 1), 0, sizeof(data), data), ERROR_SUCCESS);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_SUCCESS);
    UCHAR now[64];
    assert_int_equal(query_data(h, 1, now), 3);
    assert_memory_equal(now, data, 3);
    UCHAR more[5] = {1, 2, 3, 4, 5};
    assert_win32(WmiSetSingleInstanceA(h, "root\\sample\\0000_0", 0, sizeof(more), more), ERROR_SUCCESS);
    assert_int_equal(query_data(h, 0, now), 5);
    assert_memory_equal(now, more, 5);
    assert_int_equal(CdGetInstance(cs_context(0)->DataInstance[0])->SetCalls, 1);

    /* The driver's own refusals, as the consumer sees them. */
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 0), 0, 0, NULL), ERROR_WMI_SET_FAILURE); /* BUFFER_TOO_SMALL */
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_SET_FAILURE);
    static UCHAR big[100];
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 0), 0, sizeof(big), big), ERROR_GEN_FAILURE);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_INVALID_BUFFER_SIZE); /* unmapped: the NTSTATUS is kept */
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 5), 0, sizeof(data), data), ERROR_WMI_INSTANCE_NOT_FOUND);
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 0), 0, 4, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(query_data(h, 0, now), 5); /* unchanged */
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_set_item(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_DATA_GUID, WMIGUID_QUERY | WMIGUID_SET);
    UCHAR one = 0x77;
    assert_win32(WmiSetSingleItemW(h, cs_wname(0, 1), 1, 0, 1, &one), ERROR_SUCCESS);
    UCHAR now[64];
    assert_int_equal(query_data(h, 1, now), 10);
    assert_int_equal(now[0], 0x77);
    assert_int_equal(now[1], 0x21);
    assert_win32(WmiSetSingleItemA(h, "ROOT\\SAMPLE\\0000_1", 9, 0, 1, &one), ERROR_WMI_ITEMID_NOT_FOUND);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_ITEMID_NOT_FOUND);
    UCHAR two[2] = {1, 2};
    assert_win32(WmiSetSingleItemW(h, cs_wname(0, 1), 1, 0, 2, two), ERROR_WMI_SET_FAILURE);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_read_only_and_access(void **state)
{
    (void)state;
    UCHAR data[4] = {9, 9, 9, 9};
    WMIHANDLE h = open_block(&CD_READONLY_GUID, WMIGUID_QUERY | WMIGUID_SET);
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 0), 0, 4, data), ERROR_WMI_READ_ONLY);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_WMI_READ_ONLY);
    assert_win32(WmiSetSingleItemW(h, cs_wname(0, 0), 1, 0, 1, data), ERROR_WMI_READ_ONLY);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);

    /* Without WMIGUID_SET the request never reaches the driver. */
    h = open_block(&CD_DATA_GUID, WMIGUID_QUERY);
    LONG sets = CdGetInstance(cs_context(0)->DataInstance[0])->SetCalls;
    assert_win32(WmiSetSingleInstanceW(h, cs_wname(0, 0), 0, 4, data), ERROR_ACCESS_DENIED);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_ACCESS_DENIED);
    assert_win32(WmiSetSingleItemA(h, "ROOT\\SAMPLE\\0000_0", 1, 0, 1, data), ERROR_ACCESS_DENIED);
    assert_int_equal(CdGetInstance(cs_context(0)->DataInstance[0])->SetCalls, sets);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

static void test_execute_method(void **state)
{
    (void)state;
    WMIHANDLE h = open_block(&CD_METHOD_GUID, WMIGUID_EXECUTE);
    UCHAR in[5] = {1, 2, 3, 4, 5}, out[32];
    ULONG size = sizeof(out);
    memset(out, 0xEE, sizeof(out));
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 1, sizeof(in), in, &size, out), ERROR_SUCCESS);
    assert_int_equal(size, 5);
    static const UCHAR reversed[5] = {5, 4, 3, 2, 1};
    assert_memory_equal(out, reversed, 5);
    assert_int_equal(out[5], 0xEE);
    assert_int_equal(in[0], 1); /* the consumer's input is not touched */

    /* The probe: no output room gives the size, then it succeeds. */
    size = 0;
    assert_win32(WmiExecuteMethodA(h, "ROOT\\SAMPLE\\0000_0", 2, 0, NULL, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_nt_status(kmdfsim_wmi_last_status(), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(size, 12);
    size = 11;
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 2, 0, NULL, &size, out), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 12);
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 2, 0, NULL, &size, out), ERROR_SUCCESS);
    assert_int_equal(size, 12);
    for (ULONG i = 0; i < 12; i++)
        assert_int_equal(out[i], 0xA0 + i);

    /* Output room smaller than the input: the device still gets room for the input. */
    size = 2;
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 1, sizeof(in), in, &size, out), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 5);

    /* A method the driver does not know, an unknown instance, missing access. */
    size = sizeof(out);
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 7, 0, NULL, &size, out), ERROR_WMI_ITEMID_NOT_FOUND);
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 1), 1, 0, NULL, &size, out), ERROR_WMI_INSTANCE_NOT_FOUND);
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 1, 0, NULL, NULL, out), ERROR_INVALID_PARAMETER);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
    h = open_block(&CD_METHOD_GUID, WMIGUID_QUERY);
    LONG calls = cs_context(0)->MethodCalls;
    assert_win32(WmiExecuteMethodW(h, cs_wname(0, 0), 2, 0, NULL, &size, out), ERROR_ACCESS_DENIED);
    assert_int_equal(cs_context(0)->MethodCalls, calls);
    /* The method block's instance answers queries too. */
    size = sizeof(out);
    assert_win32(WmiQueryAllDataA(h, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);
}

int cs_run_set_method_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_set_instance, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_set_item, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_read_only_and_access, cs_setup_one, cs_teardown),
        cmocka_unit_test_setup_teardown(test_execute_method, cs_setup_one, cs_teardown),
    };
    return cmocka_run_group_tests_name("client: sets and methods", tests, NULL, NULL);
}
