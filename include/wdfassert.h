/*
 * wdfassert.h - WDF run-time and compile-time assertions (kmdfsim WDK
 * surface).
 */
#ifndef _WDFASSERT_H_
#define _WDFASSERT_H_

#include <wdftypes.h>
#include <wdfglobals.h>
#include <wdfdriver.h>

/*
 * Live only when the driver was created with WdfVerifyOn in its
 * DriverInitFlags; a failure goes to RtlAssert (a verifier report in kmdfsim).
 */
#define WDFVERIFY(exp)                                                           \
    {                                                                            \
        if ((WdfDriverGlobals->DriverFlags & WdfVerifyOn) && !(exp)) {           \
            RtlAssert((PVOID)(#exp), (PVOID)(__FILE__), (ULONG)__LINE__, NULL);  \
        }                                                                        \
    }

#define VERIFY_IS_IRQL_PASSIVE_LEVEL() WDFVERIFY(KeGetCurrentIrql() == PASSIVE_LEVEL)
#define IS_AT_PASSIVE() WDFVERIFY(KeGetCurrentIrql() == PASSIVE_LEVEL)

/* A statement (used inside functions) that fails to compile when c is false. */
#define WDFCASSERT(c) \
    {                 \
        C_ASSERT(c);  \
    }

#endif /* _WDFASSERT_H_ */
