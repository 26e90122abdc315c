/*
 * waitlock.c - WDFWAITLOCK: a non-recursive lock that may block, with an
 * optional timeout (STATUS_TIMEOUT when it expires).
 */
#include "objects/object.h"

#include "kernel/dispatcher.h"
#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

typedef struct kmdfsim_waitlock {
    kmdfsim_object object;
    uint64_t owner; /* thread id, 0 when free; guarded by the dispatcher lock */
} kmdfsim_waitlock;

static void waitlock_dispose(kmdfsim_object *object)
{
    kmdfsim_waitlock *lock = (kmdfsim_waitlock *)object;
    kmdfsim_dispatcher_lock();
    uint64_t owner = lock->owner;
    kmdfsim_dispatcher_unlock();
    if (owner != 0)
        kmdfsim_verify_fail("DELETE_HELD_LOCK", "WdfObjectDelete", object->handle,
                            "a WDFWAITLOCK is deleted while a thread holds it");
}

static const kmdfsim_object_class g_waitlock_class = {KMDFSIM_KIND_WAITLOCK, "WDFWAITLOCK", TRUE, waitlock_dispose, NULL};

NTSTATUS WdfWaitLockCreate(PWDF_OBJECT_ATTRIBUTES LockAttributes, WDFWAITLOCK *Lock)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWaitLockCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (Lock == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfWaitLockCreate", NULL, "Lock is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    *Lock = NULL;
    return kmdfsim_object_create_and_publish(&g_waitlock_class, sizeof(kmdfsim_waitlock), LockAttributes,
                                        "WdfWaitLockCreate", (WDFOBJECT *)Lock);
}

NTSTATUS WdfWaitLockAcquire(WDFWAITLOCK Lock, PLONGLONG Timeout)
{
    BOOLEAN poll;
    LARGE_INTEGER timeout;
    if (Timeout != NULL)
        timeout.QuadPart = *Timeout;
    uint64_t deadline = kmdfsim_timeout_to_deadline(Timeout != NULL ? &timeout : NULL, &poll);
    /* Only a zero timeout may be used above PASSIVE_LEVEL. */
    if (!kmdfsim_irql_check_max(poll ? DISPATCH_LEVEL : PASSIVE_LEVEL, "WdfWaitLockAcquire"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_waitlock *lock =
        (kmdfsim_waitlock *)kmdfsim_object_from_handle((WDFOBJECT)Lock, KMDFSIM_KIND_WAITLOCK, "WdfWaitLockAcquire");
    if (lock == NULL)
        return STATUS_INVALID_HANDLE;

    uint64_t self = kmdfsim_thread_self_id();
    NTSTATUS status = STATUS_TIMEOUT;
    kmdfsim_dispatcher_lock();
    if (lock->owner == self) {
        kmdfsim_dispatcher_unlock();
        kmdfsim_verify_fail("WAITLOCK_RECURSION", "WdfWaitLockAcquire", Lock,
                            "the calling thread already holds this wait lock (a deadlock on Windows)");
        return STATUS_TIMEOUT;
    }
    for (;;) {
        if (lock->owner == 0) {
            lock->owner = self;
            status = STATUS_SUCCESS;
            break;
        }
        if (poll || !kmdfsim_dispatcher_wait(deadline))
            break;
    }
    kmdfsim_dispatcher_unlock();
    return status;
}

VOID WdfWaitLockRelease(WDFWAITLOCK Lock)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWaitLockRelease"))
        return;
    kmdfsim_waitlock *lock =
        (kmdfsim_waitlock *)kmdfsim_object_from_handle((WDFOBJECT)Lock, KMDFSIM_KIND_WAITLOCK, "WdfWaitLockRelease");
    if (lock == NULL)
        return;
    kmdfsim_dispatcher_lock();
    BOOLEAN owned = lock->owner == kmdfsim_thread_self_id();
    if (owned) {
        lock->owner = 0;
        kmdfsim_dispatcher_wake_all();
    }
    kmdfsim_dispatcher_unlock();
    if (!owned)
        kmdfsim_verify_fail("WAITLOCK_NOT_OWNED", "WdfWaitLockRelease", Lock,
                            "releasing a wait lock the calling thread does not hold");
}
