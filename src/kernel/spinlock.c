/*
 * spinlock.c - KSPIN_LOCK: a word that holds its owner's thread id.
 *
 * Acquiring raises the simulated IRQL to DISPATCH_LEVEL. A thread that
 * acquires a lock it already holds would hang a real processor forever;
 * here it is a verifier error and the call returns without the lock.
 */
#include "kernel/irql.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"

VOID NTAPI KeInitializeSpinLock(PKSPIN_LOCK SpinLock) { *SpinLock = 0; }

KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
{
    KIRQL old = KeGetCurrentIrql();
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "KeAcquireSpinLock"))
        return old;
    ULONG_PTR self = (ULONG_PTR)kmdfsim_thread_self_id();
    if (__atomic_load_n(SpinLock, __ATOMIC_ACQUIRE) == self) {
        kmdfsim_verify_fail("SPINLOCK_RECURSION", "KeAcquireSpinLock", SpinLock,
                            "the calling thread already holds this spin lock (a deadlock on Windows)");
        return old;
    }
    kmdfsim_irql_set(DISPATCH_LEVEL);
    ULONG_PTR expected = 0;
    while (!__atomic_compare_exchange_n(SpinLock, &expected, self, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        expected = 0;
        kmdfsim_sleep_ms(0); /* the holder may be descheduled: a user-mode thread, unlike a raised processor */
    }
    return old;
}

VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    ULONG_PTR self = (ULONG_PTR)kmdfsim_thread_self_id();
    if (__atomic_load_n(SpinLock, __ATOMIC_ACQUIRE) != self) {
        kmdfsim_verify_fail("SPINLOCK_NOT_OWNED", "KeReleaseSpinLock", SpinLock,
                            "releasing a spin lock the calling thread does not hold");
        return;
    }
    __atomic_store_n(SpinLock, 0, __ATOMIC_RELEASE);
    KeLowerIrql(NewIrql);
}
