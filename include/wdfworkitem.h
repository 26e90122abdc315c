/*
 * wdfworkitem.h - framework work items (kmdfsim WDK surface).
 */
#ifndef _WDFWORKITEM_H_
#define _WDFWORKITEM_H_

#include <wdftypes.h>
#include <wdfobject.h>

EXTERN_C_START

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_WORKITEM(_In_ WDFWORKITEM WorkItem);
typedef EVT_WDF_WORKITEM *PFN_WDF_WORKITEM;

typedef struct _WDF_WORKITEM_CONFIG {
    ULONG Size;
    PFN_WDF_WORKITEM EvtWorkItemFunc;
    BOOLEAN AutomaticSerialization; /* serialize with the parent's callbacks */
} WDF_WORKITEM_CONFIG, *PWDF_WORKITEM_CONFIG;

FORCEINLINE VOID WDF_WORKITEM_CONFIG_INIT(_Out_ PWDF_WORKITEM_CONFIG Config, _In_ PFN_WDF_WORKITEM EvtWorkItemFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_WORKITEM_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_WORKITEM_CONFIG);
    Config->EvtWorkItemFunc = EvtWorkItemFunc;
    Config->AutomaticSerialization = TRUE;
}

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

/* Attributes are required: a work item needs a ParentObject. */
_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfWorkItemCreate(_In_ PWDF_WORKITEM_CONFIG Config, _In_ PWDF_OBJECT_ATTRIBUTES Attributes,
                                  _Out_ WDFWORKITEM *WorkItem);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfWorkItemEnqueue(_In_ WDFWORKITEM WorkItem);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFOBJECT WdfWorkItemGetParentObject(_In_ WDFWORKITEM WorkItem);

/* Waits until a queued or running callback has returned. */
_IRQL_requires_max_(PASSIVE_LEVEL)
WDFAPI VOID WdfWorkItemFlush(_In_ WDFWORKITEM WorkItem);

EXTERN_C_END

#endif /* _WDFWORKITEM_H_ */
