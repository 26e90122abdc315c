/* System time in Windows units, freezing it for byte-exact tests, and the monotonic clocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kmdfsim/clock.h>
#include <ntddk.h>
#include <time.h>

/* 100-ns ticks between 1601-01-01 and 1970-01-01. */
#define UNIX_EPOCH_AS_FILETIME 116444736000000000LL

static void test_system_time_is_windows_epoch(void **state)
{
    (void)state;
    LARGE_INTEGER now;
    KeQuerySystemTime(&now);
    LONGLONG unix_now = (LONGLONG)time(NULL);
    LONGLONG expected = UNIX_EPOCH_AS_FILETIME + unix_now * 10000000LL;
    /* Within 5 seconds of the C library's idea of now. */
    assert_true(now.QuadPart > expected - 50000000LL);
    assert_true(now.QuadPart < expected + 50000000LL);
}

static void test_freeze_and_unfreeze(void **state)
{
    (void)state;
    kmdfsim_clock_freeze(0x01D9A5B6C7D8E9F0LL);
    LARGE_INTEGER t;
    KeQuerySystemTime(&t);
    assert_int_equal(t.QuadPart, 0x01D9A5B6C7D8E9F0LL);
    KeQuerySystemTimePrecise(&t);
    assert_int_equal(t.QuadPart, 0x01D9A5B6C7D8E9F0LL);
    assert_int_equal(t.LowPart, 0xC7D8E9F0u);
    assert_int_equal(t.HighPart, 0x01D9A5B6);
    kmdfsim_clock_unfreeze();
    KeQuerySystemTime(&t);
    assert_true(t.QuadPart > UNIX_EPOCH_AS_FILETIME);
    assert_true(t.QuadPart != 0x01D9A5B6C7D8E9F0LL);
}

static void test_interrupt_time_and_counter_are_monotonic(void **state)
{
    (void)state;
    ULONGLONG a = KeQueryInterruptTime();
    LARGE_INTEGER freq;
    LARGE_INTEGER c1 = KeQueryPerformanceCounter(&freq);
    /* Let some time pass. */
    LARGE_INTEGER pause;
    pause.QuadPart = -20000; /* 2 ms, relative */
    assert_int_equal(KeDelayExecutionThread(KernelMode, FALSE, &pause), STATUS_SUCCESS);
    ULONGLONG b = KeQueryInterruptTime();
    LARGE_INTEGER c2 = KeQueryPerformanceCounter(NULL);
    assert_true(b >= a + 15000); /* at least 1.5 ms later */
    assert_true(c2.QuadPart >= c1.QuadPart);
    assert_int_equal(freq.QuadPart, 10000000);
    assert_int_equal(KeQueryTimeIncrement(), 156250);
    LARGE_INTEGER ticks;
    KeQueryTickCount(&ticks);
    assert_int_equal(ticks.QuadPart, (LONGLONG)(KeQueryInterruptTime() / 156250u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_system_time_is_windows_epoch),
        cmocka_unit_test(test_freeze_and_unfreeze),
        cmocka_unit_test(test_interrupt_time_and_counter_are_monotonic),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
