/*
 * test_client_stress: the WMI kernel under concurrency. Seven threads at
 * once: two query (all data and single instances, checking every reply is
 * well-formed and every instance's bytes are consistent), one sets, one
 * registers and deregisters instances of a running device (UPDATE_GUIDS),
 * one fires numbered events, one churns subscriptions, query handles
 * (collection control) and kernel-mode objects, and one removes a device
 * that the others are querying. Afterwards: every event arrived once and
 * in order, the providers' enable state matches the consumers left (none),
 * and nothing leaked. Meant to run under ThreadSanitizer too.
 *
 * CLIENT_STRESS_MS sets the run time (default 1500 ms).
 */
#include <kmdfsim/cmocka.h>
#include <kmdfsim/kmdfsim.h>
#include <wmium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_driver.h"
#include "platform/platform.h"

#define THREADS 7

static kmdfsim_driver *g_driver;
static kmdfsim_device *g_devices[3];
static volatile int32_t g_stop;
static volatile int32_t g_failures;
static volatile int32_t g_removed;
static volatile int32_t g_fired;
static volatile int32_t g_churn_callbacks;
static char g_failure[256];
static kmdfsim_static_mutex g_failure_lock;
static int32_t g_counts[THREADS];

static void failure(const char *what, unsigned long value)
{
    if (kmdfsim_atomic_add32(&g_failures, 1) == 1) {
        kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_failure_lock));
        snprintf(g_failure, sizeof(g_failure), "%s (%lu, last status %s)", what, value,
                 kmdfsim_status_name(kmdfsim_wmi_last_status()));
        kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_failure_lock));
    }
}

/* A writable copy of a GUID for the LPGUID parameters (one per thread). */
static LPGUID stress_guid(const GUID *guid)
{
    static KMDFSIM_THREAD_LOCAL GUID copy;
    copy = *guid;
    return &copy;
}

static BOOLEAN running(void) { return kmdfsim_atomic_load32(&g_stop) == 0; }

/* A tiny per-thread PRNG (xorshift). */
static ULONG next_random(ULONG *seed)
{
    ULONG x = *seed;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *seed = x;
    return x;
}

static const WCHAR *random_name(ULONG *seed, WCHAR *buffer)
{
    ULONG device = next_random(seed) % 3;
    kmdfsim_wmi_instance_name_w(g_devices[device], next_random(seed) % 5, buffer, 64);
    return buffer;
}

static void query_thread(void *arg)
{
    int32_t *count = arg;
    ULONG seed = 0x9E3779B9u ^ (ULONG)(uintptr_t)arg;
    WMIHANDLE h = NULL;
    if (WmiOpenBlock(stress_guid(&CD_DATA_GUID), WMIGUID_QUERY, &h) != ERROR_SUCCESS) {
        failure("open", 0);
        return;
    }
    UCHAR *buffer = NULL;
    ULONG capacity = 0;
    WCHAR name[64];
    while (running()) {
        ULONG size = capacity;
        ULONG r = WmiQueryAllDataW(h, &size, buffer);
        if (r == ERROR_INSUFFICIENT_BUFFER) {
            free(buffer);
            buffer = malloc(size);
            capacity = size;
            continue;
        }
        if (r != ERROR_SUCCESS) {
            failure("WmiQueryAllDataW", r);
            break;
        }
        ULONG n = kmdfsim_wmi_all_data_count(buffer, size);
        if (n == KMDFSIM_WMI_MALFORMED || n == 0) {
            failure("malformed ALL_DATA chain", n);
            break;
        }
        kmdfsim_wmi_instance_data item;
        for (ULONG i = 0; i < n; i++) {
            if (!kmdfsim_wmi_all_data_get(buffer, size, i, &item) || item.name[0] == '\0')
                failure("instance of the chain", i);
        }
        UCHAR single[256];
        size = sizeof(single);
        r = WmiQuerySingleInstanceW(h, random_name(&seed, name), &size, single);
        if (r == ERROR_SUCCESS) {
            if (!kmdfsim_wmi_single_instance_read(single, size, &item))
                failure("malformed single instance", size);
        } else if (r != ERROR_WMI_INSTANCE_NOT_FOUND && r != ERROR_WMI_GUID_NOT_FOUND) {
            failure("WmiQuerySingleInstanceW", r);
        }
        kmdfsim_atomic_add32(count, 1);
    }
    free(buffer);
    WmiCloseBlock(h);
}

static void set_thread(void *arg)
{
    int32_t *count = arg;
    ULONG seed = 0x12345u;
    WMIHANDLE h = NULL;
    if (WmiOpenBlock(stress_guid(&CD_DATA_GUID), WMIGUID_QUERY | WMIGUID_SET, &h) != ERROR_SUCCESS) {
        failure("open for set", 0);
        return;
    }
    WCHAR name[64];
    UCHAR data[16];
    while (running()) {
        ULONG size = 1 + next_random(&seed) % 16;
        memset(data, (int)(next_random(&seed) & 0xFF), sizeof(data));
        ULONG r = (next_random(&seed) & 1) ? WmiSetSingleInstanceW(h, random_name(&seed, name), 0, size, data)
                                           : WmiSetSingleItemW(h, random_name(&seed, name), 1, 0, 1, data);
        if (r != ERROR_SUCCESS && r != ERROR_WMI_INSTANCE_NOT_FOUND && r != ERROR_WMI_GUID_NOT_FOUND)
            failure("set", r);
        kmdfsim_atomic_add32(count, 1);
    }
    WmiCloseBlock(h);
}

static void register_thread(void *arg)
{
    int32_t *count = arg;
    ULONG seed = 0xABCDu;
    PCD_DEVICE device = CdGetDevice(kmdfsim_device_handle(g_devices[1]));
    int added = 0;
    while (running()) {
        ULONG k = 1 + next_random(&seed) % 3;
        WDFWMIINSTANCE instance = device->DataInstance[k];
        if (next_random(&seed) & 1) {
            NTSTATUS status = WdfWmiInstanceRegister(instance);
            if (status != STATUS_SUCCESS && status != STATUS_INVALID_DEVICE_REQUEST) /* already registered */
                failure("WdfWmiInstanceRegister", (unsigned long)status);
        } else {
            WdfWmiInstanceDeregister(instance);
        }
        if (added < 4 && (next_random(&seed) % 64) == 0) {
            if (!NT_SUCCESS(CdAddDataInstance(kmdfsim_device_handle(g_devices[1]), 8, 0x40, NULL)))
                failure("CdAddDataInstance", 0);
            added++;
        }
        kmdfsim_atomic_add32(count, 1);
    }
}

static void fire_thread(void *arg)
{
    int32_t *count = arg;
    PCD_DEVICE device = CdGetDevice(kmdfsim_device_handle(g_devices[0]));
    ULONG sequence = 0;
    while (running() && sequence < 200000) {
        sequence++;
        NTSTATUS status = WdfWmiInstanceFireEvent(device->EventInstance[sequence & 1], sizeof(sequence), &sequence);
        if (status != STATUS_SUCCESS)
            failure("WdfWmiInstanceFireEvent", (unsigned long)status);
        kmdfsim_atomic_store32(&g_fired, (int32_t)sequence);
        kmdfsim_atomic_add32(count, 1);
    }
}

static VOID WMIAPI churn_callback(PWNODE_HEADER wnode, UINT_PTR context)
{
    (void)wnode;
    (void)context;
    kmdfsim_atomic_add32(&g_churn_callbacks, 1);
}

static void churn_thread(void *arg)
{
    int32_t *count = arg;
    PVOID delivery;
    NOTIFICATIONCALLBACK callback = churn_callback;
    memcpy(&delivery, &callback, sizeof(delivery));
    while (running()) {
        if (WmiNotificationRegistrationW(stress_guid(&CD_EVENT_GUID), TRUE, delivery, 1, NOTIFICATION_CALLBACK_DIRECT) !=
            ERROR_SUCCESS)
            failure("subscribe", 0);
        WMIHANDLE q = NULL;
        if (WmiOpenBlock(stress_guid(&CD_EXPENSIVE_GUID), WMIGUID_QUERY, &q) != ERROR_SUCCESS)
            failure("open expensive", 0);
        PVOID object = NULL;
        if (IoWMIOpenBlock(&CD_EXPENSIVE_GUID, WMIGUID_NOTIFICATION, &object) != STATUS_SUCCESS)
            failure("IoWMIOpenBlock", 0);
        if (WmiNotificationRegistrationW(stress_guid(&CD_EVENT_GUID), FALSE, delivery, 1, 0) != ERROR_SUCCESS)
            failure("unsubscribe", 0);
        WmiCloseBlock(q);
        ObDereferenceObject(object);
        kmdfsim_atomic_add32(count, 1);
    }
}

static void remove_thread(void *arg)
{
    int32_t *count = arg;
    kmdfsim_sleep_ms(100);
    if (kmdfsim_device_remove(g_devices[2]) != STATUS_SUCCESS)
        failure("remove", 0);
    kmdfsim_atomic_store32(&g_removed, 1);
    kmdfsim_atomic_add32(count, 1);
}

/* Events must arrive once each, in firing order. */
static void check_events(kmdfsim_wmi_recorder *recorder, ULONG fired)
{
    ULONG n = kmdfsim_wmi_recorder_count(recorder);
    assert_int_equal(n, fired);
    for (ULONG i = 0; i < n; i++) {
        kmdfsim_wmi_event e;
        assert_true(kmdfsim_wmi_recorder_get(recorder, i, &e));
        ULONG sequence;
        assert_int_equal(e.size, sizeof(sequence));
        memcpy(&sequence, e.data, sizeof(sequence));
        assert_int_equal(sequence, i + 1);
        assert_int_equal(e.instance_index, sequence & 1);
    }
}

static void test_stress(void **state)
{
    (void)state;
    const char *ms_text = getenv("CLIENT_STRESS_MS");
    ULONG run_ms = ms_text != NULL ? (ULONG)strtoul(ms_text, NULL, 10) : 1500;
    CdOptions.DataInstances = 4;
    assert_nt_success(kmdfsim_driver_load(CdDriverEntry, &g_driver));
    static const char *const ids[3] = {"ROOT\\STRESS\\0000", "ROOT\\STRESS\\0001", "ROOT\\STRESS\\0002"};
    for (int i = 0; i < 3; i++) {
        assert_nt_success(kmdfsim_device_add(g_driver, ids[i], &g_devices[i]));
        assert_nt_success(kmdfsim_device_start(g_devices[i]));
    }
    kmdfsim_wmi_recorder *recorder = NULL;
    assert_win32(kmdfsim_wmi_recorder_start(&CD_EVENT_GUID, &recorder), ERROR_SUCCESS);

    static const kmdfsim_thread_fn fns[THREADS] = {query_thread, query_thread, set_thread,   register_thread,
                                                   fire_thread,  churn_thread, remove_thread};
    kmdfsim_thread threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(kmdfsim_thread_create(&threads[i], fns[i], &g_counts[i]), 0);
    kmdfsim_sleep_ms(run_ms);
    kmdfsim_atomic_store32(&g_stop, 1);
    for (int i = 0; i < THREADS; i++)
        kmdfsim_thread_join(&threads[i]);
    if (kmdfsim_atomic_load32(&g_failures) != 0)
        fail_msg("%d failure(s); first: %s", (int)g_failures, g_failure);
    printf("stress: %d+%d queries, %d sets, %d registration changes, %d events, %d churns, removal %d\n",
           (int)g_counts[0], (int)g_counts[1], (int)g_counts[2], (int)g_counts[3], (int)g_counts[4],
           (int)g_counts[5], (int)g_counts[6]);
    for (int i = 0; i < 6; i++)
        assert_true(g_counts[i] > 0);
    assert_int_equal(g_removed, 1);

    check_events(recorder, (ULONG)g_fired);
    kmdfsim_wmi_recorder_stop(recorder);
    /* No consumer is left: every provider was told so. */
    for (int i = 0; i < 2; i++) {
        PCD_DEVICE device = CdGetDevice(kmdfsim_device_handle(g_devices[i]));
        assert_false(WdfWmiProviderIsEnabled(device->Events, WdfWmiEventControl));
        assert_false(WdfWmiProviderIsEnabled(device->Expensive, WdfWmiEventControl));
        assert_false(WdfWmiProviderIsEnabled(device->Expensive, WdfWmiInstanceControl));
    }
    /* The registry still answers, and the removed device is gone from it. */
    WMIHANDLE h = NULL;
    assert_win32(WmiOpenBlock(stress_guid(&CD_DATA_GUID), WMIGUID_QUERY, &h), ERROR_SUCCESS);
    UCHAR buffer[4096];
    ULONG size = sizeof(buffer);
    assert_win32(WmiQueryAllDataW(h, &size, buffer), ERROR_SUCCESS);
    assert_int_equal(kmdfsim_wmi_all_data_wnode_count(buffer, size), 2);
    assert_win32(WmiCloseBlock(h), ERROR_SUCCESS);

    kmdfsim_driver_unload(g_driver);
    CdOptions.DataInstances = 0;
    assert_int_equal(kmdfsim_live_object_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_stress)};
    return cmocka_run_group_tests_name("client: stress", tests, NULL, NULL);
}
