/*
 * spinlock.c - WDFSPINLOCK: a KSPIN_LOCK inside a framework object.
 *
 * Acquire raises the simulated IRQL to DISPATCH_LEVEL and remembers the
 * previous level for Release, as KMDF does. Recursion, releasing a lock the
 * thread does not hold, and deleting a held lock are verifier errors.
 */
#include "objects/object.h"

#include "kernel/irql.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"

typedef struct kmdfsim_spinlock {
    kmdfsim_object object;
    KSPIN_LOCK lock;
    KIRQL previous_irql; /* valid while held */
} kmdfsim_spinlock;

static void spinlock_dispose(kmdfsim_object *object)
{
    kmdfsim_spinlock *spinlock = (kmdfsim_spinlock *)object;
    if (__atomic_load_n(&spinlock->lock, __ATOMIC_ACQUIRE) != 0)
        kmdfsim_verify_fail("DELETE_HELD_LOCK", "WdfObjectDelete", object->handle,
                            "a WDFSPINLOCK is deleted while a thread holds it");
}

static const kmdfsim_object_class g_spinlock_class = {KMDFSIM_KIND_SPINLOCK, "WDFSPINLOCK", TRUE, spinlock_dispose, NULL};

NTSTATUS WdfSpinLockCreate(PWDF_OBJECT_ATTRIBUTES SpinLockAttributes, WDFSPINLOCK *SpinLock)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfSpinLockCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (SpinLock == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfSpinLockCreate", NULL, "SpinLock is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    *SpinLock = NULL;
    return kmdfsim_object_create_and_publish(&g_spinlock_class, sizeof(kmdfsim_spinlock), SpinLockAttributes,
                                        "WdfSpinLockCreate", (WDFOBJECT *)SpinLock);
}

VOID WdfSpinLockAcquire(WDFSPINLOCK SpinLock)
{
    kmdfsim_spinlock *spinlock =
        (kmdfsim_spinlock *)kmdfsim_object_from_handle((WDFOBJECT)SpinLock, KMDFSIM_KIND_SPINLOCK, "WdfSpinLockAcquire");
    if (spinlock == NULL)
        return;
    KIRQL previous = KeAcquireSpinLockRaiseToDpc(&spinlock->lock);
    if (__atomic_load_n(&spinlock->lock, __ATOMIC_ACQUIRE) == (ULONG_PTR)kmdfsim_thread_self_id())
        spinlock->previous_irql = previous;
}

VOID WdfSpinLockRelease(WDFSPINLOCK SpinLock)
{
    kmdfsim_spinlock *spinlock =
        (kmdfsim_spinlock *)kmdfsim_object_from_handle((WDFOBJECT)SpinLock, KMDFSIM_KIND_SPINLOCK, "WdfSpinLockRelease");
    if (spinlock == NULL)
        return;
    KeReleaseSpinLock(&spinlock->lock, spinlock->previous_irql);
}
