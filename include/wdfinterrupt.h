/*
 * wdfinterrupt.h - framework interrupt objects (kmdfsim WDK surface).
 * Minimal: the role types and the DDIs driver code around WMI names.
 * WDF_INTERRUPT_CONFIG is left out (it needs the WDM resource descriptors).
 */
#ifndef _WDFINTERRUPT_H_
#define _WDFINTERRUPT_H_

#include <wdftypes.h>

EXTERN_C_START

/* TRUE if the device raised the interrupt. */
typedef BOOLEAN KMDFSIM_WDF_CALLBACK_ EVT_WDF_INTERRUPT_ISR(_In_ WDFINTERRUPT Interrupt, _In_ ULONG MessageID);
typedef EVT_WDF_INTERRUPT_ISR *PFN_WDF_INTERRUPT_ISR;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_INTERRUPT_DPC(_In_ WDFINTERRUPT Interrupt, _In_ WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_DPC *PFN_WDF_INTERRUPT_DPC;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_INTERRUPT_WORKITEM(_In_ WDFINTERRUPT Interrupt,
                                                              _In_ WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_WORKITEM *PFN_WDF_INTERRUPT_WORKITEM;

typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_INTERRUPT_ENABLE(_In_ WDFINTERRUPT Interrupt,
                                                                _In_ WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_ENABLE *PFN_WDF_INTERRUPT_ENABLE;

typedef NTSTATUS KMDFSIM_WDF_CALLBACK_ EVT_WDF_INTERRUPT_DISABLE(_In_ WDFINTERRUPT Interrupt,
                                                                 _In_ WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_DISABLE *PFN_WDF_INTERRUPT_DISABLE;

/* Runs with the interrupt lock held. */
typedef BOOLEAN KMDFSIM_WDF_CALLBACK_ EVT_WDF_INTERRUPT_SYNCHRONIZE(_In_ WDFINTERRUPT Interrupt,
                                                                    _In_ WDFCONTEXT Context);
typedef EVT_WDF_INTERRUPT_SYNCHRONIZE *PFN_WDF_INTERRUPT_SYNCHRONIZE;

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

WDFAPI BOOLEAN WdfInterruptQueueDpcForIsr(_In_ WDFINTERRUPT Interrupt);

WDFAPI BOOLEAN WdfInterruptQueueWorkItemForIsr(_In_ WDFINTERRUPT Interrupt);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI BOOLEAN WdfInterruptSynchronize(_In_ WDFINTERRUPT Interrupt, _In_ PFN_WDF_INTERRUPT_SYNCHRONIZE Callback,
                                       _In_ WDFCONTEXT Context);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfInterruptAcquireLock(_In_ WDFINTERRUPT Interrupt);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfInterruptReleaseLock(_In_ WDFINTERRUPT Interrupt);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfInterruptEnable(_In_ WDFINTERRUPT Interrupt);

_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfInterruptDisable(_In_ WDFINTERRUPT Interrupt);

WDFAPI WDFDEVICE WdfInterruptGetDevice(_In_ WDFINTERRUPT Interrupt);

EXTERN_C_END

#endif /* _WDFINTERRUPT_H_ */
