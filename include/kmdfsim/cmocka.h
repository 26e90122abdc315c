/*
 * kmdfsim/cmocka.h - status assertions for tests written with cmocka.
 *
 * For cmocka users only (kmdfsim itself does not depend on cmocka). On
 * failure they print the symbolic names, not just numbers:
 *
 *   assert_nt_success(WdfWmiInstanceRegister(instance));
 *   assert_nt_status(IoWMIOpenBlock(&guid, WMIGUID_QUERY, &object), STATUS_WMI_GUID_NOT_FOUND);
 *   assert_win32(WmiQueryAllDataW(handle, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
 *
 * assert_win32 also prints the NTSTATUS behind the last Win32 result of the
 * thread (kmdfsim_wmi_last_status), which tells which layer failed.
 * Each macro evaluates its arguments once.
 */
#ifndef KMDFSIM_CMOCKA_H_
#define KMDFSIM_CMOCKA_H_

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <kmdfsim/kmdfsim.h>

static inline void kmdfsim_cmocka_nt_success_(NTSTATUS actual, const char *expression, const char *file, int line)
{
    if (!NT_SUCCESS(actual)) {
        print_error("%s is %s (0x%08lX), expected a success status\n", expression, kmdfsim_status_name(actual),
                    (unsigned long)(ULONG)actual);
        _fail(file, line);
    }
}

static inline void kmdfsim_cmocka_nt_status_(NTSTATUS actual, NTSTATUS expected, const char *expression,
                                             const char *file, int line)
{
    if (actual != expected) {
        /* kmdfsim_status_name may reuse one per-thread buffer for unknown codes: print in two steps. */
        print_error("%s is %s (0x%08lX), ", expression, kmdfsim_status_name(actual), (unsigned long)(ULONG)actual);
        print_error("expected %s (0x%08lX)\n", kmdfsim_status_name(expected), (unsigned long)(ULONG)expected);
        _fail(file, line);
    }
}

static inline void kmdfsim_cmocka_win32_(ULONG actual, ULONG expected, const char *expression, const char *file,
                                         int line)
{
    if (actual != expected) {
        NTSTATUS last = kmdfsim_wmi_last_status();
        print_error("%s is %s (%lu), ", expression, kmdfsim_win32_error_name(actual), (unsigned long)actual);
        print_error("expected %s (%lu); ", kmdfsim_win32_error_name(expected), (unsigned long)expected);
        print_error("the last WMI call's NTSTATUS was %s (0x%08lX)\n", kmdfsim_status_name(last),
                    (unsigned long)(ULONG)last);
        _fail(file, line);
    }
}

#define assert_nt_success(x) kmdfsim_cmocka_nt_success_((NTSTATUS)(x), #x, __FILE__, __LINE__)
#define assert_nt_status(x, expected) \
    kmdfsim_cmocka_nt_status_((NTSTATUS)(x), (NTSTATUS)(expected), #x, __FILE__, __LINE__)
#define assert_win32(x, expected) kmdfsim_cmocka_win32_((ULONG)(x), (ULONG)(expected), #x, __FILE__, __LINE__)

#endif /* KMDFSIM_CMOCKA_H_ */
