/*
 * §3.2.7 IRP_MN_REGINFO / IRP_MN_REGINFO_EX: the WMIREGINFO layout, the
 * flags per provider kind (§2.8), the MOF name (§1.7.7), the ULONG-only
 * too-small answer, and the one-shot REMOVE_GUID (§2.5).
 */
#include "wmi_irp_support.h"

#include <stdlib.h>
#include <string.h>

#define BIG 1024u

typedef struct expected_guid {
    const GUID *guid;
    ULONG flags;
    ULONG instances;
} expected_guid;

enum { P_PLAIN, P_EXPENSIVE, P_EVENT_ONLY, P_TRACING };

static void layout(void)
{
    wt_provider(P_PLAIN, &WtGuidA, 0, 0, FALSE);
    wt_provider(P_EXPENSIVE, &WtGuidB, WdfWmiProviderExpensive, 0, TRUE);
    wt_provider(P_EVENT_ONLY, &WtGuidC, WdfWmiProviderEventOnly, 0, FALSE);
    wt_provider(P_TRACING, &WtGuidD, WdfWmiProviderTracing, 0, TRUE);
    wt_query_instance(0, P_PLAIN, 4, 0x10);
    wt_query_instance(1, P_PLAIN, 4, 0x20);
    wt_query_instance(2, P_EXPENSIVE, 4, 0x30);
    wt_instance(3, P_EVENT_ONLY, 0, TRUE);
}

/* Sends a REGINFO request with a BIG-byte buffer (or `size`) and returns the buffer. */
static UCHAR *reginfo(UCHAR minor, ULONG_PTR data_path, ULONG size, kmdfsim_wmi_irp *irp, NTSTATUS *returned)
{
    UCHAR *b = wt_alloc(size > 4 ? size : 4);
    PDEVICE_OBJECT fdo = WdfDeviceWdmGetDeviceObject(WmiTest.Device);
    *returned = wt_send_raw(wt_device, minor, (PVOID)data_path, (ULONG_PTR)fdo, b, size, irp);
    return b;
}

/* Checks every field of a WMIREGINFO answer; returns its size. */
static ULONG check_reginfo(const UCHAR *b, ULONG buffer_size, const expected_guid *guids, ULONG count,
                           const WCHAR *mof, USHORT mof_bytes)
{
    ULONG mof_offset = WT_SIZEOF_REGINFO + count * WT_SIZEOF_REGGUID;
    ULONG registry_offset = mof_offset + 2 + mof_bytes;
    ULONG need = registry_offset + 2 + WmiTest.RegistryPathLength;
    assert_true(WmiTest.RegistryPathLength > 0);
    assert_int_equal(wt_get32(b, WT_RI_BUFFER_SIZE), need);
    assert_int_equal(wt_get32(b, WT_RI_NEXT), 0);
    assert_int_equal(wt_get32(b, WT_RI_REGISTRY_PATH), registry_offset);
    assert_int_equal(wt_get32(b, WT_RI_MOF_NAME), mof_offset);
    assert_int_equal(wt_get32(b, WT_RI_GUID_COUNT), count);
    ULONGLONG pdo0 = 0;
    for (ULONG i = 0; i < count; i++) {
        ULONG at = WT_SIZEOF_REGINFO + i * WT_SIZEOF_REGGUID;
        UCHAR guid[16];
        wt_put_guid(guid, 0, guids[i].guid);
        assert_memory_equal(b + at + WT_RG_GUID, guid, 16);
        if (wt_get32(b, at + WT_RG_FLAGS) != guids[i].flags)
            fail_msg("entry %lu: flags 0x%lX, expected 0x%lX", (unsigned long)i,
                     (unsigned long)wt_get32(b, at + WT_RG_FLAGS), (unsigned long)guids[i].flags);
        assert_int_equal(wt_get32(b, at + WT_RG_INSTANCE_COUNT), guids[i].instances);
        ULONGLONG pdo = WT_SIZEOF_REGGUID == 32 ? wt_get64(b, at + WT_RG_PDO) : wt_get32(b, at + WT_RG_PDO);
        assert_true(pdo != 0);
        if (i == 0)
            pdo0 = pdo;
        assert_true(pdo == pdo0); /* the same PDO for every entry */
    }
    /* Counted strings: USHORT byte length, then the characters, no NUL, no padding. */
    assert_int_equal(wt_get16(b, mof_offset), mof_bytes);
    if (mof_bytes > 0)
        assert_memory_equal(b + mof_offset + 2, mof, mof_bytes);
    assert_int_equal(wt_get16(b, registry_offset), WmiTest.RegistryPathLength);
    assert_memory_equal(b + registry_offset + 2, WmiTest.RegistryPath, WmiTest.RegistryPathLength);
    /* Nothing written past the answer. */
    for (ULONG i = need; i < buffer_size; i++)
        assert_int_equal(b[i], WT_FILL);
    wt_assert_canary(b, buffer_size);
    return need;
}

static const expected_guid g_full[] = {
    {&WtGuidA, WMIREG_FLAG_INSTANCE_PDO, 2},
    {&WtGuidB, WMIREG_FLAG_INSTANCE_PDO | WMIREG_FLAG_EXPENSIVE, 1},
    {&WtGuidC, WMIREG_FLAG_INSTANCE_PDO | WMIREG_FLAG_EVENT_ONLY_GUID, 1},
    {&WtGuidD, WMIREG_FLAG_TRACED_GUID | WMIREG_FLAG_TRACE_CONTROL_GUID, 0},
};

static void test_reginfo_layout(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    /* The spec's flag values, not only the header's names. */
    assert_int_equal(g_full[0].flags, 0x20);
    assert_int_equal(g_full[1].flags, 0x21);
    assert_int_equal(g_full[2].flags, 0x60);
    assert_int_equal(g_full[3].flags, 0x81000);

    /* Both minors, both DataPath values, and a nonsense DataPath: the same answer. */
    static const struct {
        UCHAR minor;
        ULONG_PTR path;
    } requests[] = {{IRP_MN_REGINFO, WMIREGISTER}, {IRP_MN_REGINFO_EX, WMIREGISTER}, {IRP_MN_REGINFO_EX, WMIUPDATE},
                    {IRP_MN_REGINFO, 0x1234}};
    for (ULONG r = 0; r < 4; r++) {
        kmdfsim_wmi_irp irp;
        NTSTATUS returned;
        UCHAR *b = reginfo(requests[r].minor, requests[r].path, BIG, &irp, &returned);
        ULONG need = check_reginfo(b, BIG, g_full, 4, NULL, 0);
        assert_int_equal(need, WT_SIZEOF_REGINFO + 4 * WT_SIZEOF_REGGUID + 2 + 2 + WmiTest.RegistryPathLength);
        wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
        wt_free(b);
    }

    /* InstanceCount is the current count. */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[0]);
    expected_guid now[4];
    memcpy(now, g_full, sizeof(now));
    now[0].instances = 1;
    kmdfsim_wmi_irp irp;
    NTSTATUS returned;
    UCHAR *b = reginfo(IRP_MN_REGINFO_EX, WMIUPDATE, BIG, &irp, &returned);
    ULONG need = check_reginfo(b, BIG, now, 4, NULL, 0);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
    wt_free(b);
    assert_int_equal(wt_callback_count(), 0);
    wt_bring_down();
}

static void test_reginfo_without_providers(void **state)
{
    (void)state;
    wt_bring_up(TRUE);
    kmdfsim_wmi_irp irp;
    NTSTATUS returned;
    UCHAR *b = reginfo(IRP_MN_REGINFO_EX, WMIREGISTER, BIG, &irp, &returned);
    ULONG need = check_reginfo(b, BIG, NULL, 0, NULL, 0);
    assert_int_equal(need, WT_SIZEOF_REGINFO + 4 + WmiTest.RegistryPathLength);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
    wt_free(b);
    wt_bring_down();
}

static void test_reginfo_mof_name(void **state)
{
    (void)state;
    layout();
    WmiTest.AssignMofName = TRUE;
    wt_bring_up(TRUE);
    wt_assert_status(WmiTest.MofOddLengthStatus, STATUS_INVALID_PARAMETER);
    wt_assert_status(WmiTest.MofStatus, STATUS_SUCCESS);
    wt_assert_status(WmiTest.MofSecondStatus, STATUS_INVALID_DEVICE_REQUEST);
    static const WCHAR name[] = WT_MOF_NAME;
    kmdfsim_wmi_irp irp;
    NTSTATUS returned;
    UCHAR *b = reginfo(IRP_MN_REGINFO_EX, WMIREGISTER, BIG, &irp, &returned);
    ULONG need = check_reginfo(b, BIG, g_full, 4, name, (USHORT)(sizeof(name) - sizeof(WCHAR)));
    assert_int_equal(need, WT_SIZEOF_REGINFO + 4 * WT_SIZEOF_REGGUID + 2 + 20 + 2 + WmiTest.RegistryPathLength);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
    wt_free(b);
    wt_bring_down();
}

static void test_reginfo_too_small(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    ULONG need = WT_SIZEOF_REGINFO + 4 * WT_SIZEOF_REGGUID + 4 + WmiTest.RegistryPathLength;
    ULONG sizes[] = {need - 1, WT_SIZEOF_REGINFO, 4};
    for (ULONG n = 0; n < 3; n++) {
        kmdfsim_wmi_irp irp;
        NTSTATUS returned;
        UCHAR *b = reginfo(IRP_MN_REGINFO_EX, WMIREGISTER, sizes[n], &irp, &returned);
        /* Only the size needed, as a ULONG at offset 0; no WNODE_TOO_SMALL. */
        wt_assert_completion(&irp, returned, STATUS_SUCCESS, 4);
        assert_int_equal(wt_get32(b, 0), need);
        for (ULONG i = 4; i < sizes[n]; i++)
            assert_int_equal(b[i], WT_FILL);
        wt_assert_canary(b, sizes[n]);
        wt_free(b);
    }
    kmdfsim_wmi_irp irp;
    NTSTATUS returned;
    UCHAR *b = reginfo(IRP_MN_REGINFO, WMIREGISTER, need, &irp, &returned);
    check_reginfo(b, need, g_full, 4, NULL, 0);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
    wt_free(b);
    wt_bring_down();
}

static void test_remove_guid_reported_once(void **state)
{
    (void)state;
    layout();
    wt_bring_up(TRUE);
    ULONG instances;
    assert_int_equal(wt_kernel_guid(&WtGuidA, &instances), WMIREG_FLAG_INSTANCE_PDO);
    assert_int_equal(instances, 2);
    ULONG updates = wt_kernel_update_calls();

    /* One of two instances gone: WMI re-reads the registration at once (UPDATE_GUIDS); no REMOVE_GUID. */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[0]);
    assert_int_equal(wt_kernel_update_calls(), updates + 1);
    assert_int_equal(wt_kernel_guid(&WtGuidA, &instances), WMIREG_FLAG_INSTANCE_PDO);
    assert_int_equal(instances, 1);

    /* The last one: the update's REGINFO_EX answer carries REMOVE_GUID ... */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[1]);
    assert_int_equal(wt_kernel_update_calls(), updates + 2);
    assert_int_equal(wt_kernel_guid(&WtGuidA, &instances), WMIREG_FLAG_INSTANCE_PDO | WMIREG_FLAG_REMOVE_GUID);
    assert_int_equal(instances, 0);
    /* ... and only that one: the provider stays listed with 0 instances. */
    expected_guid now[4];
    memcpy(now, g_full, sizeof(now));
    now[0].instances = 0;
    for (ULONG n = 0; n < 2; n++) {
        kmdfsim_wmi_irp irp;
        NTSTATUS returned;
        UCHAR *b = reginfo(IRP_MN_REGINFO_EX, WMIUPDATE, BIG, &irp, &returned);
        ULONG need = check_reginfo(b, BIG, now, 4, NULL, 0);
        wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
        wt_free(b);
    }

    /* An Expensive provider going to 0 instances: no REMOVE_GUID. */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[2]);
    assert_int_equal(wt_kernel_update_calls(), updates + 3);
    assert_int_equal(wt_kernel_guid(&WtGuidB, &instances), WMIREG_FLAG_INSTANCE_PDO | WMIREG_FLAG_EXPENSIVE);
    assert_int_equal(instances, 0);

    /* Registering again: listed normally. */
    wt_assert_status(WdfWmiInstanceRegister(WmiTest.InstanceHandles[1]), STATUS_SUCCESS);
    assert_int_equal(wt_kernel_guid(&WtGuidA, &instances), WMIREG_FLAG_INSTANCE_PDO);
    assert_int_equal(instances, 1);
    wt_bring_down();
}

static void test_remove_guid_only_while_registered(void **state)
{
    (void)state;
    layout();
    wt_bring_up(FALSE); /* never started: WMI registration not active */
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[0]);
    WdfWmiInstanceDeregister(WmiTest.InstanceHandles[1]);
    expected_guid now[4];
    memcpy(now, g_full, sizeof(now));
    now[0].instances = 0;
    kmdfsim_wmi_irp irp;
    NTSTATUS returned;
    UCHAR *b = reginfo(IRP_MN_REGINFO_EX, WMIREGISTER, BIG, &irp, &returned);
    ULONG need = check_reginfo(b, BIG, now, 4, NULL, 0);
    wt_assert_completion(&irp, returned, STATUS_SUCCESS, need);
    wt_free(b);
    wt_bring_down();
}

int wt_run_reginfo_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reginfo_layout, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_reginfo_without_providers, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_reginfo_mof_name, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_reginfo_too_small, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_remove_guid_reported_once, wt_setup, wt_teardown),
        cmocka_unit_test_setup_teardown(test_remove_guid_only_while_registered, wt_setup, wt_teardown),
    };
    return cmocka_run_group_tests_name("wmi_irp: 3.2.7 REGINFO/REGINFO_EX", tests, NULL, NULL);
}
