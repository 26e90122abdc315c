/*
 * Synchronization: KEVENT (notification and synchronization, timeouts,
 * cross-thread wakeups), KSPIN_LOCK and WDFSPINLOCK (IRQL raised to
 * DISPATCH_LEVEL and restored, recursion reported), WDFWAITLOCK (timeouts,
 * ownership) and the IRQL limits of these DDIs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <kmdfsim/kmdfsim.h>
#include <string.h>

#include "platform/platform.h"

static kmdfsim_driver *g_driver;

static NTSTATUS SyncDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags = WdfDriverInitNonPnpDriver;
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

static int setup(void **state)
{
    (void)state;
    capture_reports();
    return kmdfsim_driver_load(SyncDriverEntry, &g_driver) == STATUS_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kmdfsim_driver_unload(g_driver);
    release_reports();
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    return 0;
}

static LARGE_INTEGER relative_ms(LONGLONG ms)
{
    LARGE_INTEGER t;
    t.QuadPart = -ms * 10000;
    return t;
}

/* ---- KEVENT ------------------------------------------------------------- */

static void test_notification_event_stays_signaled(void **state)
{
    (void)state;
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    assert_int_equal(KeReadStateEvent(&event), 0);
    LARGE_INTEGER zero = {0};
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
    assert_int_equal(KeSetEvent(&event, IO_NO_INCREMENT, FALSE), 0);
    assert_int_equal(KeSetEvent(&event, IO_NO_INCREMENT, FALSE), 1);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    assert_int_equal(KeResetEvent(&event), 1);
    assert_int_equal(KeReadStateEvent(&event), 0);
}

static void test_synchronization_event_auto_resets(void **state)
{
    (void)state;
    KEVENT event;
    KeInitializeEvent(&event, SynchronizationEvent, TRUE);
    LARGE_INTEGER zero = {0};
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    KeClearEvent(&event);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
}

static void test_wait_times_out(void **state)
{
    (void)state;
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    LARGE_INTEGER timeout = relative_ms(20);
    uint64_t start = kmdfsim_monotonic_ns();
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout), STATUS_TIMEOUT);
    uint64_t elapsed_ms = (kmdfsim_monotonic_ns() - start) / 1000000u;
    assert_true(elapsed_ms >= 19);
    assert_true(elapsed_ms < 2000);
}

static void setter(void *arg)
{
    kmdfsim_sleep_ms(10);
    KeSetEvent((PKEVENT)arg, IO_NO_INCREMENT, FALSE);
}

static void test_event_wakes_a_waiting_thread(void **state)
{
    (void)state;
    KEVENT event;
    KeInitializeEvent(&event, SynchronizationEvent, FALSE);
    kmdfsim_thread thread;
    assert_int_equal(kmdfsim_thread_create(&thread, setter, &event), 0);
    LARGE_INTEGER timeout = relative_ms(5000);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout), STATUS_SUCCESS);
    kmdfsim_thread_join(&thread);
    assert_int_equal(KeReadStateEvent(&event), 0); /* consumed by the wait */
}

static void test_event_misuse_is_reported(void **state)
{
    (void)state;
    KEVENT garbage;
    memset(&garbage, 0x5A, sizeof(garbage));
    assert_int_equal(KeSetEvent(&garbage, IO_NO_INCREMENT, FALSE), 0);
    assert_string_equal(g_log.last_rule, "UNINITIALIZED_OBJECT");
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    LARGE_INTEGER zero = {0};
    /* Polling at DISPATCH_LEVEL is allowed; blocking is not. */
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
    assert_int_equal(g_log.errors, 1);
    LARGE_INTEGER timeout = relative_ms(1);
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout);
    KeLowerIrql(old);
    assert_string_equal(g_log.last_rule, "IRQL_TOO_HIGH");
    assert_int_equal(g_log.errors, 2);
}

/* ---- Spin locks --------------------------------------------------------- */

static void test_kspin_lock_raises_and_restores(void **state)
{
    (void)state;
    KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    KIRQL old;
    KeAcquireSpinLock(&lock, &old);
    assert_int_equal(old, PASSIVE_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KIRQL ignored;
    KeAcquireSpinLock(&lock, &ignored); /* recursion: a hang on Windows */
    assert_string_equal(g_log.last_rule, "SPINLOCK_RECURSION");
    KeReleaseSpinLock(&lock, old);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    KeReleaseSpinLock(&lock, old);
    assert_string_equal(g_log.last_rule, "SPINLOCK_NOT_OWNED");
    assert_int_equal(g_log.errors, 2);
}

typedef struct counter_args {
    WDFSPINLOCK lock;
    volatile LONG value;
    int iterations;
} counter_args;

static void count_under_lock(void *arg)
{
    counter_args *a = arg;
    for (int i = 0; i < a->iterations; i++) {
        WdfSpinLockAcquire(a->lock);
        LONG v = a->value;
        a->value = v + 1; /* non-atomic on purpose: the lock must make it safe */
        WdfSpinLockRelease(a->lock);
    }
}

static void test_wdf_spin_lock_excludes_and_restores_irql(void **state)
{
    (void)state;
    counter_args args;
    memset(&args, 0, sizeof(args));
    args.iterations = 20000;
    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &args.lock), STATUS_SUCCESS);
    WdfSpinLockAcquire(args.lock);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    WdfSpinLockRelease(args.lock);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);

    kmdfsim_thread a, b;
    assert_int_equal(kmdfsim_thread_create(&a, count_under_lock, &args), 0);
    assert_int_equal(kmdfsim_thread_create(&b, count_under_lock, &args), 0);
    kmdfsim_thread_join(&a);
    kmdfsim_thread_join(&b);
    assert_int_equal(args.value, 40000);

    /* Acquired from APC_LEVEL, released back to APC_LEVEL. */
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    WdfSpinLockAcquire(args.lock);
    WdfSpinLockRelease(args.lock);
    assert_int_equal(KeGetCurrentIrql(), APC_LEVEL);
    KeLowerIrql(old);
    assert_int_equal(g_log.count, 0);

    WdfSpinLockAcquire(args.lock);
    WdfObjectDelete(args.lock);
    assert_string_equal(g_log.last_rule, "DELETE_HELD_LOCK");
    KeLowerIrql(PASSIVE_LEVEL);
}

/* ---- Wait locks --------------------------------------------------------- */

typedef struct holder_args {
    WDFWAITLOCK lock;
    KEVENT acquired; /* set by the holder once it owns the lock */
    KEVENT release;  /* set by the test when the holder may let go */
} holder_args;

static void hold_until_told(void *arg)
{
    holder_args *h = arg;
    WdfWaitLockAcquire(h->lock, NULL);
    KeSetEvent(&h->acquired, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(&h->release, Executive, KernelMode, FALSE, NULL);
    kmdfsim_sleep_ms(20); /* the test is blocked in an infinite acquire meanwhile */
    WdfWaitLockRelease(h->lock);
}

static void test_wait_lock_timeout_and_ownership(void **state)
{
    (void)state;
    WDFWAITLOCK lock;
    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &lock), STATUS_SUCCESS);
    LONGLONG zero = 0;
    assert_int_equal(WdfWaitLockAcquire(lock, &zero), STATUS_SUCCESS);
    assert_int_equal(WdfWaitLockAcquire(lock, &zero), STATUS_TIMEOUT);
    assert_string_equal(g_log.last_rule, "WAITLOCK_RECURSION");
    WdfWaitLockRelease(lock);
    WdfWaitLockRelease(lock);
    assert_string_equal(g_log.last_rule, "WAITLOCK_NOT_OWNED");
    assert_int_equal(g_log.errors, 2);

    holder_args h;
    h.lock = lock;
    KeInitializeEvent(&h.acquired, NotificationEvent, FALSE);
    KeInitializeEvent(&h.release, NotificationEvent, FALSE);
    kmdfsim_thread holder;
    assert_int_equal(kmdfsim_thread_create(&holder, hold_until_told, &h), 0);
    assert_int_equal(KeWaitForSingleObject(&h.acquired, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    LONGLONG short_wait = -10 * 10000; /* 10 ms */
    assert_int_equal(WdfWaitLockAcquire(lock, &short_wait), STATUS_TIMEOUT);
    KeSetEvent(&h.release, IO_NO_INCREMENT, FALSE);
    assert_int_equal(WdfWaitLockAcquire(lock, NULL), STATUS_SUCCESS); /* waits for the holder */
    WdfWaitLockRelease(lock);
    kmdfsim_thread_join(&holder);
    assert_int_equal(g_log.errors, 2);

    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    assert_int_equal(WdfWaitLockAcquire(lock, NULL), STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfWaitLockAcquire(lock, &zero), STATUS_SUCCESS); /* try-acquire is fine at DISPATCH */
    WdfWaitLockRelease(lock);
    KeLowerIrql(old);
    assert_string_equal(g_log.last_rule, "IRQL_TOO_HIGH");
    WdfObjectDelete(lock);
}

static void test_ddis_check_their_irql(void **state)
{
    (void)state;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    WDFMEMORY memory;
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, PagedPool, 'tseT', 8, &memory, NULL),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_string_equal(g_log.last_where, "WdfMemoryCreate");
    WDFOBJECT object;
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &object), STATUS_SUCCESS); /* <= DISPATCH */
    KeRaiseIrql(HIGH_LEVEL, &old);
    WdfObjectDelete(object);
    assert_string_equal(g_log.last_where, "WdfObjectDelete");
    KeLowerIrql(PASSIVE_LEVEL);
    WdfObjectDelete(object);
    assert_int_equal(g_log.errors, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_notification_event_stays_signaled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synchronization_event_auto_resets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_wakes_a_waiting_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_misuse_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kspin_lock_raises_and_restores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wdf_spin_lock_excludes_and_restores_irql, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_lock_timeout_and_ownership, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddis_check_their_irql, setup, teardown),
    };
    return cmocka_run_group_tests_name("sync", tests, NULL, NULL);
}
