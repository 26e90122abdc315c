/*
 * wdfio.h - framework I/O queues (kmdfsim WDK surface).
 *
 * Declared so that driver headers and queue callbacks compile; kmdfsim's WMI
 * emulation does not route I/O requests.
 */
#ifndef _WDFIO_H_
#define _WDFIO_H_

#include <wdftypes.h>
#include <wdfobject.h>
#include <wdfrequest.h>

EXTERN_C_START

/* Sequential: one request at a time. Parallel: as they arrive. Manual: the driver pulls. */
typedef enum _WDF_IO_QUEUE_DISPATCH_TYPE {
    WdfIoQueueDispatchInvalid = 0,
    WdfIoQueueDispatchSequential = 1,
    WdfIoQueueDispatchParallel = 2,
    WdfIoQueueDispatchManual = 3,
    WdfIoQueueDispatchMax = 4
} WDF_IO_QUEUE_DISPATCH_TYPE;

typedef enum _WDF_IO_QUEUE_STATE {
    WdfIoQueueAcceptRequests = 0x01,
    WdfIoQueueDispatchRequests = 0x02,
    WdfIoQueueNoRequests = 0x04,
    WdfIoQueueDriverNoRequests = 0x08,
    WdfIoQueuePnpHeld = 0x10
} WDF_IO_QUEUE_STATE;

/* Nothing queued and nothing held by the driver. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_IDLE(_In_ WDF_IO_QUEUE_STATE State)
{
    return ((State & WdfIoQueueNoRequests) && (State & WdfIoQueueDriverNoRequests)) ? TRUE : FALSE;
}

/* Accepting and dispatching, and not held by PnP. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_READY(_In_ WDF_IO_QUEUE_STATE State)
{
    return ((State & WdfIoQueueDispatchRequests) && (State & WdfIoQueueAcceptRequests) &&
            ((State & WdfIoQueuePnpHeld) == 0))
               ? TRUE
               : FALSE;
}

/* Accepting but not dispatching, and the driver holds no request. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_STOPPED(_In_ WDF_IO_QUEUE_STATE State)
{
    return (((State & WdfIoQueueDispatchRequests) == 0) && (State & WdfIoQueueAcceptRequests) &&
            (State & WdfIoQueueDriverNoRequests))
               ? TRUE
               : FALSE;
}

/* Not accepting, still dispatching, and empty everywhere. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_DRAINED(_In_ WDF_IO_QUEUE_STATE State)
{
    return (((State & WdfIoQueueAcceptRequests) == 0) && (State & WdfIoQueueDispatchRequests) &&
            (State & WdfIoQueueNoRequests) && (State & WdfIoQueueDriverNoRequests))
               ? TRUE
               : FALSE;
}

/* Not accepting, and empty everywhere. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_PURGED(_In_ WDF_IO_QUEUE_STATE State)
{
    return (((State & WdfIoQueueAcceptRequests) == 0) && (State & WdfIoQueueNoRequests) &&
            (State & WdfIoQueueDriverNoRequests))
               ? TRUE
               : FALSE;
}

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_DEFAULT(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_DEFAULT *PFN_WDF_IO_QUEUE_IO_DEFAULT;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_STOP(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                                            _In_ ULONG ActionFlags);
typedef EVT_WDF_IO_QUEUE_IO_STOP *PFN_WDF_IO_QUEUE_IO_STOP;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_RESUME(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_RESUME *PFN_WDF_IO_QUEUE_IO_RESUME;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_READ(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                                            _In_ size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_READ *PFN_WDF_IO_QUEUE_IO_READ;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_WRITE(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                                             _In_ size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_WRITE *PFN_WDF_IO_QUEUE_IO_WRITE;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                                                     _In_ size_t OutputBufferLength,
                                                                     _In_ size_t InputBufferLength,
                                                                     _In_ ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL(_In_ WDFQUEUE Queue,
                                                                              _In_ WDFREQUEST Request,
                                                                              _In_ size_t OutputBufferLength,
                                                                              _In_ size_t InputBufferLength,
                                                                              _In_ ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE(_In_ WDFQUEUE Queue,
                                                                        _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE *PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_IO_QUEUE_STATE(_In_ WDFQUEUE Queue, _In_ WDFCONTEXT Context);
typedef EVT_WDF_IO_QUEUE_STATE *PFN_WDF_IO_QUEUE_STATE;

/* Role names for a queue's object cleanup/destroy callbacks. */
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_IO_QUEUE_CONTEXT_CLEANUP_CALLBACK;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_IO_QUEUE_CONTEXT_DESTROY_CALLBACK;

typedef struct _WDF_IO_QUEUE_CONFIG {
    ULONG Size;
    WDF_IO_QUEUE_DISPATCH_TYPE DispatchType;
    WDF_TRI_STATE PowerManaged;
    BOOLEAN AllowZeroLengthRequests;
    BOOLEAN DefaultQueue;
    PFN_WDF_IO_QUEUE_IO_DEFAULT EvtIoDefault;
    PFN_WDF_IO_QUEUE_IO_READ EvtIoRead;
    PFN_WDF_IO_QUEUE_IO_WRITE EvtIoWrite;
    PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL EvtIoDeviceControl;
    PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL EvtIoInternalDeviceControl;
    PFN_WDF_IO_QUEUE_IO_STOP EvtIoStop;
    PFN_WDF_IO_QUEUE_IO_RESUME EvtIoResume;
    PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE EvtIoCanceledOnQueue;
    union {
        struct {
            ULONG NumberOfPresentedRequests; /* (ULONG)-1: no limit */
        } Parallel;
    } Settings;
    WDFDRIVER Driver;
} WDF_IO_QUEUE_CONFIG, *PWDF_IO_QUEUE_CONFIG;

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT(_Out_ PWDF_IO_QUEUE_CONFIG Config,
                                          _In_ WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    RtlZeroMemory(Config, sizeof(WDF_IO_QUEUE_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_IO_QUEUE_CONFIG);
    Config->PowerManaged = WdfUseDefault;
    Config->DispatchType = DispatchType;
    if (Config->DispatchType == WdfIoQueueDispatchParallel) {
        Config->Settings.Parallel.NumberOfPresentedRequests = (ULONG)-1;
    }
}

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(_Out_ PWDF_IO_QUEUE_CONFIG Config,
                                                        _In_ WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
    Config->DefaultQueue = TRUE;
}

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfIoQueueCreate(_In_ WDFDEVICE Device, _In_ PWDF_IO_QUEUE_CONFIG Config,
                                 _In_opt_ PWDF_OBJECT_ATTRIBUTES QueueAttributes, _Out_opt_ WDFQUEUE *Queue);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDF_IO_QUEUE_STATE WdfIoQueueGetState(_In_ WDFQUEUE Queue, _Out_opt_ PULONG QueueRequests,
                                             _Out_opt_ PULONG DriverRequests);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfIoQueueStart(_In_ WDFQUEUE Queue);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfIoQueueStop(_In_ WDFQUEUE Queue, _In_opt_ PFN_WDF_IO_QUEUE_STATE StopComplete,
                           _In_opt_ WDFCONTEXT Context);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfIoQueueStopSynchronously(_In_ WDFQUEUE Queue);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFDEVICE WdfIoQueueGetDevice(_In_ WDFQUEUE Queue);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfIoQueueRetrieveNextRequest(_In_ WDFQUEUE Queue, _Out_ WDFREQUEST *OutRequest);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfIoQueuePurge(_In_ WDFQUEUE Queue, _In_opt_ PFN_WDF_IO_QUEUE_STATE PurgeComplete,
                            _In_opt_ WDFCONTEXT Context);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfIoQueuePurgeSynchronously(_In_ WDFQUEUE Queue);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfIoQueueDrain(_In_ WDFQUEUE Queue, _In_opt_ PFN_WDF_IO_QUEUE_STATE DrainComplete,
                            _In_opt_ WDFCONTEXT Context);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfIoQueueDrainSynchronously(_In_ WDFQUEUE Queue);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfIoQueueReadyNotify(_In_ WDFQUEUE Queue, _In_opt_ PFN_WDF_IO_QUEUE_STATE QueueReady,
                                      _In_opt_ WDFCONTEXT Context);

EXTERN_C_END

#endif /* _WDFIO_H_ */
