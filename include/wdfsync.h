/*
 * wdfsync.h - framework locks: wait locks, spin locks and object
 * presentation locks (kmdfsim WDK surface).
 */
#ifndef _WDFSYNC_H_
#define _WDFSYNC_H_

#include <wdftypes.h>
#include <wdfobject.h>

EXTERN_C_START

/* Takes the lock the framework associates with the object's synchronization scope. */
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfObjectAcquireLock(_In_ WDFOBJECT Object);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfObjectReleaseLock(_In_ WDFOBJECT Object);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfWaitLockCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES LockAttributes, _Out_ WDFWAITLOCK *Lock);

/* Timeout NULL waits forever; a zero timeout only tries (STATUS_TIMEOUT if held). */
_When_(Timeout == NULL, _IRQL_requires_max_(PASSIVE_LEVEL))
_When_(Timeout != NULL, _Must_inspect_result_)
WDFAPI NTSTATUS WdfWaitLockAcquire(_In_ WDFWAITLOCK Lock, _In_opt_ PLONGLONG Timeout);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfWaitLockRelease(_In_ WDFWAITLOCK Lock);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfSpinLockCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES SpinLockAttributes, _Out_ WDFSPINLOCK *SpinLock);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfSpinLockAcquire(_In_ WDFSPINLOCK SpinLock);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfSpinLockRelease(_In_ WDFSPINLOCK SpinLock);

EXTERN_C_END

#endif /* _WDFSYNC_H_ */
