/*
 * wdfresource.h - hardware resource lists handed to EvtDevicePrepareHardware
 * (kmdfsim WDK surface). Minimal: what driver headers name.
 */
#ifndef _WDFRESOURCE_H_
#define _WDFRESOURCE_H_

#include <wdftypes.h>

EXTERN_C_START

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI ULONG WdfCmResourceListGetCount(_In_ WDFCMRESLIST List);

/*
 * Returns a PCM_PARTIAL_RESOURCE_DESCRIPTOR. The type belongs to wdm.h; the
 * struct tag keeps this header independent of whether wdm.h declares it yet.
 */
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI struct _CM_PARTIAL_RESOURCE_DESCRIPTOR *WdfCmResourceListGetDescriptor(_In_ WDFCMRESLIST List,
                                                                              _In_ ULONG Index);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI ULONG WdfIoResourceRequirementsListGetCount(_In_ WDFIORESREQLIST RequirementsList);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFIORESLIST WdfIoResourceRequirementsListGetIoResList(_In_ WDFIORESREQLIST RequirementsList,
                                                              _In_ ULONG Index);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI ULONG WdfIoResourceListGetCount(_In_ WDFIORESLIST ResourceList);

EXTERN_C_END

#endif /* _WDFRESOURCE_H_ */
